from django.contrib import admin

from innochallenge.audit import services as audit
from innochallenge.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_name", "action", "object_type", "object_repr", "client_address"]
    list_filter = ["action", "object_type", "created_at"]
    search_fields = ["actor_name", "object_repr", "object_id", "note"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("audit.view_auditentry")


def _form_changes(form) -> dict:
    return {
        name: [audit.plain(form.initial.get(name)), audit.plain(form.cleaned_data.get(name))]
        for name in form.changed_data
        if "password" not in name  # never copy a secret into the audit trail
    }


class AuditedAdminMixin:
    """Writes an audit entry for every object saved or deleted through the admin, inlines included."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        action = "changed" if change else "created"
        audit.record(
            actor=request.user,
            action=f"admin.{action}",
            obj=obj,
            changes=_form_changes(form) if change else {},
        )

    def delete_model(self, request, obj):
        audit.record(actor=request.user, action="admin.deleted", obj=obj, changes=audit.snapshot(obj))
        super().delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            audit.record(actor=request.user, action="admin.created", obj=obj)
        for obj, _fields in formset.changed_objects:
            inline_form = next(f for f in formset.forms if f.instance.pk == obj.pk)
            audit.record(
                actor=request.user, action="admin.changed", obj=obj, changes=_form_changes(inline_form)
            )
        for obj in formset.deleted_objects:
            audit.record(actor=request.user, action="admin.deleted", obj=obj)
