"""Pages that send mail or create accounts answer 429 with Retry-After and a message in the reader's
language once one address (or one recipient) went over its rate in THROTTLE_RATES."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings

from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

RATES = {
    "register": "2/h",
    "password_reset": "2/h",
    "verification_mail": "2/h",
    "mail_recipient": "3/h",
    "catalog_search": "3/min",
    "api_token": "3/min",
    "api_address": "5/min",
}


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    def send(client, url, data):
        # the reset and verification mails are queued once the request commits
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return send


@pytest.fixture(autouse=True)
def throttling():
    cache.clear()
    with override_settings(THROTTLE_ENABLED=True, THROTTLE_RATES=RATES):
        yield
    cache.clear()


def _posts(post, client, url, data, times):
    return [post(client, url, data) for _ in range(times)]


def test_registration_is_throttled_per_address_in_chinese(post):
    client = Client(REMOTE_ADDR="10.0.0.1")
    answers = _posts(post, client, "/accounts/register/", {"username": "x"}, 3)

    assert [a.status_code for a in answers] == [200, 200, 429]
    refused = answers[-1]
    assert 1 <= int(refused["Retry-After"]) <= 3600
    assert "请求过于频繁" in refused.content.decode()
    # another address is not held up by the first
    assert Client(REMOTE_ADDR="10.0.0.2").post("/accounts/register/", {}).status_code == 200


def test_the_throttled_page_speaks_english_to_an_english_reader(post):
    client = Client(REMOTE_ADDR="10.0.0.3", headers={"accept-language": "en"})
    answers = _posts(post, client, "/accounts/register/", {}, 3)

    assert answers[-1].status_code == 429
    assert "Too many requests. Please try again in" in answers[-1].content.decode()


def test_password_reset_requests_are_throttled_and_send_no_more_mail(post):
    UserFactory(email="reset@example.test")
    client = Client(REMOTE_ADDR="10.0.0.4")
    answers = _posts(post, client, "/accounts/password-reset/", {"email": "reset@example.test"}, 3)

    assert [a.status_code for a in answers] == [302, 302, 429]
    assert int(answers[-1]["Retry-After"]) > 0
    assert len(mail.outbox) == 2


def test_a_recipient_is_not_flooded_from_many_addresses(post):
    UserFactory(email="victim@example.test")
    statuses = [
        post(Client(REMOTE_ADDR=f"10.1.0.{n}"), "/accounts/password-reset/", {"email": "victim@example.test"})
        for n in range(4)
    ]

    assert [s.status_code for s in statuses] == [302, 302, 302, 429]
    assert len(mail.outbox) == 3


def test_verification_mails_are_resent_until_the_rate(post):
    UserFactory(email="new@example.test", is_active=False, email_verified=False)
    client = Client(REMOTE_ADDR="10.0.0.5")
    answers = _posts(post, client, "/accounts/verify/again/", {"email": "new@example.test"}, 3)

    assert [a.status_code for a in answers] == [200, 200, 429]
    assert "请求过于频繁" in answers[-1].content.decode()
    assert [m.to for m in mail.outbox] == [["new@example.test"], ["new@example.test"]]


def test_resending_to_an_unknown_address_says_the_same_and_sends_nothing():
    answer = Client().post("/accounts/verify/again/", {"email": "nobody@example.test"})

    assert answer.status_code == 200
    assert "nobody@example.test" in answer.content.decode()
    assert mail.outbox == []


def test_viewing_the_forms_is_not_counted():
    client = Client(REMOTE_ADDR="10.0.0.6")
    for _ in range(5):
        assert client.get("/accounts/register/").status_code == 200
        assert client.get("/accounts/password-reset/").status_code == 200


@override_settings(PROXY_COUNT=1)
def test_behind_a_proxy_the_address_it_recorded_is_counted():
    statuses = [
        Client(REMOTE_ADDR="192.168.0.1", headers={"x-forwarded-for": f"1.2.3.{n}"}).post(
            "/accounts/register/", {}
        )
        for n in range(3)
    ]
    # three callers behind the same proxy: each its own count
    assert [s.status_code for s in statuses] == [200, 200, 200]
