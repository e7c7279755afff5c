import itertools
from dataclasses import dataclass

import pytest

from innochallenge.judging import scoring, services
from innochallenge.judging.enums import EntryState, RoundState, Stage
from tests.factories.accounts import UserFactory
from tests.solutions.conftest import World, published, world  # noqa: F401  (fixtures)

_names = itertools.count(1)


def make_judge(*, kind="technical", affiliation=None, past="", relations="", organisation=None):
    user = UserFactory(role="judge", first_name=f"评委{next(_names)}")
    services.declare(
        user,
        kind=kind,
        affiliation=affiliation or f"独立专家{user.pk}",
        past_employers=past,
        relations=relations,
        organisation=organisation,
        by=user,
    )
    return user


def score_all(entry, judge, values: dict):
    for criterion, value in values.items():
        scoring.save_score(entry, judge=judge, criterion=criterion, value=value)


@dataclass
class Contest:
    world: World
    round: object  # the special competition, in preparation
    entry: object  # the world's demand as a candidate
    judges: list  # three judges free of conflicts, on the panel


@pytest.fixture
def contest(world) -> Contest:  # noqa: F811
    round = services.create_round(
        world.demand.campaign, stage=Stage.SPECIAL, name="专项赛", by=world.organiser
    )
    judges = [make_judge() for _ in range(3)]
    for judge in judges:
        services.invite(round, judge, by=world.organiser)
    return Contest(world, round, round.entries.get(), judges)


@dataclass
class Final:
    world: World
    round: object
    entries: list  # the two solutions of the world's demand, presented in this order
    judges: list  # three experts
    demand_side: object  # the enterprise's judge


@pytest.fixture
def final(world) -> Final:  # noqa: F811
    round = services.create_round(world.demand.campaign, stage=Stage.FINAL, name="决赛", by=world.organiser)
    entries = [
        services.add_entry(round, demand=world.demand, solution=s, by=world.organiser)
        for s in (world.solution, world.rival_solution)
    ]
    judges = [make_judge(kind=k) for k in ("technical", "tech_transfer", "finance")]
    demand_side = make_judge(
        kind="demand_side", affiliation="需求企业", organisation=world.demand.organisation
    )
    for judge in [*judges, demand_side]:
        services.invite(round, judge, by=world.organiser)
    services.set_round_state(round, RoundState.OPEN, by=world.organiser)
    return Final(world, round, entries, judges, demand_side)


def run_final(final: Final, sheet: dict) -> None:
    """sheet: {entry index: [per judge {criterion: value}] } for judges + demand side in that order."""
    panel = [*final.judges, final.demand_side]
    for index, entry in enumerate(final.entries):
        services.set_entry_state(entry, EntryState.SCORING, by=final.world.organiser)
        for judge, values in zip(panel, sheet[index], strict=True):
            score_all(entry, judge, values)
        services.set_entry_state(entry, EntryState.CLOSED, by=final.world.organiser)
