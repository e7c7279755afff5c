"""A factory's object in a given state passes what a real one passes: the queries, pages and API that list
it, and the next step of its life through the real service. One check per state; a state without a
check fails `test_every_state_has_a_check`."""

import datetime as dt
from decimal import Decimal

import pytest

from innochallenge.core.errors import StepRefused
from innochallenge.demands import services as demands
from innochallenge.demands.enums import NOT_FILED, NOT_SUBMITTED, PUBLISHABLE, DemandStatus
from innochallenge.demands.queries import quota_progress, visible_demands
from innochallenge.diagnosis import services as diagnosis
from innochallenge.events import services as events
from innochallenge.events.enums import EventState, MeetingState, OutcomeResult, Side
from innochallenge.events.queries import events_visible_to
from innochallenge.judging import queries as judging_queries
from innochallenge.judging import scoring
from innochallenge.judging import services as judging
from innochallenge.judging.config import criteria
from innochallenge.judging.enums import EntryState, RoundState, Stage
from innochallenge.publication import services as publication
from innochallenge.solutions import services as solutions
from innochallenge.solutions.enums import ProviderStatus, SolutionStatus
from innochallenge.solutions.queries import solution_count, visible_solutions
from tests.demands.conftest import api_client
from tests.factories.accounts import UserFactory
from tests.factories.demands import DemandFactory
from tests.factories.events import EventFactory
from tests.factories.judging import RoundFactory, judge
from tests.factories.solutions import SolutionFactory, provider_user

EN = {"accept-language": "en"}


def _page(client, user, url: str) -> str:
    client.force_login(user)
    response = client.get(url, headers=EN)
    assert response.status_code == 200, url
    return response.content.decode()


def _public_ids(client, **params) -> list[int]:
    return [item["id"] for item in client.get("/api/v1/public/demands", params).json()["items"]]


# --- demands ----------------------------------------------------------------------------------------------


def _draft(demand, site):
    assert demand in visible_demands(demand.created_by)
    assert demand not in visible_demands(site.liaison)  # an enterprise's draft is its own
    assert demands.submit_demand(demand, by=site.organiser).status == DemandStatus.SUBMITTED


def _submitted(demand, site):
    assert demand in visible_demands(site.liaison)
    assignment = diagnosis.assign(demand, site.broker, due_on=dt.date.today(), by=site.organiser)
    assert assignment.demand.status == DemandStatus.UNDER_DIAGNOSIS


def _under_diagnosis(demand, site):
    broker = demand.assignment.broker
    assert demand.reference in _page(site.client, broker, "/diagnosis/queue/")
    diagnosis.diagnose(demand, decision="approve", by=broker)
    demand.refresh_from_db()
    assert demand.status == DemandStatus.APPROVED


def _needs_revision(demand, site):
    assert demand.reference in _page(site.client, demand.assignment.broker, "/diagnosis/queue/")
    assert "请写明可检测的目标指标。" in _page(site.client, demand.created_by, f"/demands/{demand.pk}/")
    # Handed back, it goes straight to the broker who asked for the revision.
    assert demands.submit_demand(demand, by=site.organiser).status == DemandStatus.UNDER_DIAGNOSIS


def _approved(demand, site):
    assert demand.pk not in _public_ids(site.client)
    publication.publish(demand, by=demand.assignment.broker)
    assert demand.pk in _public_ids(site.client)


def _published(demand, site):
    assert demand.pk in _public_ids(site.client)
    assert demand.pk in _public_ids(site.client, q="聚酰亚胺")
    assert "polyimide film" in _page(site.client, site.organiser, f"/en/catalog/hs2021/{demand.number}/")
    member = provider_user()
    solution = solutions.create_solution(
        demand, member.organisation, {"title": "膜", "summary": "方案"}, by=member
    )
    assert solution.status == SolutionStatus.DRAFT


def _closed(demand, site):
    assert site.client.get(f"/api/v1/public/demands/{demand.pk}").json()["closed"] is True
    member = provider_user()
    with pytest.raises(StepRefused):
        solutions.create_solution(demand, member.organisation, {"title": "膜", "summary": "方案"}, by=member)


def _rejected(demand, site):
    assert "请写明可检测的目标指标。" in _page(site.client, demand.created_by, f"/demands/{demand.pk}/")
    assert demand.pk not in _public_ids(site.client)
    with pytest.raises(StepRefused):
        demands.withdraw_demand(demand, by=demand.created_by)


def _long_term(demand, site):
    assert "Keep for long-term follow-up" in _page(site.client, demand.created_by, f"/demands/{demand.pk}/")
    assert demand.pk not in _public_ids(site.client)
    assert demands.withdraw_demand(demand, by=demand.created_by).status == DemandStatus.WITHDRAWN


