"""Judging sessions at the level of the services: conflicts found before anyone scores, the minimum of
judges, scores locked on closing, abstention, finalists with tie-breaks, the demand side's decision."""

import pytest
from django.utils import translation

from innochallenge.audit.models import AuditEntry
from innochallenge.judging import queries, results, scoring, services
from innochallenge.judging.enums import ConflictKind, EntryState, RoundState
from innochallenge.judging.errors import JudgingError
from innochallenge.judging.models import Conflict, Score
from tests.judging.conftest import make_judge, run_final, score_all


@pytest.fixture(autouse=True)
def _english():
    """The messages below are asserted in English, the language they are written in."""
    with translation.override("en"):
        yield


SPECIAL = {"funding": 8, "innovation": 7, "completeness": 9, "clarity": 6, "representativeness": 7}


def _kinds(entry, judge) -> set[str]:
    return set(Conflict.objects.filter(entry=entry, judge=judge).values_list("kind", flat=True))


def test_conflicts_are_found_when_a_judge_is_invited(contest):
    world = contest.world
    rival_name = world.rival.organisation.name
    works = make_judge(affiliation=f"{rival_name}（研发中心）")
    used_to = make_judge(past=f"某大学\n{world.provider.organisation.name}")
    related = make_judge(relations=f"{world.demand.organisation.name} 的独立董事")
    clean = make_judge(affiliation="上海交通大学")
    for judge in (works, used_to, related, clean):
        services.invite(contest.round, judge, by=world.organiser)

    assert _kinds(contest.entry, works) == {ConflictKind.ORGANISATION}
    assert _kinds(contest.entry, used_to) == {ConflictKind.PAST_EMPLOYER}
    assert _kinds(contest.entry, related) == {ConflictKind.RELATION}
    assert _kinds(contest.entry, clean) == set()
    eligible = queries.eligible_judges(contest.entry)
    assert clean in eligible and works not in eligible and used_to not in eligible


def test_a_declaration_after_invitation_finds_the_conflict_again(contest):
    judge = contest.judges[0]
    services.declare(judge, kind="technical", affiliation=contest.world.rival.organisation.name, by=judge)
    assert _kinds(contest.entry, judge) == {ConflictKind.ORGANISATION}
    assert (
        AuditEntry.objects.filter(action="judge.declared", object_id=str(judge.judge_profile.pk)).count() == 2
    )


def test_opening_needs_the_minimum_of_judges_free_of_conflicts(contest):
    services.declare(
        contest.judges[0],
        kind="finance",
        affiliation=contest.world.provider.organisation.name,
        by=contest.judges[0],
    )
    with pytest.raises(JudgingError, match="E01"):
        services.set_round_state(contest.round, RoundState.OPEN, by=contest.world.organiser)
    services.invite(contest.round, make_judge(), by=contest.world.organiser)
    round = services.set_round_state(contest.round, RoundState.OPEN, by=contest.world.organiser)
    assert round.state == RoundState.OPEN
    contest.entry.refresh_from_db()
    assert contest.entry.state == EntryState.SCORING


def test_a_conflicted_judge_cannot_score_and_is_not_counted(contest):
    world = contest.world
    conflicted = make_judge(affiliation=world.rival.organisation.name)
    services.invite(contest.round, conflicted, by=world.organiser)
    services.set_round_state(contest.round, RoundState.OPEN, by=world.organiser)
    with pytest.raises(JudgingError):
        scoring.save_score(contest.entry, judge=conflicted, criterion="funding", value=10)
    for judge in contest.judges:
        score_all(contest.entry, judge, SPECIAL)
    services.set_round_state(contest.round, RoundState.CLOSED, by=world.organiser)
    ranked = results.session_results(contest.round).ranking[0]
    assert ranked.by_method["mean"].judges == 3


def test_scores_lock_when_the_session_closes(contest):
    world, judge = contest.world, contest.judges[0]
    services.set_round_state(contest.round, RoundState.OPEN, by=world.organiser)
    scoring.save_score(contest.entry, judge=judge, criterion="funding", value="7.5")
    scoring.save_score(contest.entry, judge=judge, criterion="funding", value="8")
    services.set_round_state(contest.round, RoundState.CLOSED, by=world.organiser)
    with pytest.raises(JudgingError):
        scoring.save_score(contest.entry, judge=judge, criterion="funding", value="2")
    with pytest.raises(JudgingError):
        services.set_round_state(contest.round, RoundState.OPEN, by=world.organiser)
    assert Score.objects.get(entry=contest.entry, judge=judge).value == 8
    assert AuditEntry.objects.filter(action="judging.scored", actor=judge).count() == 2


