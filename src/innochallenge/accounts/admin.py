from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from innochallenge.accounts.models import Organisation, User
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

    def save_model(self, request, obj, form, change):
        # Organisers work in the admin; nobody else needs it.
        obj.is_staff = obj.role == "organiser" or obj.is_superuser
        super().save_model(request, obj, form, change)


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "name_en", "kind", "country", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en"]
