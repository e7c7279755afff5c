"""Who sees the dashboards. Organisers and district liaisons see every figure (a liaison's district is
highlighted); only organisers see the financing meeting's contacts. Any logged-in user may register an
organisation for the financing meeting."""

import rules

from innochallenge.accounts.rules import is_liaison, is_organiser


@rules.predicate
def is_active_user(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


rules.add_perm("reports.view_dashboard", is_organiser | is_liaison)
rules.add_perm("reports.export_tables", is_organiser | is_liaison)
rules.add_perm("reports.view_financing_contacts", is_organiser)
rules.add_perm("reports.register_financing", is_active_user)

# The admin: organisers correct or remove a financing-meeting registration (entry is on the page).
for action in ("view", "change", "delete"):
    rules.add_perm(f"reports.{action}_financingregistration", is_organiser)
