"""A liaison files and moves demands of his own district only: through the API, the web form and the
importer alike (issue 19: the API let a liaison file into, or move a demand to, another district)."""

import pytest

from innochallenge.demands.models import Demand
from tests.demands.conftest import api_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def liaison(liaison_of):
    return liaison_of("xiangcheng")


def test_the_api_refuses_a_demand_filed_into_another_district(liaison, form_values):
    response = api_client(liaison).post(
        "/api/v1/demands", form_values | {"district": "吴江区"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"]["district"] == ["您只能填报本地区的需求。"]
    assert not Demand.objects.exists()


def test_the_api_refuses_moving_a_demand_to_another_district(liaison, form_values):
    client = api_client(liaison)
    created = client.post("/api/v1/demands", form_values, content_type="application/json")
    assert created.status_code == 201
    moved = client.patch(
        f"/api/v1/demands/{created.json()['id']}", {"district": "吴江区"}, content_type="application/json"
    )
    assert moved.status_code == 422
    assert Demand.objects.get().district.name == "相城区"


def test_the_web_form_refuses_it_in_chinese(liaison, form_values, client, in_collection):
    client.force_login(liaison)
    wujiang = liaison.district.campaign.districts.get(name="吴江区")
    response = client.post(
        "/demands/new/",
        form_values | {"district": wujiang.code, "save": "1", "privacy_consent": "on"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 422
    assert "您只能填报本地区的需求。" in response.content.decode()
    assert not Demand.objects.exists()
