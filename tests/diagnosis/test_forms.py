"""The review on the demand page: assign, diagnose with the campaign's scale, answer proposals, choose
what is published, publish and close — the same services as the API, through forms."""

import datetime as dt

import pytest

from innochallenge.demands import services
from innochallenge.demands.enums import DemandStatus
from innochallenge.diagnosis import services as diagnosis
from innochallenge.diagnosis.models import Diagnosis, ProposedEdit
from innochallenge.publication.models import Publication
from tests.demands.conftest import api_client

EN = {"accept-language": "en"}


@pytest.fixture
def submitted(hs2021, enterprise_user, form_values, in_collection):
    return services.create_demand(hs2021, form_values, by=enterprise_user, submit=True)


def test_the_liaison_assigns_on_the_page(submitted, liaison_of, broker, client):
    client.force_login(liaison_of("xiangcheng"))
    html = client.get(f"/demands/{submitted.pk}/", headers=EN).content.decode()
    assert "Assign to a broker" in html and broker.organisation.name in html
    response = client.post(
        f"/diagnosis/{submitted.pk}/assign/", {"broker": broker.pk, "due_on": "2021-05-19"}
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == DemandStatus.UNDER_DIAGNOSIS
    assert submitted.assignment.broker == broker and submitted.assignment.due_on == dt.date(2021, 5, 19)


def test_another_districts_liaison_cannot_assign(submitted, liaison_of, broker, client):
    client.force_login(liaison_of("gusu"))
    response = client.post(
        f"/diagnosis/{submitted.pk}/assign/", {"broker": broker.pk, "due_on": "2021-05-19"}
    )
    assert response.status_code == 403


def test_the_broker_diagnoses_on_the_page_within_the_campaigns_scale(
    submitted, organiser, broker, client, hs2021
):
    hs2021.diagnosis_scale_max = 3
    hs2021.save()
    diagnosis.assign(submitted, broker, due_on=dt.date(2021, 5, 18), by=organiser)
    client.force_login(broker)
    html = client.get(f"/demands/{submitted.pk}/", headers=EN).content.decode()
    assert "Assessment (1 to 3)" in html
    data = {"decision": "revise", "reason": "", "technical_advancement": "3", "proposed_title": "更好的名称"}
    response = client.post(f"/diagnosis/{submitted.pk}/diagnose/", data, headers=EN)
    assert response.status_code == 422
    assert "Tell the enterprise why" in response.content.decode()
    assert not Diagnosis.objects.exists() and not ProposedEdit.objects.exists()
    response = client.post(f"/diagnosis/{submitted.pk}/diagnose/", dict(data, technical_advancement="4"))
    assert response.status_code == 422
    response = client.post(f"/diagnosis/{submitted.pk}/diagnose/", dict(data, reason="请补充指标。"))
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == DemandStatus.NEEDS_REVISION
    assert ProposedEdit.objects.get().proposed == "更好的名称"


def test_the_api_refuses_a_score_above_the_campaigns_top_mark(submitted, organiser, broker, hs2021):
    hs2021.diagnosis_scale_max = 3
    hs2021.save()
    diagnosis.assign(submitted, broker, due_on=dt.date(2021, 5, 18), by=organiser)
    response = api_client(broker).post(
        f"/api/v1/demands/{submitted.pk}/diagnosis",
        {"decision": "approve", "solvability": 5},
        content_type="application/json",
    )
    assert response.status_code == 422 and "solvability" in response.json()["errors"]


def test_the_enterprise_keeps_its_text_and_both_versions_stay(
    submitted, enterprise_user, organiser, broker, client
):
    diagnosis.assign(submitted, broker, due_on=dt.date(2021, 5, 18), by=organiser)
    original = submitted.description
    longer = original + "目标指标：拉伸强度不低于200MPa，测试按GB/T 13022执行。"
    diagnosis.diagnose(
        submitted, decision="revise", reason="指标不全。", proposals={"description": longer}, by=broker
    )
    edit = ProposedEdit.objects.get()
    client.force_login(enterprise_user)
    html = client.get(f"/demands/{submitted.pk}/", headers=EN).content.decode()
    assert "Keep my text" in html and "拉伸强度不低于200MPa" in html
    client.post(f"/diagnosis/proposals/{edit.pk}/reject/")
    edit.refresh_from_db()
    submitted.refresh_from_db()
    assert edit.status == "rejected" and submitted.description == original
    assert (edit.original, edit.proposed) == (original, longer)
    response = client.post(f"/diagnosis/proposals/{edit.pk}/accept/", follow=True, headers=EN)
    assert "already answered" in response.content.decode()


def test_a_proposal_must_itself_be_a_valid_text(submitted, organiser, broker):
    diagnosis.assign(submitted, broker, due_on=dt.date(2021, 5, 18), by=organiser)
    with pytest.raises(services.DemandError) as caught:
        diagnosis.propose_edit(submitted, "description", "太短了。", by=broker)
    assert "description" in caught.value.errors
    with pytest.raises(services.DemandError):
        diagnosis.propose_edit(submitted, "contact_phone", "13900000000", by=broker)


def test_enterprise_chooses_display_and_broker_publishes_on_the_page(
    submitted, enterprise_user, organiser, broker, client
):
    client.force_login(enterprise_user)
    client.post(
        f"/publication/{submitted.pk}/display/", {"show_company_name": "1", "budget_display": "hidden"}
    )
    publication = Publication.objects.get(demand=submitted)
    assert publication.show_company_name and publication.budget_display == "hidden"
    diagnosis.assign(submitted, broker, due_on=dt.date(2021, 5, 18), by=organiser)
    diagnosis.diagnose(submitted, decision="approve", by=broker)
    client.force_login(broker)
    response = client.post(
        f"/publication/{submitted.pk}/publish/",
        {"title_en": "", "description_en": ""},
        follow=True,
        headers=EN,
    )
    assert "English version is marked as pending" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == DemandStatus.PUBLISHED
    page = client.get(f"/en/catalog/hs2021/{submitted.number}/").content.decode()
    assert "English version of this demand is pending" in page and submitted.title in page
    assert "Not disclosed" in page and submitted.company_name in page
    client.force_login(organiser)
    client.post(f"/publication/{submitted.pk}/close/", {"reason": "已签约"})
    submitted.refresh_from_db()
    assert submitted.status == DemandStatus.CLOSED
    assert (
        "Register as a solution provider"
        not in client.get(f"/en/catalog/hs2021/{submitted.number}/").content.decode()
    )


def test_the_enterprise_cannot_publish_its_own_demand(submitted, enterprise_user, organiser, broker, client):
    diagnosis.assign(submitted, broker, due_on=dt.date(2021, 5, 18), by=organiser)
    diagnosis.diagnose(submitted, decision="approve", by=broker)
    client.force_login(enterprise_user)
    assert client.post(f"/publication/{submitted.pk}/publish/", {}).status_code == 403


def test_the_organiser_may_do_every_step_itself(hs2021, organiser, form_values, client):
    demand = services.create_demand(hs2021, form_values, by=organiser, submit=True)
    api = api_client(organiser)
    response = api.post(
        f"/api/v1/demands/{demand.pk}/diagnosis", {"decision": "approve"}, content_type="application/json"
    )
    assert response.json()["demand"]["status"] == "approved"
    response = api.post(
        f"/api/v1/demands/{demand.pk}/publish", {"budget_display": "exact"}, content_type="application/json"
    )
    assert response.json()["demand"]["status"] == "published"
    assert client.get(f"/api/v1/public/demands/{demand.pk}").json()["budget"] == "150万元"
