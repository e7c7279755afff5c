import rules

from innochallenge.accounts.rules import is_organiser

rules.add_perm("audit.view_auditentry", is_organiser)
