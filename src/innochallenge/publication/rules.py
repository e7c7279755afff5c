"""Who publishes: the organiser or the demand's broker publishes an approved demand; the enterprise
chooses what of it the public sees."""

import rules

from innochallenge.accounts.rules import is_organiser
from innochallenge.demands.rules import is_own_enterprise
from innochallenge.diagnosis.rules import is_assigned_broker

rules.add_perm("publication.publish_demand", is_organiser | is_assigned_broker)
rules.add_perm("publication.close_demand", is_organiser)
rules.add_perm("publication.choose_display", is_organiser | is_own_enterprise)
rules.add_perm("publication.dispatch", is_organiser)

for model in ("publication", "outlet", "dispatch"):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"publication.{action}_{model}", is_organiser)
