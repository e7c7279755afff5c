"""Who publishes, and when: the organiser or the demand's broker publishes an approved demand (and may
publish a published one again); the enterprise chooses what of it the public sees until it will never be
public; the organiser closes a published demand."""

import rules

from innochallenge.accounts.rules import is_organiser
from innochallenge.core.steps import add_step
from innochallenge.demands.enums import DemandStatus, demand_may_go
from innochallenge.demands.rules import is_own_enterprise
from innochallenge.diagnosis.rules import is_assigned_broker
from innochallenge.publication.enums import CHOOSING, PUBLISHABLE_FROM


@rules.predicate
def is_publishable(user, demand) -> bool:
    return bool(demand is not None and demand.status in PUBLISHABLE_FROM)


@rules.predicate
def is_closable(user, demand) -> bool:
    return bool(demand is not None and demand_may_go(demand.status, DemandStatus.CLOSED))


@rules.predicate
def is_choosing(user, demand) -> bool:
    return bool(demand is not None and demand.status in CHOOSING)


add_step("publication.publish_demand", is_organiser | is_assigned_broker, is_publishable)
add_step("publication.close_demand", is_organiser, is_closable)
add_step("publication.choose_display", is_organiser | is_own_enterprise, is_choosing)
rules.add_perm("publication.dispatch", is_organiser)

for model in ("publication", "outlet", "dispatch"):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"publication.{action}_{model}", is_organiser)
