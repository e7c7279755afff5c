"""The API counts calls per bearer token and per client address (django-ninja's throttles at
THROTTLE_RATES) and answers 429 in its JSON error shape, with Retry-After, in the caller's language."""

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from innochallenge.accounts.services import issue_api_token
from tests.factories.accounts import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

RATES = {"api_token": "3/min", "api_address": "5/min"}


@pytest.fixture(autouse=True)
def throttling():
    cache.clear()
    with override_settings(THROTTLE_ENABLED=True, THROTTLE_RATES=RATES):
        yield
    cache.clear()


def _token() -> str:
    user = UserFactory(role="organiser")
    return issue_api_token(username=user.username, password=PASSWORD)


def _get(token: str, address: str, **headers):
    client = Client(REMOTE_ADDR=address)
    return client.get("/api/v1/demands", headers={"authorization": f"Bearer {token}"} | headers)


def test_a_token_is_throttled_at_its_rate_with_the_json_shape():
    token = _token()
    answers = [_get(token, f"10.3.0.{n}") for n in range(4)]  # a new address each time: the token counts

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert refused["Content-Type"].startswith("application/json")
    assert set(refused.json()) == {"detail", "errors"}
    assert refused.json()["errors"] == {}
    assert "请求过于频繁" in refused.json()["detail"]
    assert 1 <= int(refused["Retry-After"]) <= 60


def test_another_token_is_counted_apart():
    first, second = _token(), _token()
    for _ in range(3):
        _get(first, "10.3.1.1")

    assert _get(first, "10.3.1.2").status_code == 429
    assert _get(second, "10.3.1.3").status_code == 200


def test_one_address_is_throttled_whatever_tokens_it_uses():
    answers = [_get(_token(), "10.3.2.1") for _ in range(6)]

    assert [a.status_code for a in answers] == [200] * 5 + [429]


def test_anonymous_calls_are_counted_per_address():
    client = Client(REMOTE_ADDR="10.3.3.1")
    statuses = [client.get("/api/v1/public/demands").status_code for _ in range(6)]

    assert statuses == [200] * 5 + [429]
    assert Client(REMOTE_ADDR="10.3.3.2").get("/api/v1/public/demands").status_code == 200


def test_the_refusal_speaks_english_when_asked():
    client = Client(REMOTE_ADDR="10.3.4.1")
    for _ in range(5):
        client.get("/api/v1/public/demands")
    refused = client.get("/api/v1/public/demands", headers={"accept-language": "en"})

    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("Too many requests. Please try again in")


@override_settings(THROTTLE_ENABLED=False)
def test_nothing_is_counted_when_throttling_is_off():
    client = Client(REMOTE_ADDR="10.3.5.1")
    assert {client.get("/api/v1/public/demands").status_code for _ in range(8)} == {200}