def _withdrawn(demand, site):
    assert demand in visible_demands(site.liaison)
    with pytest.raises(StepRefused):
        demands.withdraw_demand(demand, by=demand.created_by)


DEMAND_CHECKS = {
    DemandStatus.DRAFT: _draft,
    DemandStatus.SUBMITTED: _submitted,
    DemandStatus.UNDER_DIAGNOSIS: _under_diagnosis,
    DemandStatus.NEEDS_REVISION: _needs_revision,
    DemandStatus.APPROVED: _approved,
    DemandStatus.PUBLISHED: _published,
    DemandStatus.CLOSED: _closed,
    DemandStatus.REJECTED: _rejected,
    DemandStatus.LONG_TERM: _long_term,
    DemandStatus.WITHDRAWN: _withdrawn,
}


class Site:
    def __init__(self, client, organiser, liaison, broker):
        self.client, self.organiser, self.liaison, self.broker = client, organiser, liaison, broker


@pytest.fixture
def site(client, organiser, liaison_of, broker):
    return Site(client, organiser, liaison_of("xiangcheng"), broker)


@pytest.mark.parametrize("status", DemandStatus.values)
def test_demand_factory_builds_a_demand_the_site_treats_as_that_state(hs2021, site, status):
    demand = DemandFactory(status=status)

    DEMAND_CHECKS[status](demand, site)


@pytest.mark.parametrize("status", DemandStatus.values)
def test_demand_factory_state_counts_in_the_quota_as_a_real_one(hs2021, status):
    demand = DemandFactory(status=status)

    [row] = quota_progress(hs2021, hs2021.districts.filter(pk=demand.district_id))

    assert (row.filed, row.submitted, row.publishable) == (
        int(status not in NOT_FILED),
        int(status not in NOT_SUBMITTED),
        int(status in PUBLISHABLE),
    )


# --- solutions --------------------------------------------------------------------------------------------


def _solution_draft(solution, site):
    assert solution in visible_solutions(solution.created_by)
    assert solution not in visible_solutions(solution.demand.created_by)
    assert solutions.submit_solution(solution, by=solution.created_by).status == SolutionStatus.SUBMITTED


def _solution_submitted(solution, site):
    owner = solution.demand.created_by
    assert solution.title in _page(site.client, owner, "/solutions/")
    assert solution in visible_solutions(solution.demand.assignment.broker)
    assert solutions.decide(solution, shortlist=True, by=owner).status == SolutionStatus.SHORTLISTED


def _solution_shortlisted(solution, site):
    owner = solution.demand.created_by
    assert solution.title in _page(site.client, owner, "/solutions/")
    assert solution_count(solution.demand, owner) == 1
    declined = solutions.decide(solution, shortlist=False, reason="cost", by=owner)
    assert declined.status == SolutionStatus.DECLINED


def _solution_declined(solution, site):
    assert "Cost above the budget" in _page(site.client, solution.created_by, f"/solutions/{solution.pk}/")
    assert solution in visible_solutions(solution.demand.created_by)
    with pytest.raises(StepRefused):
        solutions.withdraw_solution(solution, by=solution.created_by)


def _solution_withdrawn(solution, site):
    assert solution in visible_solutions(solution.created_by)
    assert solution not in visible_solutions(solution.demand.created_by)
    assert solution_count(solution.demand, site.organiser) == 0


SOLUTION_CHECKS = {
    SolutionStatus.DRAFT: _solution_draft,
    SolutionStatus.SUBMITTED: _solution_submitted,
    SolutionStatus.SHORTLISTED: _solution_shortlisted,
    SolutionStatus.DECLINED: _solution_declined,
    SolutionStatus.WITHDRAWN: _solution_withdrawn,
}


@pytest.mark.parametrize("status", SolutionStatus.values)
def test_solution_factory_builds_a_solution_the_site_treats_as_that_state(hs2021, site, status):
    solution = SolutionFactory(status=status)

    SOLUTION_CHECKS[status](solution, site)


def test_a_submitted_solution_of_a_provider_awaiting_verification_is_hidden_from_the_enterprise(hs2021):
    solution = SolutionFactory(status=SolutionStatus.SUBMITTED, provider_status=ProviderStatus.PENDING)

    assert solution not in visible_solutions(solution.demand.created_by)
    assert solution in visible_solutions(solution.demand.assignment.broker)


def test_two_submitted_solutions_make_their_demand_a_candidate_of_the_special_competition(hs2021):
    demand = DemandFactory(status=DemandStatus.PUBLISHED)
    SolutionFactory.create_batch(2, demand=demand, status=SolutionStatus.SUBMITTED)

    assert list(judging_queries.candidates(hs2021)) == [demand]


# --- events -----------------------------------------------------------------------------------------------


def _event_draft(event, site):
    assert event in events_visible_to(site.organiser)
    assert event not in events_visible_to(UserFactory(role="enterprise"))
    assert events.set_event_state(event, EventState.OPEN, by=site.organiser).state == EventState.OPEN


