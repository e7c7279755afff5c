"""Diagnosis (SPEC §4.2): assign, diagnose, send back, resubmit, approve — each step audited, each guarded."""

import datetime as dt

import pytest

from innochallenge.accounts.enums import Role
from innochallenge.audit.models import AuditEntry
from innochallenge.demands import services
from innochallenge.demands.enums import DemandStatus
from tests.demands.conftest import api_client
from tests.factories.accounts import UserFactory

IN_WINDOW = dt.date(2021, 5, 10)


@pytest.fixture
def submitted(hs2021, enterprise_user, form_values):
    return services.create_demand(hs2021, form_values, by=enterprise_user, submit=True, today=IN_WINDOW)


def post(client, path, data):
    return client.post(path, data, content_type="application/json")


def test_submit_assign_revise_edit_resubmit_approve(
    submitted, enterprise_user, liaison_of, broker, in_collection
):
    liaison = api_client(liaison_of("xiangcheng"))
    response = post(
        liaison,
        f"/api/v1/demands/{submitted.pk}/assignment",
        {"broker": broker.username, "due_on": "2021-05-18"},
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "under_diagnosis"

    brokers = api_client(broker)
    response = post(
        brokers,
        f"/api/v1/demands/{submitted.pk}/diagnosis",
        {
            "decision": "revise",
            "reason": "请补充目标技术指标的测试方法。",
            "site_visit_done": True,
            "site_visit_on": "2021-05-12",
            "technical_advancement": 4,
            "solvability": 3,
        },
    )
    assert response.status_code == 200, response.json()
    assert response.json()["demand"]["status"] == "needs_revision"

    enterprise = api_client(enterprise_user)
    response = enterprise.patch(
        f"/api/v1/demands/{submitted.pk}",
        {"description": submitted.description + "测试方法按GB/T 12027执行。"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    response = post(enterprise, f"/api/v1/demands/{submitted.pk}/submit", {})
    assert response.json()["status"] == "under_diagnosis"  # straight back to its broker

    response = post(
        brokers, f"/api/v1/demands/{submitted.pk}/diagnosis", {"decision": "approve", "field_right": True}
    )
    assert response.status_code == 200
    assert response.json()["demand"]["status"] == "approved"

    entries = AuditEntry.objects.filter(object_type="demands.demand", object_id=str(submitted.pk)).order_by(
        "pk"
    )
    actions = list(entries.values_list("action", flat=True))
    assert actions == [
        "demand.created",
        "demand.submitted",
        "demand.assigned",
        "demand.diagnosis_started",
        "demand.diagnosed.revise",
        "demand.updated",
        "demand.submitted",
        "demand.diagnosed.approve",
    ]


def test_only_the_assigned_broker_diagnoses(submitted, organiser, broker):
    from innochallenge.diagnosis import services as diagnosis

    diagnosis.assign(submitted, broker, due_on=dt.date(2021, 5, 18), by=organiser)
    other = UserFactory(role=Role.BROKER)
    response = post(api_client(other), f"/api/v1/demands/{submitted.pk}/diagnosis", {"decision": "approve"})
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == DemandStatus.UNDER_DIAGNOSIS


def test_another_districts_liaison_cannot_assign(submitted, liaison_of, broker):
    response = post(
        api_client(liaison_of("wuzhong")),
        f"/api/v1/demands/{submitted.pk}/assignment",
        {"broker": broker.username, "due_on": "2021-05-18"},
    )
    assert response.status_code == 404  # not even visible to them


def test_a_reason_is_required_unless_approved_and_state_is_checked(submitted, organiser, broker):
    client = api_client(organiser)
    response = post(api_client(broker), f"/api/v1/demands/{submitted.pk}/diagnosis", {"decision": "approve"})
    assert response.status_code == 403  # not assigned to this broker (yet)
    draft = services.create_demand(submitted.campaign, {"title": "草稿"}, by=organiser)
    response = post(client, f"/api/v1/demands/{draft.pk}/diagnosis", {"decision": "approve"})
    assert response.status_code == 409  # a draft is not diagnosed
    post(
        client,
        f"/api/v1/demands/{submitted.pk}/assignment",
        {"broker": broker.username, "due_on": "2021-05-18"},
    )
    response = post(client, f"/api/v1/demands/{submitted.pk}/diagnosis", {"decision": "reject"})
    assert response.status_code == 422 and "reason" in response.json()["errors"]
    response = post(
        client,
        f"/api/v1/demands/{submitted.pk}/diagnosis",
        {"decision": "long_term", "reason": "需求真实，但本届无法发布。"},
    )
    assert response.json()["demand"]["status"] == "long_term"


def test_only_brokers_of_a_service_team_can_be_assigned(submitted, organiser, enterprise_user):
    response = post(
        api_client(organiser),
        f"/api/v1/demands/{submitted.pk}/assignment",
        {"broker": enterprise_user.username, "due_on": "2021-05-18"},
    )
    assert response.status_code == 422 and "broker" in response.json()["errors"]


def test_a_large_budget_against_small_sales_is_flagged(hs2021, organiser, broker, form_values):
    from innochallenge.diagnosis import services as diagnosis

    values = dict(form_values, sales_bracket="1000万以下", budget_wan="800")
    demand = services.create_demand(hs2021, values, by=organiser, submit=True)
    diagnosis.assign(demand, broker, due_on=dt.date(2021, 5, 18), by=organiser)
    record = diagnosis.diagnose(demand, decision="approve", by=broker)
    assert "800" in record.plausibility_warning and "1000" in record.plausibility_warning
