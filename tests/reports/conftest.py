"""A campaign seeded by hand through the real services, for the dashboard's figures.

hs2021; five demands (enterprise users file them, each its own enterprise):
- D1 相城区 新材料: approved, published, two solutions, both in the final, two contracts
  (C1 ¥500,000 with a provider met at the event, R&D paid ¥200,000, subsidy approved: 30 % → ¥60,000;
  C2 ¥3,000,000 for the rival's solution, R&D paid ¥2,000,000, subsidy applied: 30 % = ¥600,000, capped
  at ¥500,000);
- D2 相城区 人工智能: diagnosed, rejected;
- D3 吴中区 新材料: approved by the organiser and published, no solutions;
- D4 吴中区: a draft (not collected);
- D5 吴中区 装备制造: submitted, not yet diagnosed.
One matchmaking event (3 tables × 4 slots): the enterprise meets two providers; the first meeting is
held (outcome "contract expected") and C1 links back to it, the second provider does not come.
Financing meeting: an enterprise needing 500万 (plus nothing else), a bank offering 2000万, an investor
offering 1000万, a university."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from innochallenge.contracts import services as contracts
from innochallenge.contracts import subsidies
from innochallenge.demands import services as demands
from innochallenge.diagnosis import services as diagnosis
from innochallenge.events import services as events
from innochallenge.publication import services as publication
from innochallenge.reports import services as reports
from tests.events.conftest import fair  # noqa: F401  (fixture)
from tests.factories.accounts import UserFactory
from tests.judging.conftest import final, published, world  # noqa: F401  (fixtures)
from tests.solutions.conftest import IN_WINDOW


@dataclass
class Scenario:
    campaign: object
    organiser: object
    demands: dict  # "D1"… → Demand
    contracts: list
    event: object


def _file(campaign, form_values, *, submit=True, **values):
    owner = UserFactory(role="enterprise")
    return demands.create_demand(campaign, form_values | values, by=owner, submit=submit, today=IN_WINDOW)


@pytest.fixture
def scenario(final, fair, organiser, broker, form_values) -> Scenario:  # noqa: F811
    campaign, d1 = final.world.demand.campaign, final.world.demand

    # the event: two meetings, one held with a hopeful outcome, one no-show
    meetings = []
    for registration, provider in zip(fair.registrations[:2], fair.providers[:2], strict=True):
        request = events.request_meeting(fair.enterprise, registration, priority=3, by=fair.owner)
        meetings.append(events.answer_request(request, accept=True, by=provider))
    events.schedule(fair.event, time_limit=5, by=organiser)
    first = meetings[0]
    first.refresh_from_db()
    events.record_outcome(first.meeting, side="enterprise", result="contract_expected", by=fair.owner)
    events.mark_no_show(fair.registrations[1], by=organiser)

    # The fair is set up in the future (registering for a past event is refused); it took place in the
    # summer of 2021, before C1 that came from its meeting was signed.
    fair.event.date = dt.date(2021, 8, 20)
    fair.event.save(update_fields=["date"])

    # contracts, payments, subsidies
    c1 = contracts.register_contract(
        campaign,
        demand=d1,
        provider=fair.providers[0].organisation,
        number="HT-1",
        amount_yuan="500000",
        signed_on=dt.date(2021, 9, 1),
        by=organiser,
    )
    contracts.add_payment(c1, amount_yuan="200000", paid_on=dt.date(2021, 9, 5), by=organiser)
    a1 = subsidies.apply(c1, by=organiser)
    subsidies.set_state(a1, "under_review", by=organiser)
    subsidies.set_state(a1, "approved", by=organiser)
    c2 = contracts.register_contract(
        campaign,
        demand=d1,
        solution=final.world.rival_solution,
        number="HT-2",
        amount_yuan="3000000",
        signed_on=dt.date(2021, 8, 15),
        by=organiser,
    )
    contracts.add_payment(c2, amount_yuan="2000000", paid_on=dt.date(2021, 8, 20), by=organiser)
    subsidies.apply(c2, by=organiser)

    d2 = _file(campaign, form_values, industry_field="人工智能", title="智能质检视觉系统")
    diagnosis.assign(d2, broker, due_on=dt.date(2021, 5, 18), by=organiser)
    diagnosis.diagnose(d2, decision="reject", reason="不是技术需求", by=broker)
    d3 = _file(campaign, form_values, district="吴中区", title="高导热复合材料")
    diagnosis.diagnose(d3, decision="approve", by=organiser)
    publication.publish(d3, by=organiser)
    d4 = _file(campaign, form_values, district="吴中区", submit=False)
    d5 = _file(campaign, form_values, district="吴中区", industry_field="装备制造", title="精密减速器")

    for kind, name, extra in [
        ("enterprise", "苏州恒新材料", {"need_wan": Decimal("500"), "purpose": "扩产"}),
        ("bank", "苏州银行", {"offer_wan": Decimal("2000")}),
        ("investor", "元禾控股", {"offer_wan": Decimal("1000")}),
        ("university", "苏州大学", {}),
    ]:
        reports.register_for_financing(
            campaign,
            {
                "kind": kind,
                "organisation_name": name,
                "contact_name": "张三",
                "contact_phone": "0512-66668888",
                "contact_email": f"{kind}@fin.example",
                **extra,
            },
            by=UserFactory(role="enterprise"),
        )
    for d in (d1, d2, d3, d4, d5):
        d.refresh_from_db()
    return Scenario(
        campaign, organiser, {"D1": d1, "D2": d2, "D3": d3, "D4": d4, "D5": d5}, [c1, c2], fair.event
    )
