from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from innochallenge.accounts import tokens, two_factor
from innochallenge.accounts.models import ApiToken, Organisation, User
from innochallenge.audit.admin import AuditedAdminMixin
from innochallenge.privacy.admin import ConsentInline


@admin.register(User)
class UserAdmin(AuditedAdminMixin, BaseUserAdmin):
    list_display = ["username", "first_name", "email", "role", "district", "organisation", "is_active"]
    list_filter = ["role", "is_active", "email_verified", "district__campaign"]
    list_select_related = ["district", "organisation"]
    search_fields = ["username", "first_name", "last_name", "email", "organisation__name"]
    inlines = [ConsentInline]  # the privacy notices the user accepted (privacy app)
    # Permissions are rules that follow the role (accounts/rules.py), so Django's groups and per-user
    # permission rows would only mislead: they are left out.
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Permissions"), {"fields": ["is_active", "is_superuser"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
        (_("Role"), {"fields": ["role", "district", "organisation", "phone", "email_verified"]}),
    ]
    add_fieldsets = [
        *BaseUserAdmin.add_fieldsets,
        (_("Role"), {"fields": ["email", "first_name", "role", "district", "organisation"]}),
    ]

    actions = ["reset_second_factor"]

    @admin.action(description=_("Reset the second factor (set up again at next sign-in)"))
    def reset_second_factor(self, request, queryset):
        """A colleague lost his phone: his authenticator and recovery codes go, audited, one by one."""
        for user in queryset:
            try:
                two_factor.reset_for(user, by=request.user)
            except two_factor.TwoFactorError as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return
        self.message_user(
            request,
            _("The second factor of %(n)s account(s) was reset; they set up a new one at their next sign-in.")
            % {"n": queryset.count()},
            messages.SUCCESS,
        )

    def save_model(self, request, obj, form, change):
        # Organisers work in the admin; nobody else needs it.
        obj.is_staff = obj.role == "organiser" or obj.is_superuser
        super().save_model(request, obj, form, change)


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "name_en", "kind", "country", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en"]


# django-otp's own admin pages would show every authenticator's secret key to a superuser; an organiser
# resets a colleague's second factor with the action above instead.
for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Organisers see everyone's tokens (never the secret: only its digest is kept, and not shown) and
    revoke them; a token is never made or edited here."""

    list_display = ["user", "label", "created_at", "expires_at", "last_used_at"]
    list_filter = ["user__role"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__first_name", "label"]
    fields = ["user", "label", "created_at", "expires_at", "last_used_at"]
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the revoke action is the audited way

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("accounts.view_apitoken")

    def has_revoke_permission(self, request):
        return request.user.has_perm("accounts.view_apitoken")

    @admin.action(description=_("Revoke the selected tokens"), permissions=["revoke"])
    def revoke(self, request, queryset):
        count = 0
        for token in queryset.select_related("user"):
            tokens.revoke_api_token(token, by=request.user)
            count += 1
        self.message_user(
            request, ngettext("%(n)d token revoked.", "%(n)d tokens revoked.", count) % {"n": count}
        )
