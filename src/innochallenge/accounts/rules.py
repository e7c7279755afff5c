"""Who a user is. Object-level predicates of each domain live in that domain's rules.py."""

import rules

from innochallenge.accounts.enums import STAFF_ROLES, Role


def _has_role(*roles: Role):
    @rules.predicate
    def predicate(user) -> bool:
        return bool(user and user.is_authenticated and user.is_active and user.role in roles)

    return predicate


is_organiser = _has_role(Role.ORGANISER)
is_liaison = _has_role(Role.LIAISON)
is_broker = _has_role(Role.BROKER)
is_enterprise_user = _has_role(Role.ENTERPRISE)
is_provider = _has_role(Role.PROVIDER)
is_judge = _has_role(Role.JUDGE)
is_staff_role = _has_role(*STAFF_ROLES)

rules.add_perm("accounts.view_user", is_organiser)
rules.add_perm("accounts.add_user", is_organiser)
rules.add_perm("accounts.change_user", is_organiser)
rules.add_perm("accounts.delete_user", is_organiser)
rules.add_perm("accounts.view_organisation", is_organiser)
rules.add_perm("accounts.add_organisation", is_organiser)
rules.add_perm("accounts.change_organisation", is_organiser)
rules.add_perm("accounts.delete_organisation", is_organiser)
# Everyone's API tokens, listed and revoked in the admin (accounts/admin.py ApiTokenAdmin).
rules.add_perm("accounts.view_apitoken", is_organiser)
