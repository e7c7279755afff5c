"""Acceptance 1: submit → assign → revise (with a proposed rewrite) → the enterprise answers and edits →
resubmit → approve → publish; then the demand is public in both languages and every step is audited."""

from innochallenge.audit.models import AuditEntry
from innochallenge.diagnosis.models import ProposedEdit
from tests.demands.conftest import api_client

BETTER_TITLE = "耐150℃低热收缩聚酰亚胺薄膜"


def post(client, path, data=None):
    return client.post(path, data or {}, content_type="application/json")


def test_one_demand_from_submission_to_the_public_catalog(
    hs2021, enterprise_user, organiser, liaison_of, broker, form_values, client, in_collection
):
    enterprise = api_client(enterprise_user)
    response = post(enterprise, "/api/v1/demands", dict(form_values, campaign="hs2021", budget_wan="237.5"))
    assert response.status_code == 201, response.json()
    demand_id = response.json()["id"]
    assert post(enterprise, f"/api/v1/demands/{demand_id}/submit").json()["status"] == "submitted"
    response = post(
        enterprise,
        f"/api/v1/demands/{demand_id}/display",
        {"show_company_name": False, "budget_display": "range"},
    )
    assert response.status_code == 200, response.json()

    liaison = api_client(liaison_of("xiangcheng"))
    response = post(
        liaison,
        f"/api/v1/demands/{demand_id}/assignment",
        {"broker": broker.username, "due_on": "2021-05-18"},
    )
    assert response.json()["status"] == "under_diagnosis"

    brokers = api_client(broker)
    response = post(
        brokers,
        f"/api/v1/demands/{demand_id}/diagnosis",
        {
            "decision": "revise",
            "reason": "请写明测试方法。",
            "site_visit_done": True,
            "site_visit_on": "2021-05-12",
            "site_visit_by": "李敏",
            "technical_advancement": 4,
            "proposed_title": BETTER_TITLE,
        },
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["demand"]["status"] == "needs_revision"
    [proposal] = body["proposals"]
    assert proposal["original"] == form_values["title"] and proposal["proposed"] == BETTER_TITLE

    response = post(enterprise, f"/api/v1/demands/{demand_id}/proposals/{proposal['id']}/accept")
    assert response.json()["status"] == "accepted"
    response = enterprise.patch(
        f"/api/v1/demands/{demand_id}",
        {"description": form_values["description"] + "测试方法按GB/T 12027执行。"},
        content_type="application/json",
    )
    assert response.json()["title"] == BETTER_TITLE
    assert post(enterprise, f"/api/v1/demands/{demand_id}/submit").json()["status"] == "under_diagnosis"

    response = post(brokers, f"/api/v1/demands/{demand_id}/diagnosis", {"decision": "approve"})
    assert response.json()["demand"]["status"] == "approved"
    # The broker cannot show more than the enterprise allowed …
    response = post(brokers, f"/api/v1/demands/{demand_id}/publish", {"budget_display": "exact"})
    assert response.status_code == 409
    assert "budget_display" in response.json()["errors"]
    # … but publishes with an English version.
    response = post(
        brokers,
        f"/api/v1/demands/{demand_id}/publish",
        {
            "title_en": "Polyimide film with low shrinkage at 150 °C",
            "description_en": "We need a polyimide film.",
        },
    )
    assert response.status_code == 200, response.json()
    assert response.json()["demand"]["status"] == "published"
    assert response.json()["url"].endswith(
        f"/catalog/hs2021/{response.json()['demand']['reference'][-4:].lstrip('0')}/"
    )

    # Public, in both languages.
    items = client.get("/api/v1/public/demands").json()["items"]
    assert [i["title"] for i in items] == [BETTER_TITLE]
    assert items[0]["url"].startswith("http://testserver/catalog/hs2021/")
    english = client.get("/api/v1/public/demands", {"lang": "en"}).json()["items"][0]
    assert english["title"] == "Polyimide film with low shrinkage at 150 °C"
    assert english["url"].startswith("http://testserver/en/catalog/hs2021/")
    assert english["company_name"] == "An enterprise" and items[0]["company_name"] == "某企业"
    assert items[0]["budget"] == "100–300万元" and items[0]["budget_wan"] is None
    page = client.get(english["url"]).content.decode()
    assert "Polyimide film with low shrinkage" in page and "I have a solution" in page
    assert BETTER_TITLE in client.get(items[0]["url"]).content.decode()

    # Both versions of the title are kept, and every step is in the audit record.
    edit = ProposedEdit.objects.get()
    assert (edit.original, edit.proposed, edit.status) == (form_values["title"], BETTER_TITLE, "accepted")
    actions = list(
        AuditEntry.objects.filter(object_type="demands.demand", object_id=str(demand_id))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "demand.created",
        "demand.submitted",
        "publication.display_chosen",
        "demand.assigned",
        "demand.diagnosis_started",
        "demand.edit_proposed",
        "demand.diagnosed.revise",
        "demand.edit_accepted",
        "demand.updated",
        "demand.submitted",
        "demand.diagnosed.approve",
        "demand.published",
    ]


def test_a_demand_cannot_be_published_before_approval(
    hs2021, enterprise_user, broker, organiser, form_values
):
    from innochallenge.demands import services

    demand = services.create_demand(hs2021, form_values, by=organiser, submit=True)
    response = post(api_client(organiser), f"/api/v1/demands/{demand.pk}/publish", {})
    assert response.status_code == 409
    assert "approved" in response.json()["detail"].lower() or "审核" in response.json()["detail"]


def test_only_the_organiser_or_the_assigned_broker_publishes(
    hs2021, enterprise_user, organiser, broker, form_values, publish_demand
):
    other = api_client(enterprise_user)
    demand = publish_demand(form_values)
    response = post(other, f"/api/v1/demands/{demand.pk}/publish", {})
    assert response.status_code == 404  # not even visible to another enterprise
