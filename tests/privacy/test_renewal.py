"""A new version of the notice is accepted again before anything else."""

from innochallenge.privacy.models import Consent
from tests.factories.accounts import UserFactory


def test_a_new_version_sends_a_signed_in_person_to_the_accept_page(db, client, settings):
    person = UserFactory()
    client.force_login(person)
    settings.PRIVACY_NOTICE_VERSION = "2099.1"

    response = client.get("/demands/")
    assert response.status_code == 302
    assert response["Location"] == "/privacy/accept/?next=%2Fdemands%2F"
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "《个人信息保护声明》已更新" in page and "2099.1" in page


def test_accepting_records_a_renewal_and_goes_on(db, client, settings):
    person = UserFactory()
    client.force_login(person)
    settings.PRIVACY_NOTICE_VERSION = "2099.1"

    refused = client.post("/privacy/accept/", {"next": "/demands/"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "请勾选" in refused.content.decode()
    response = client.post("/privacy/accept/", {"privacy_consent": "on", "next": "/demands/"})

    assert response["Location"] == "/demands/"
    latest = Consent.objects.filter(user=person).first()
    assert (latest.notice_version, latest.context) == ("2099.1", "renewal")
    assert client.get("/").status_code == 200


def test_an_account_that_never_accepted_is_asked_too(db, client):
    client.force_login(UserFactory(consent=False))
    assert client.get("/demands/")["Location"].startswith("/privacy/accept/")


def test_the_notice_logout_and_static_files_stay_open(db, client, settings):
    client.force_login(UserFactory())
    settings.PRIVACY_NOTICE_VERSION = "2099.1"
    assert client.get("/privacy/").status_code == 200
    assert client.get("/en/privacy/").status_code == 200
    assert client.get("/privacy/my-data/").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert not client.session.get("_auth_user_id")


def test_the_api_answers_403_json_for_a_session_that_must_accept(db, client, settings):
    client.force_login(UserFactory())
    settings.PRIVACY_NOTICE_VERSION = "2099.1"
    response = client.get("/api/v1/demands", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 403
    assert "同意新版《个人信息保护声明》" in response.json()["detail"]


def test_no_redirect_to_another_site_after_accepting(db, client):
    client.force_login(UserFactory())
    response = client.post("/privacy/accept/", {"privacy_consent": "on", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_a_fragment_request_sends_the_whole_page_to_the_accept_page(db, client, settings):
    client.force_login(UserFactory())
    settings.PRIVACY_NOTICE_VERSION = "2099.1"
    response = client.get("/demands/", headers={"HX-Request": "true"})
    assert (response.status_code, response["HX-Redirect"]) == (204, "/privacy/accept/?next=%2F")
