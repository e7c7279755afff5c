from openapi_spec_validator import validate


def test_campaign_api_returns_the_ten_districts_with_quotas(hs2021, client):
    response = client.get("/api/v1/campaigns/hs2021")

    assert response.status_code == 200
    body = response.json()
    assert len(body["districts"]) == 10
    assert body["districts"][7] == {
        "code": "gusu",
        "name": "姑苏区",
        "name_en": "Gusu District",
        "demand_target": 20,
        "leading_min": 1,
        "leading_max": 2,
        "min_demands_per_leading": 3,
    }
    assert [w["stage"] for w in body["windows"]][:2] == ["collection", "diagnosis"]
    assert {"starts_on": "2021-05-08", "ends_on": "2021-05-20"}.items() <= body["windows"][0].items()
    assert len(body["industry_fields"]) == 6
    assert body["prize_total_yuan"] == "800000.00"
    assert body["current_stages"] == []  # 2021 is over


def test_campaign_api_unknown_slug_is_404_in_the_error_shape(db, client):
    response = client.get("/api/v1/campaigns/nope")

    assert response.status_code == 404
    assert response.json()["errors"] == {}
    assert response.json()["detail"]


def test_campaign_list_is_paginated(hs2021, client):
    body = client.get("/api/v1/campaigns").json()

    assert body["count"] == 1
    assert body["items"][0]["slug"] == "hs2021"


def test_openapi_document_validates(db, client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    document = response.json()
    validate(document)
    assert "/api/v1/auth/token" in document["paths"]
    assert "/api/v1/campaigns/{slug}" in document["paths"]