def _event_open(event, site):
    demand = DemandFactory(status=DemandStatus.PUBLISHED)
    assert event.name_en in _page(site.client, demand.created_by, "/events/")
    registration = events.register(event, demand.created_by, demands=[demand])
    assert list(registration.demands.all()) == [demand]


def _event_scheduled(event, site):
    enterprise = event.registrations.get(side=Side.ENTERPRISE)
    site.client.force_login(enterprise.user)
    assert len(site.client.get(f"/events/{event.pk}/agenda/").context["rows"]) == 1
    # Scheduling again places the same accepted request.
    assert events.schedule(event, time_limit=5, by=site.organiser).scheduled == 1


def _event_closed(event, site):
    demand = DemandFactory(status=DemandStatus.PUBLISHED)
    with pytest.raises(StepRefused):
        events.register(event, demand.created_by, demands=[demand])
    _page(site.client, site.organiser, f"/events/{event.pk}/outcomes/")
    meeting = event.meetings.get()
    events.record_outcome(meeting, side=Side.ENTERPRISE, result=OutcomeResult.FOLLOW_UP, by=site.organiser)
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.HELD


EVENT_CHECKS = {
    EventState.DRAFT: _event_draft,
    EventState.OPEN: _event_open,
    EventState.SCHEDULED: _event_scheduled,
    EventState.CLOSED: _event_closed,
}


@pytest.mark.parametrize("state", EventState.values)
def test_event_factory_builds_an_event_the_site_treats_as_that_state(hs2021, site, state):
    event = EventFactory(state=state)

    EVENT_CHECKS[state](event, site)


def test_event_factory_takes_status_as_well_as_state(hs2021):
    assert EventFactory(status=EventState.SCHEDULED, meetings=2).meetings.count() == 2


# --- judging sessions -------------------------------------------------------------------------------------


def _all_scores(round, value="7") -> dict:
    return {"scores": {c.code: value for c in criteria(round.campaign, round.stage)}}


def _round_draft(round, site):
    opened = judging.set_round_state(round, RoundState.OPEN, by=site.organiser)
    assert opened.state == RoundState.OPEN


def _round_open(round, site):
    entry = round.entries.first()
    judge = round.panelists.first().judge
    if round.stage == Stage.FINAL:  # the final opens each solution as it is presented
        judging.set_entry_state(entry, EntryState.SCORING, by=site.organiser)
    api = api_client(judge)
    listed = api.get(f"/api/v1/judging/rounds/{round.pk}/entries").json()
    assert entry.pk in [e["id"] for e in listed]
    response = api.put(
        f"/api/v1/judging/entries/{entry.pk}/scores", _all_scores(round), content_type="application/json"
    )
    assert response.status_code == 200
    assert set(response.json()["my_scores"].values()) == {"7.00"}


def _round_closed(round, site):
    results = api_client(site.organiser).get(f"/api/v1/judging/rounds/{round.pk}/results").json()
    ranked = results["methods"][results["method"]]
    assert sorted(r["entry"] for r in ranked) == sorted(e.code for e in round.entries.all())
    with pytest.raises(StepRefused):
        scoring.save_score(
            round.entries.first(), judge=round.panelists.first().judge, criterion="x", value=Decimal(5)
        )
    if round.stage == Stage.FINAL:
        owner = round.entries.first().demand.created_by
        assert [s.round for s in judging_queries.decision_steps(owner)] == [round]


ROUND_CHECKS = {
    RoundState.DRAFT: _round_draft,
    RoundState.OPEN: _round_open,
    RoundState.CLOSED: _round_closed,
}


@pytest.mark.parametrize("stage", Stage.values)
@pytest.mark.parametrize("state", RoundState.values)
def test_round_factory_builds_a_session_the_site_treats_as_that_state(hs2021, site, state, stage):
    round = RoundFactory(state=state, stage=stage)

    ROUND_CHECKS[state](round, site)


def test_round_factory_finds_the_conflicts_of_the_judges_given(hs2021):
    demand = DemandFactory(status=DemandStatus.PUBLISHED)
    SolutionFactory.create_batch(2, demand=demand, status=SolutionStatus.SUBMITTED)
    insider = judge(affiliation=demand.organisation.name)

    round = RoundFactory(status=RoundState.DRAFT, entries=[demand], judges=[insider, judge(), judge()])

    assert judging.short_of_judges(round) == [(round.entries.get(), 2)]


# --- every state has a check ------------------------------------------------------------------------------


def test_every_state_has_a_check():
    assert set(DEMAND_CHECKS) == set(DemandStatus)
    assert set(SOLUTION_CHECKS) == set(SolutionStatus)
    assert set(EVENT_CHECKS) == set(EventState)
    assert set(ROUND_CHECKS) == set(RoundState)
