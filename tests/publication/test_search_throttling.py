"""The public catalog search is counted per address: a scraper gets 429, others browse on."""

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def throttling():
    cache.clear()
    rates = {"catalog_search": "3/min", "api_address": "1000/min", "api_token": "1000/min"}
    with override_settings(THROTTLE_ENABLED=True, THROTTLE_RATES=rates):
        yield
    cache.clear()


@pytest.mark.parametrize("path", ["/catalog/", "/en/catalog/"])
def test_catalog_search_is_throttled_per_address(path):
    client = Client(REMOTE_ADDR="10.2.0.1")
    statuses = [client.get(path, {"q": "锂电池"}).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    refused = client.get(path, {"q": "隔膜"})
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert Client(REMOTE_ADDR="10.2.0.2").get(path, {"q": "锂电池"}).status_code == 200


def test_the_refusal_is_said_in_chinese_and_in_english():
    client = Client(REMOTE_ADDR="10.2.0.3")
    for _ in range(3):
        client.get("/catalog/")
    chinese = client.get("/catalog/").content.decode()
    english = client.get("/catalog/", headers={"accept-language": "en"}).content.decode()

    assert "请求过于频繁" in chinese
    assert "Too many requests." in english


def test_the_detail_pages_are_not_counted():
    client = Client(REMOTE_ADDR="10.2.0.4")
    for _ in range(5):
        client.get("/catalog/hs2021/1/")
    assert client.get("/catalog/").status_code == 200
