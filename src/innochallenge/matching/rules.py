"""Who uses the achievement library. The library is the organiser's and the brokers' working tool: brokers
push achievements to the demands they diagnose and contact the owners' technology-transfer offices, so they
see the contacts too. Enterprises and providers never browse it (they get matches, not the library)."""

import rules

from innochallenge.accounts.rules import is_broker, is_organiser

rules.add_perm("matching.import_achievements", is_organiser)
rules.add_perm("matching.view_achievements", is_organiser | is_broker)
# The contact of a technology-transfer office is personal data.
rules.add_perm("matching.view_achievement_contact", is_organiser | is_broker)
rules.add_perm("matching.change_achievement", is_organiser)

# The admin (organisers only). `change_achievement` above is the same rule.
for model in ("achievement", "matchreview", "push", "pushoptout"):
    for action in ("view", "add", "change", "delete"):
        if f"{action}_{model}" != "change_achievement":
            rules.add_perm(f"matching.{action}_{model}", is_organiser)

# Matches of a demand: its broker works with them (confirms, dismisses, sees who was pushed what); the
# organiser oversees them.
from innochallenge.diagnosis.rules import is_assigned_broker  # noqa: E402

rules.add_perm("matching.view_matches", is_organiser | is_assigned_broker)
rules.add_perm("matching.review_matches", is_organiser | is_assigned_broker)
