"""Dates are days of the campaign's time zone (Asia/Shanghai), and a contract never cites a meeting the two
sides had not had yet when they signed it (issue 17)."""

import datetime as dt
import io

import openpyxl
import pytest
import time_machine

from innochallenge.contracts import services, subsidies
from innochallenge.contracts.errors import ContractError
from innochallenge.contracts.models import Contract
from innochallenge.events import services as events
from tests.contracts.conftest import SIGNED_ON
from tests.events.conftest import fair  # noqa: F401  (fixture)

#: 00:30 on 2026-12-03 in Beijing, still 2026-12-02 in UTC.
APPROVED_AT = dt.datetime(2026, 12, 2, 16, 30, tzinfo=dt.UTC)
LATER_MEETING = "不能来自该洽谈"


@pytest.fixture
def time_in_campaign(time_machine):
    time_machine.move_to(dt.datetime(2021, 9, 15, 12, 0, tzinfo=dt.UTC))


def test_the_finance_export_dates_an_approval_in_the_campaigns_zone(
    world, contract, client_of, time_in_campaign
):
    services.add_payment(contract, amount_yuan="100000", paid_on=SIGNED_ON, by=world.owner)
    application = subsidies.apply(contract, by=world.owner)
    subsidies.set_state(application, "under_review", by=world.organiser)
    with time_machine.travel(APPROVED_AT, tick=False):
        subsidies.set_state(application, "approved", by=world.organiser)

    response = client_of(world.organiser).get(
        "/awards/subsidies/approved.xlsx", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    approved_on = rows[1][rows[0].index("批准日期")]

    assert approved_on.date() == dt.date(2026, 12, 3)


@pytest.fixture
def meeting(fair):  # noqa: F811
    """A meeting of the fair's enterprise and its first provider, on the fair's day."""
    request = events.request_meeting(fair.registrations[0], fair.enterprise, priority=3, by=fair.providers[0])
    events.answer_request(request, accept=True, by=fair.owner)
    events.schedule(fair.event, time_limit=5, by=fair.organiser)
    request.refresh_from_db()
    return request.meeting


def _register(fair, *, signed_on, meeting=None):  # noqa: F811
    return services.register_contract(
        fair.event.campaign,
        demand=fair.demand,
        provider=fair.providers[0].organisation,
        number="HT-ZONE-1",
        amount_yuan="500000",
        signed_on=signed_on,
        meeting=meeting,
        by=fair.organiser,
    )


def test_a_contract_signed_before_the_meeting_is_not_linked_to_it(fair, meeting):  # noqa: F811
    contract = _register(fair, signed_on=fair.event.date - dt.timedelta(days=18))

    assert contract.meeting is None


def test_a_contract_signed_after_the_meeting_links_back_to_it(fair, meeting):  # noqa: F811
    contract = _register(fair, signed_on=fair.event.date)

    assert contract.meeting == meeting


def test_the_service_refuses_a_contract_citing_a_later_meeting(fair, meeting):  # noqa: F811
    signed_on = fair.event.date - dt.timedelta(days=18)

    with pytest.raises(ContractError) as refused:
        _register(fair, signed_on=signed_on, meeting=meeting)

    assert (
        signed_on.isoformat() in refused.value.message
        and fair.event.date.isoformat() in refused.value.message
    )
    assert not Contract.objects.exists()


def test_the_contract_form_refuses_a_later_meeting_in_chinese(world, fair, meeting, client_of):  # noqa: F811
    response = client_of(world.owner).post(
        "/awards/contracts/new/",
        {
            "demand": world.demand.pk,
            "solution": world.solution.pk,
            "number": "HT-ZONE-2",
            "amount_yuan": "600000",
            "signed_on": (fair.event.date - dt.timedelta(days=18)).isoformat(),
            "meeting": meeting.pk,
        },
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )

    assert response.status_code == 400
    assert response.context["form"].errors["meeting"] == [
        f"合同签订于 {fair.event.date - dt.timedelta(days=18)}，早于 {fair.event.date} 的对接洽谈，"
        "不能来自该洽谈。请选择签订日当天或之前举行的洽谈。"
    ]
    assert LATER_MEETING in response.content.decode()
    assert not Contract.objects.exists()
