"""While the database restarts, a request fails cleanly: 503 with Retry-After and a page (or JSON for the
API) that says nothing was saved, never Django's bare 500."""

from unittest import mock

import pytest
from django.db.utils import InterfaceError, OperationalError
from django.test import Client

from innochallenge.site import views


def get_healthz_failing_with(error: Exception):
    """The healthz probe's query fails the way psycopg and sqlite fail while the server restarts (only
    during the request: the test database itself stays reachable)."""
    with mock.patch.object(views.connection, "cursor", side_effect=error):
        return Client(raise_request_exception=False).get("/healthz")


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_page_gets_503_with_retry_after_in_chinese_first(db, error):
    response = get_healthz_failing_with(error("server closed the connection unexpectedly"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert html.index("没有保存") < html.index("not saved")


def test_the_api_gets_503_as_json(db, monkeypatch):
    from innochallenge.campaigns.models import Campaign

    def away(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(Campaign.objects, "all", away)
    response = Client(raise_request_exception=False).get("/api/v1/campaigns")
    assert response.status_code == 503
    assert response.json()["detail"].startswith("数据库暂时无法连接")


def test_other_errors_stay_500(db):
    response = get_healthz_failing_with(ValueError("a bug"))
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_any_other_api_failure_is_a_500_in_the_apis_json_shape(db, monkeypatch):
    from innochallenge.campaigns.models import Campaign

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(Campaign.objects, "all", broken)
    response = Client(raise_request_exception=False).get("/api/v1/campaigns")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["errors"] == {} and body["detail"].startswith("服务器出错")
