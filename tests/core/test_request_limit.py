"""An oversized request is refused before its body is read: 413 with the limit, Chinese first."""

from django.test import Client


def test_an_oversized_upload_is_refused_unread(db, settings):
    settings.MAX_REQUEST_MB = 1
    response = Client().post(
        "/demands/new/from-word/",
        data=b"x" * 10,
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(2 * 1024 * 1024),
    )
    assert response.status_code == 413
    text = response.content.decode()
    assert text.index("超过 1 MB") < text.index("larger than 1 MB")


def test_the_api_gets_413_as_json(db, settings):
    settings.MAX_REQUEST_MB = 1
    response = Client().post(
        "/api/v1/demands", data=b"{}", content_type="application/json", CONTENT_LENGTH=str(5 * 1024 * 1024)
    )
    assert response.status_code == 413
    assert "1 MB" in response.json()["detail"]


def test_a_request_within_the_limit_reaches_the_view(db, settings):
    settings.MAX_REQUEST_MB = 1
    response = Client().post("/api/v1/demands", data=b"{}", content_type="application/json")
    assert response.status_code == 401  # the view's own answer: not signed in
