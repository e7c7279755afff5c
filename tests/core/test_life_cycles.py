"""Every life cycle of the project is a table, and one function per table takes each step: from every
state to every state, an allowed step succeeds and any other is refused with `StepRefused`, changing
nothing (not the row, not the audit trail)."""

import itertools
from decimal import Decimal

import pytest
from django.db import transaction
from django.forms.models import model_to_dict

from innochallenge.audit.models import AuditEntry
from innochallenge.contracts import subsidies
from innochallenge.contracts.enums import SUBSIDY_TRANSITIONS, SubsidyState
from innochallenge.core.errors import StepRefused
from innochallenge.demands.enums import DEMAND_TRANSITIONS, DemandStatus
from innochallenge.demands.lifecycle import STEPS, set_demand_state
from innochallenge.events import services as events
from innochallenge.events.enums import EVENT_TRANSITIONS, EventState
from innochallenge.judging import services as judging
from innochallenge.judging.enums import ENTRY_TRANSITIONS, ROUND_TRANSITIONS, EntryState, RoundState
from innochallenge.solutions.enums import SOLUTION_TRANSITIONS, SolutionStatus
from innochallenge.solutions.lifecycle import set_solution_state
from tests.contracts.conftest import contract  # noqa: F401  (fixture)
from tests.events.conftest import new_event
from tests.judging.conftest import contest, final  # noqa: F401  (fixtures)
from tests.solutions.conftest import published, world  # noqa: F401  (fixtures)


def _pairs(table, states):
    return [
        pytest.param(old, new, new in table[old], id=f"{old}->{new}")
        for old, new in itertools.product(states, repeat=2)
    ]


def _walk(obj, field, old, new, allowed, take):
    """Put `obj` in `old` (behind the services' back), take the step to `new`, check the outcome."""
    type(obj).objects.filter(pk=obj.pk).update(**{field: old})
    obj.refresh_from_db()
    row, entries = model_to_dict(obj), AuditEntry.objects.count()
    if allowed:
        with transaction.atomic():
            take(obj, new)
        obj.refresh_from_db()
        assert getattr(obj, field) == new
        assert AuditEntry.objects.count() > entries  # every step is in the audit trail
    else:
        with pytest.raises(StepRefused) as refused, transaction.atomic():
            take(obj, new)
        assert refused.value.conflict  # the state forbids it, the input is fine
        obj.refresh_from_db()
        assert model_to_dict(obj) == row
        assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize(("old", "new", "allowed"), _pairs(DEMAND_TRANSITIONS, DemandStatus.values))
def test_a_demand_takes_exactly_the_steps_of_its_table(world, old, new, allowed):  # noqa: F811
    def take(demand, new):
        set_demand_state(demand, new, by=world.organiser, reason="理由")

    _walk(world.demand, "status", old, new, allowed, take)


def test_every_step_of_a_demand_has_a_name_in_the_audit_trail():
    named = set(STEPS) | {(old, DemandStatus.WITHDRAWN) for old in DemandStatus.values}
    allowed = {(old, new) for old, targets in DEMAND_TRANSITIONS.items() for new in targets}
    assert allowed <= named
    assert set(DEMAND_TRANSITIONS) == set(DemandStatus.values)


@pytest.mark.parametrize(("old", "new", "allowed"), _pairs(SOLUTION_TRANSITIONS, SolutionStatus.values))
def test_a_solution_takes_exactly_the_steps_of_its_table(world, old, new, allowed):  # noqa: F811
    def take(solution, new):
        set_solution_state(solution, new, by=world.organiser)

    _walk(world.solution, "status", old, new, allowed, take)


@pytest.mark.parametrize(("old", "new", "allowed"), _pairs(EVENT_TRANSITIONS, EventState.values))
def test_an_event_takes_exactly_the_steps_of_its_table(published, organiser, old, new, allowed):  # noqa: F811
    event = new_event(published.campaign, organiser)

    def take(event, new):
        events.set_event_state(event, new, by=organiser)

    _walk(event, "state", old, new, allowed, take)


@pytest.mark.parametrize(("old", "new", "allowed"), _pairs(ROUND_TRANSITIONS, RoundState.values))
def test_a_judging_session_takes_exactly_the_steps_of_its_table(contest, old, new, allowed):  # noqa: F811
    def take(round, new):
        judging.set_round_state(round, new, by=contest.world.organiser)

    _walk(contest.round, "state", old, new, allowed, take)


@pytest.mark.parametrize(("old", "new", "allowed"), _pairs(ENTRY_TRANSITIONS, EntryState.values))
def test_an_entry_of_the_final_takes_exactly_the_steps_of_its_table(final, old, new, allowed):  # noqa: F811
    def take(entry, new):
        judging.set_entry_state(entry, new, by=final.world.organiser)

    _walk(final.entries[0], "state", old, new, allowed, take)


@pytest.mark.parametrize(("old", "new", "allowed"), _pairs(SUBSIDY_TRANSITIONS, SubsidyState.values))
def test_a_subsidy_takes_exactly_the_steps_of_its_table(contract, world, old, new, allowed):  # noqa: F811
    application = subsidies.apply(contract, by=world.owner)
    type(application).objects.filter(pk=application.pk).update(amount_yuan=Decimal("300000.00"))

    def take(application, new):
        subsidies.set_state(application, new, by=world.organiser, reason="合同非技术开发")

    _walk(application, "state", old, new, allowed, take)
