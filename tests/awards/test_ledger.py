"""The broker attribution ledger on a seeded scenario whose figures are counted by hand below."""

import datetime as dt
from dataclasses import dataclass

import pytest

from innochallenge.accounts.models import User
from innochallenge.awards import ledger
from innochallenge.contracts.services import register_contract
from innochallenge.demands import services as demands
from innochallenge.diagnosis import services as diagnosis
from innochallenge.events import services as events
from innochallenge.matching import services as matching
from innochallenge.publication import services as publication
from innochallenge.solutions.models import ProviderProfile
from tests.events.conftest import fair  # noqa: F401  (fixture)
from tests.factories.accounts import UserFactory
from tests.solutions.conftest import IN_WINDOW, published  # noqa: F401  (fixture)


@dataclass
class Scenario:
    campaign: object
    organiser: object
    broker: object  # handles the fair's demand (published) and a second one sent back for revision
    other: object  # another broker of another team, one published demand
    meetings: list  # the fair's three meetings; two held (outcomes recorded), one still scheduled
    contract: object


def _demand(campaign, form_values, broker, organiser, *, decision: str):
    owner = UserFactory(role="enterprise")
    demand = demands.create_demand(campaign, form_values, by=owner, submit=True, today=IN_WINDOW)
    diagnosis.assign(demand, broker, due_on=dt.date(2021, 5, 18), by=organiser)
    diagnosis.diagnose(demand, decision=decision, reason="请补充目标技术指标。", by=broker)
    if decision == "approve":
        publication.publish(demand, by=broker)
    return demand


@pytest.fixture
def scenario(fair, broker, form_values) -> Scenario:  # noqa: F811
    campaign, organiser = fair.demand.campaign, fair.organiser
    _demand(campaign, form_values, broker, organiser, decision="revise")
    other = UserFactory(role="broker", first_name="王", last_name="经纪")
    theirs = _demand(campaign, form_values, other, organiser, decision="approve")

    profiles = list(ProviderProfile.objects.order_by("pk").values_list("pk", flat=True)[:3])
    assert len(profiles) == 3
    for target_id, verdict in zip(profiles, ("confirmed", "confirmed", "dismissed"), strict=True):
        matching.review_match(fair.demand, "provider", target_id, verdict, by=broker)
    matching.review_match(theirs, "provider", profiles[0], "confirmed", by=other)

    for registration, provider in zip(fair.registrations, fair.providers, strict=True):
        request = events.request_meeting(registration, fair.enterprise, priority=3, by=provider)
        events.answer_request(request, accept=True, by=fair.owner)
    events.schedule(fair.event, time_limit=5, by=organiser)
    meetings = list(fair.event.meetings.order_by("slot", "table"))
    assert len(meetings) == 3
    events.record_outcome(meetings[0], side="enterprise", result="intention", by=fair.owner)
    events.record_outcome(meetings[1], side="enterprise", result="no_interest", by=fair.owner)

    provider = meetings[0].request.sender.organisation
    contract = register_contract(
        campaign,
        demand=fair.demand,
        provider=provider,
        number="HT-2021-001",
        amount_yuan="800000",
        signed_on=fair.event.date + dt.timedelta(days=14),  # after the meeting it comes from
        by=organiser,
    )
    return Scenario(campaign, organiser, broker, other, meetings, contract)


def test_the_broker_record_counts_what_he_did(scenario):
    record = ledger.broker_record(scenario.broker, scenario.campaign)

    # Diagnosed: the fair's demand and the one sent back (2); published: the fair's demand (1);
    # matches: two confirmed, one dismissed (2); meetings: two of three held (2); contracts: 1.
    assert record.counts == ledger.Counts(diagnosed=2, published=1, matches=2, meetings=2, contracts=1)
    assert record.rank == 1
    assert len(record.demands) == 2
    assert record.contracts == [scenario.contract]


def test_the_ranking_of_brokers_and_of_service_teams(scenario):
    ranking = ledger.ranking(scenario.campaign)

    assert [(row.party, row.counts.total) for row in ranking.brokers] == [
        (scenario.broker, 8),
        (scenario.other, 3),
    ]
    assert [(row.party, row.rank) for row in ranking.teams] == [
        (scenario.broker.organisation, 1),
        (scenario.other.organisation, 2),
    ]
    assert ranking.teams[1].counts == ledger.Counts(diagnosed=1, published=1, matches=1)


def test_a_broker_without_evidence_has_no_rank(scenario):
    newcomer = UserFactory(role="broker")
    record = ledger.broker_record(newcomer, scenario.campaign)
    assert (record.counts, record.rank) == (ledger.Counts(), None)


def test_equal_evidence_shares_a_rank():
    a, b, c = (User(role="broker", username=n) for n in ("a", "b", "c"))
    rows = ledger.ranked(
        [
            ledger.Row(a, ledger.Counts(diagnosed=3)),
            ledger.Row(b, ledger.Counts(contracts=1, diagnosed=2)),
            ledger.Row(c, ledger.Counts(diagnosed=3)),
        ]
    )
    assert [(row.name, row.rank) for row in rows] == [("b", 1), ("a", 2), ("c", 2)]
