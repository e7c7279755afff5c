"""Who reviews demands: organisers and the district's liaison assign; the assigned broker diagnoses."""

import rules

from innochallenge.accounts.rules import is_broker, is_liaison, is_organiser
from innochallenge.demands.rules import is_demands_broker, is_liaison_of_demand, is_own_enterprise

is_assigned_broker = is_demands_broker


rules.add_perm("diagnosis.view_queue", is_organiser | is_liaison | is_broker)
rules.add_perm("diagnosis.assign_demand", is_organiser | is_liaison_of_demand)
rules.add_perm("diagnosis.diagnose_demand", is_organiser | is_assigned_broker)
rules.add_perm("diagnosis.answer_proposal", is_organiser | is_own_enterprise)

for model in ("assignment", "diagnosis", "proposededit"):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"diagnosis.{action}_{model}", is_organiser)
