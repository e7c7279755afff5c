from functools import wraps

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.core.exceptions import PermissionDenied
from django.db.models.base import ModelBase
from django.utils.translation import gettext_lazy as _

from innochallenge.core.forms import guarded_form


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

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every admin form refuses control characters like the site's own (core.forms.TextGuard): the
        default ModelForm, Django's user forms and each inline's form get the guard mixed in."""
        super().register(model_or_iterable, admin_class, **options)
        models = [model_or_iterable] if isinstance(model_or_iterable, ModelBase) else model_or_iterable
        for model in models:
            model_admin = self._registry.get(model)  # a swapped model (auth.User) is not registered
            if model_admin is None:
                continue
            for name in ("form", "add_form"):
                if getattr(model_admin, name, None) is not None:
                    setattr(model_admin, name, guarded_form(getattr(model_admin, name)))
            for inline in model_admin.inlines:
                inline.form = guarded_form(inline.form)


class AdminConfig(DjangoAdminConfig):
    default_site = "innochallenge.core.admin_site.InnoChallengeAdminSite"
