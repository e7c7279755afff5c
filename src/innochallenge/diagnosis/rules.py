"""Who reviews demands, and when: organisers and the district's liaison assign a demand handed in and not
yet decided; the assigned broker (or the organiser) diagnoses it; the enterprise answers proposals."""

import rules
from rules.predicates import Predicate

from innochallenge.accounts.rules import is_broker, is_liaison, is_organiser
from innochallenge.core.steps import add_step
from innochallenge.demands.enums import DemandStatus
from innochallenge.demands.rules import is_demands_broker, is_liaison_of_demand, is_own_enterprise
from innochallenge.diagnosis.enums import ANSWERING, ASSIGNABLE, PROPOSING

is_assigned_broker = is_demands_broker


def _in(states: frozenset) -> Predicate:
    @rules.predicate
    def in_states(user, demand) -> bool:
        return bool(demand is not None and demand.status in states)

    return in_states


@rules.predicate
def is_diagnosable(user, demand) -> bool:
    """Under diagnosis; or submitted, for the organiser, who may diagnose without a broker."""
    if demand is None:
        return False
    return demand.status == DemandStatus.UNDER_DIAGNOSIS or (
        demand.status == DemandStatus.SUBMITTED and is_organiser(user)
    )


is_assignable = _in(ASSIGNABLE)
is_proposable = _in(PROPOSING)
is_answerable = _in(ANSWERING)

rules.add_perm("diagnosis.view_queue", is_organiser | is_liaison | is_broker)
add_step("diagnosis.assign_demand", is_organiser | is_liaison_of_demand, is_assignable)
add_step("diagnosis.diagnose_demand", is_organiser | is_assigned_broker, is_diagnosable)
add_step("diagnosis.propose_edit", is_organiser | is_assigned_broker, is_proposable)
add_step("diagnosis.answer_proposal", is_organiser | is_own_enterprise, is_answerable)

for model in ("assignment", "diagnosis", "proposededit"):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"diagnosis.{action}_{model}", is_organiser)
