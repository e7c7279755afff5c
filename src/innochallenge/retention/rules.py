import rules

from innochallenge.accounts.rules import is_organiser

rules.add_perm("retention.view_erasure", is_organiser)
rules.add_perm("retention.erase_now", is_organiser)
