from functools import wraps

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _


class InnoChallengeAdminSite(AdminSite):
    site_header = _("InnoChallenge administration")
    site_title = _("InnoChallenge")
    index_title = _("Campaign configuration and accounts")

    def has_permission(self, request):
        """Who owes a second factor (accounts/two_factor.py) uses the admin only after giving it."""
        from innochallenge.accounts import two_factor  # noqa: PLC0415 - the admin site loads before the apps

        if two_factor.owes_second_factor(request.user, getattr(request, "session", {})):
            return False
        return super().has_permission(request)

    def admin_view(self, view, cacheable=False):
        """A signed-in user without admin rights gets a 403, not a detour through the admin login."""
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def guarded(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return guarded


class AdminConfig(DjangoAdminConfig):
    default_site = "innochallenge.core.admin_site.InnoChallengeAdminSite"