@pytest.mark.parametrize(
    ("value", "message"),
    [("11", "0 to 10"), ("-1", "0 to 10"), ("abc", "number"), ("7.555", "two decimals")],
)
def test_a_bad_score_is_refused_with_its_reason(contest, value, message):
    services.set_round_state(contest.round, RoundState.OPEN, by=contest.world.organiser)
    with pytest.raises(JudgingError, match=message):
        scoring.save_score(contest.entry, judge=contest.judges[0], criterion="funding", value=value)
    assert not Score.objects.exists()


def test_abstaining_drops_the_judges_scores(contest):
    judge = contest.judges[0]
    services.set_round_state(contest.round, RoundState.OPEN, by=contest.world.organiser)
    score_all(contest.entry, judge, SPECIAL)
    scoring.abstain(contest.entry, judge=judge, reason="曾参与该企业项目评审")
    assert not Score.objects.filter(judge=judge).exists()
    assert queries.blocked(contest.entry, judge)


def test_the_final_comes_from_the_finalists_and_their_recommended_solutions(contest):
    world = contest.world
    services.set_round_state(contest.round, RoundState.OPEN, by=world.organiser)
    for judge in contest.judges:
        score_all(contest.entry, judge, SPECIAL)
        scoring.prescreen(contest.entry, world.solution, judge=judge, recommend=True)
        scoring.prescreen(
            contest.entry, world.rival_solution, judge=judge, recommend=judge == contest.judges[0]
        )
    services.set_round_state(contest.round, RoundState.CLOSED, by=world.organiser)

    final = results.create_final(contest.round, name="决赛", by=world.organiser)
    assert [e.solution for e in final.entries.all()] == [world.solution]  # the rival had 1 vote of 3


def test_the_demand_side_confirms_another_solution_only_with_a_reason(final):
    strong = {"completeness": 9, "feasibility": 9, "fit": 9}
    weak = {"completeness": 5, "feasibility": 6, "fit": 5}
    run_final(final, {0: [strong] * 4, 1: [weak] * 4})
    world = final.world

    outcome = results.session_results(final.round).by_demand()[world.demand.pk]
    assert [r.entry.solution for r in outcome] == [world.solution, world.rival_solution]
    with pytest.raises(JudgingError, match="why"):
        results.decide(final.round, world.demand, solution=world.rival_solution, by=world.owner)
    decision = results.decide(
        final.round, world.demand, solution=world.rival_solution, reason="成本更低，交付更快", by=world.owner
    )
    assert decision.recommended == world.solution and decision.differs


def test_the_demand_side_judge_sits_openly_on_its_own_demand(final):
    entry = final.entries[0]
    assert _kinds(entry, final.demand_side) == {ConflictKind.DEMAND_SIDE}
    assert final.demand_side in queries.eligible_judges(entry)


def test_a_panel_judge_may_open_the_solutions_he_judges_and_no_others(contest):
    world = contest.world
    judge, outsider = contest.judges[0], make_judge()
    conflicted = make_judge(affiliation=world.rival.organisation.name)
    services.invite(contest.round, conflicted, by=world.organiser)
    assert judge.has_perm("solutions.view_solution", world.solution)
    assert not outsider.has_perm("solutions.view_solution", world.solution)
    assert not conflicted.has_perm("solutions.view_solution", world.rival_solution)


def test_a_prior_contract_with_a_party_is_a_conflict(contest):
    import datetime as dt

    from innochallenge.contracts.models import Contract
    from tests.factories.accounts import UserFactory

    world = contest.world
    judge_org = UserFactory(
        role="provider"
    ).organisation  # a lab that once had a contract with the enterprise
    Contract.objects.create(
        campaign=world.demand.campaign,
        demand=world.demand,
        enterprise=world.demand.organisation,
        provider=judge_org,
        number="OLD-1",
        amount_yuan=1,
        signed_on=dt.date(2020, 1, 1),
    )
    judge = make_judge(affiliation=judge_org.name)
    services.invite(contest.round, judge, by=world.organiser)
    assert _kinds(contest.entry, judge) == {ConflictKind.CONTRACT}
