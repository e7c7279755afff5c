"""Permissions come from django-rules predicates, the admin's module check included."""

import rules
from rules.permissions import ObjectPermissionBackend


class RulesBackend(ObjectPermissionBackend):
    """django-rules' backend, also answering the admin's `has_module_perms`.

    Django's admin lists an app on its index only when `user.has_module_perms(app_label)` is true, which
    the model backend answers from database permission rows. Our permissions are rules, not rows, so the
    organiser's index was empty while every model page opened when its address was typed. Here an app is
    open to a user who holds any rule-based permission of that app.
    """

    def has_module_perms(self, user, app_label: str) -> bool:
        if not (user and user.is_active):
            return False
        prefix = f"{app_label}."
        return any(
            name.startswith(prefix) and rules.has_perm(name, user) for name in rules.permissions.permissions
        )
