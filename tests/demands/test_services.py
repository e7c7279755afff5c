"""Filing, submitting and withdrawing demands; windows; the leading-enterprise channel; the audit trail."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from innochallenge.accounts.enums import Role
from innochallenge.audit.models import AuditEntry
from innochallenge.demands import services
from innochallenge.demands.enums import Channel, DemandStatus, LeadingStatus, Source
from innochallenge.demands.models import LeadingEnterprise
from tests.factories.accounts import UserFactory

IN_WINDOW = dt.date(2021, 5, 9)


def test_a_draft_may_be_incomplete_and_gets_a_reference(hs2021, enterprise_user):
    demand = services.create_demand(hs2021, {"title": "只有标题"}, by=enterprise_user)
    assert demand.status == DemandStatus.DRAFT
    assert demand.reference == "HS2021-0001"
    assert demand.organisation == enterprise_user.organisation
    second = services.create_demand(hs2021, {}, by=enterprise_user)
    assert second.reference == "HS2021-0002"


def test_submission_checks_every_rule_and_saves_nothing_when_wrong(hs2021, enterprise_user, form_values):
    demand = services.create_demand(hs2021, {"title": "只有标题"}, by=enterprise_user)
    with pytest.raises(services.DemandError) as caught:
        services.submit_demand(demand, by=enterprise_user, today=dt.date(2021, 5, 10))
    assert {"description", "budget_wan", "district"} <= set(caught.value.errors)
    demand.refresh_from_db()
    assert demand.status == DemandStatus.DRAFT


def test_enterprise_submits_inside_the_window(hs2021, enterprise_user, form_values):
    demand = services.create_demand(hs2021, form_values, by=enterprise_user)
    demand = services.submit_demand(demand, by=enterprise_user, today=dt.date(2021, 5, 20))
    assert demand.status == DemandStatus.SUBMITTED
    assert demand.submitted_at is not None


@pytest.mark.parametrize("day", [dt.date(2021, 5, 7), dt.date(2021, 5, 21)])
def test_outside_the_window_enterprises_cannot_submit_and_are_told_the_dates(
    hs2021, enterprise_user, form_values, day
):
    demand = services.create_demand(hs2021, form_values, by=enterprise_user)
    with translation.override("zh-hans"), pytest.raises(services.DemandError) as caught:
        services.submit_demand(demand, by=enterprise_user, today=day)
    assert caught.value.conflict
    assert "2021" in caught.value.message and "相城区" in caught.value.message
    demand.refresh_from_db()
    assert demand.status == DemandStatus.DRAFT


def test_an_extension_reopens_one_district_only(hs2021, organiser, enterprise_user, form_values):
    xiangcheng = hs2021.districts.get(code="xiangcheng")
    services.extend_collection(xiangcheng, dt.date(2021, 5, 31), reason="纸质表格晚到", by=organiser)
    late = dt.date(2021, 5, 25)
    demand = services.create_demand(hs2021, form_values, by=enterprise_user)
    assert services.submit_demand(demand, by=enterprise_user, today=late).status == DemandStatus.SUBMITTED
    form_values["district"] = "吴中区"
    other = services.create_demand(hs2021, form_values, by=enterprise_user)
    with pytest.raises(services.DemandError):
        services.submit_demand(other, by=enterprise_user, today=late)
    entry = AuditEntry.objects.get(action="collection.extended")
    assert entry.actor == organiser and entry.changes["ends_on"] == [None, "2021-05-31"]


def test_an_extension_must_end_after_the_window(hs2021, organiser):
    with pytest.raises(services.DemandError) as caught:
        services.extend_collection(
            hs2021.districts.get(code="gusu"), dt.date(2021, 5, 20), reason="x", by=organiser
        )
    assert "ends_on" in caught.value.errors


def test_organisers_and_liaisons_are_not_bound_by_the_window(hs2021, organiser, liaison_of, form_values):
    after = dt.date(2021, 6, 15)
    for user in (organiser, liaison_of("xiangcheng")):
        form_values["title"] = f"补录的需求 {user.username}"
        demand = services.create_demand(hs2021, form_values, by=user, submit=True, today=after)
        assert demand.status == DemandStatus.SUBMITTED
        assert demand.organisation.name == form_values["company_name"]


def test_only_drafts_and_revisions_can_change(hs2021, enterprise_user, form_values):
    demand = services.create_demand(hs2021, form_values, by=enterprise_user)
    services.submit_demand(demand, by=enterprise_user, today=dt.date(2021, 5, 10))
    with pytest.raises(services.DemandError) as caught:
        services.update_demand(demand, {"title": "改个标题"}, by=enterprise_user, partial=True)
    assert caught.value.conflict


def test_partial_update_keeps_the_other_fields_and_is_audited(hs2021, enterprise_user, form_values):
    demand = services.create_demand(hs2021, form_values, by=enterprise_user)
    demand = services.update_demand(demand, {"budget_wan": "200万元"}, by=enterprise_user, partial=True)
    demand.refresh_from_db()
    assert demand.budget_wan == Decimal("200")
    assert demand.title == form_values["title"]
    assert sorted(m.code for m in demand.cooperation_modes.all()) == ["joint-development", "transfer"]
    entry = AuditEntry.objects.filter(action="demand.updated").get()
    assert entry.changes == {"budget_wan": ["150", "200"]}


def test_leading_enterprise_declared_then_confirmed_moves_its_demands(
    hs2021, enterprise_user, liaison_of, form_values
):
    form_values["is_leading_enterprise"] = True
    demands = []
    for n in range(2):
        form_values["title"] = f"龙头企业需求{n}"
        demands.append(
            services.create_demand(
                hs2021, form_values, by=enterprise_user, submit=True, today=dt.date(2021, 5, 9)
            )
        )
    declaration = LeadingEnterprise.objects.get(organisation=enterprise_user.organisation)
    assert declaration.status == LeadingStatus.DECLARED
    assert all(d.channel == Channel.FIELD for d in demands)

    services.decide_leading(declaration, confirm=True, by=liaison_of("xiangcheng"))
    for d in demands:
        d.refresh_from_db()
        assert d.channel == Channel.LEADING
    # A demand submitted after confirmation goes straight to the leading channel.
    form_values["title"] = "龙头企业需求3"
    third = services.create_demand(
        hs2021, form_values, by=enterprise_user, submit=True, today=dt.date(2021, 5, 9)
    )
    assert third.channel == Channel.LEADING


def test_withdrawn_demands_leave_an_audit_trail(hs2021, enterprise_user, form_values):
    demand = services.create_demand(hs2021, form_values, by=enterprise_user)
    services.withdraw_demand(demand, by=enterprise_user, reason="需求已自行解决")
    entry = AuditEntry.objects.get(action="demand.withdrawn")
    assert entry.changes["status"] == ["draft", "withdrawn"]
    assert entry.note == "需求已自行解决"


def test_imported_source_is_recorded(hs2021, form_values):
    liaison = UserFactory(role=Role.LIAISON, district=hs2021.districts.get(code="xiangcheng"))
    demand = services.create_demand(
        hs2021, form_values, by=liaison, source=Source.IMPORT, source_file="相城区第一批.docx", submit=True
    )
    assert (demand.imported_by, demand.source_file, demand.source) == (liaison, "相城区第一批.docx", "import")
