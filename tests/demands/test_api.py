"""The demands API of DESIGN.md: draft, patch, submit, list with filters, detail, quota progress."""

import pytest
from django.test import Client

from innochallenge.accounts.enums import Role
from innochallenge.demands import services
from innochallenge.demands.enums import DemandStatus
from tests.demands.conftest import DESCRIPTION_50, api_client
from tests.factories.accounts import UserFactory


def post(client, path, data=None):
    return client.post(path, data or {}, content_type="application/json")


def test_anonymous_callers_are_refused(hs2021):
    response = Client().get("/api/v1/demands")
    assert response.status_code == 401
    assert set(response.json()) == {"detail", "errors"}


def test_draft_patch_submit(hs2021, enterprise_user, form_values, in_collection):
    client = api_client(enterprise_user)
    response = post(client, "/api/v1/demands", {"campaign": "hs2021", "title": "草稿"})
    assert response.status_code == 201, response.json()
    demand = response.json()
    assert (demand["status"], demand["reference"]) == ("draft", "HS2021-0001")

    values = dict(form_values, budget_wan=150, cooperation_modes=["joint-development", "Technology transfer"])
    response = client.patch(f"/api/v1/demands/{demand['id']}", values, content_type="application/json")
    assert response.status_code == 200, response.json()
    assert response.json()["cooperation_modes"] == ["transfer", "joint-development"]
    assert response.json()["district"] == "xiangcheng"

    response = post(client, f"/api/v1/demands/{demand['id']}/submit")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "submitted"
    assert response.json()["contact_phone"] == "13912345678"


@pytest.mark.parametrize(
    ("description", "accepted"), [(DESCRIPTION_50[:-1], False), (DESCRIPTION_50, True)], ids=["49", "50"]
)
def test_description_49_refused_50_accepted(
    hs2021, enterprise_user, form_values, in_collection, description, accepted
):
    client = api_client(enterprise_user)
    demand = post(client, "/api/v1/demands", dict(form_values, description=description)).json()
    response = post(client, f"/api/v1/demands/{demand['id']}/submit")
    if accepted:
        assert response.status_code == 200
    else:
        assert response.status_code == 422
        body = response.json()
        assert list(body["errors"]) == ["description"]
        assert "49" in body["errors"]["description"][0]


def test_submission_after_the_window_is_a_conflict_with_the_dates(
    hs2021, enterprise_user, form_values, after_collection
):
    client = api_client(enterprise_user)
    demand = post(client, "/api/v1/demands", form_values).json()
    response = post(client, f"/api/v1/demands/{demand['id']}/submit")
    assert response.status_code == 409
    assert "2021" in response.json()["detail"]


def test_bad_input_is_a_422_naming_fields_never_a_500(hs2021, enterprise_user):
    client = api_client(enterprise_user)
    response = post(client, "/api/v1/demands", {"budget_wan": "很多", "district": "浦东新区"})
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"budget_wan", "district"}
    response = post(client, "/api/v1/demands", {"cooperation_modes": "not a list"})
    assert response.status_code == 422


def test_lists_follow_the_role_and_filters(
    hs2021, organiser, liaison_of, enterprise_user, broker, form_values
):
    for district in ("相城区", "相城区", "吴中区"):
        services.create_demand(
            hs2021, dict(form_values, district=district, title=f"{district}需求"), by=organiser, submit=True
        )
    services.create_demand(hs2021, {"title": "相城草稿", "district": "相城区"}, by=organiser)
    mine = services.create_demand(hs2021, {"title": "企业自己的草稿"}, by=enterprise_user)

    def listed(user, query=""):
        body = api_client(user).get(f"/api/v1/demands{query}").json()
        return body["count"], body["items"]

    assert listed(organiser)[0] == 5
    assert listed(organiser, "?district=xiangcheng&status=submitted")[0] == 2
    # The organiser's draft 相城草稿 is not the liaison's: a draft is seen by whoever filed it (issue 17).
    assert listed(liaison_of("xiangcheng"))[0] == 2
    count, items = listed(enterprise_user)
    assert (count, items[0]["id"]) == (1, mine.pk)
    count, items = listed(broker)
    assert count == 3  # handed-in demands only
    assert all(item["contact_phone"] is None and item["contact_email"] is None for item in items)


def test_others_demands_are_not_found_and_not_changeable(hs2021, enterprise_user, liaison_of, form_values):
    demand = services.create_demand(hs2021, form_values, by=enterprise_user)
    stranger = UserFactory(role=Role.ENTERPRISE)
    assert api_client(stranger).get(f"/api/v1/demands/{demand.pk}").status_code == 404
    other_liaison = api_client(liaison_of("wuzhong"))
    response = other_liaison.patch(
        f"/api/v1/demands/{demand.pk}", {"title": "x"}, content_type="application/json"
    )
    assert response.status_code == 404
    demand.refresh_from_db()
    assert demand.title == form_values["title"] and demand.status == DemandStatus.DRAFT


def test_providers_and_judges_cannot_file(hs2021):
    for role in (Role.PROVIDER, Role.JUDGE):
        response = post(api_client(UserFactory(role=role)), "/api/v1/demands", {"title": "x"})
        assert response.status_code == 403


def test_list_filters_by_field_and_channel(hs2021, organiser, form_values, liaison_of):
    from innochallenge.demands.models import LeadingEnterprise

    services.create_demand(hs2021, dict(form_values, title="材料"), by=organiser, submit=True)
    services.create_demand(
        hs2021,
        dict(
            form_values,
            title="装备",
            industry_field="装备制造",
            company_name="龙头企业",
            is_leading_enterprise=True,
        ),
        by=organiser,
        submit=True,
    )
    services.decide_leading(LeadingEnterprise.objects.get(), confirm=True, by=liaison_of("xiangcheng"))
    client = api_client(organiser)
    assert [d["title"] for d in client.get("/api/v1/demands?field=new-materials").json()["items"]] == ["材料"]
    assert [d["title"] for d in client.get("/api/v1/demands?channel=leading").json()["items"]] == ["装备"]
