import rules

from innochallenge.accounts.rules import is_organiser

for action in ("view", "add", "change", "delete"):
    rules.add_perm(f"notifications.{action}_notification", is_organiser)
