from django.apps import apps
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from innochallenge.audit import services as audit
from innochallenge.audit.actions import action_label
from innochallenge.audit.models import FORMER_LABELS, AuditEntry

#: Where each former label lives now (an old entry's model is named as today's).
_NOW = {old: new for new, olds in FORMER_LABELS.items() for old in olds}


def _model_name(label: str) -> str:
    try:
        return str(apps.get_model(_NOW.get(label, label))._meta.verbose_name)
    except (LookupError, ValueError):
        return label


class ActionFilter(admin.SimpleListFilter):
    title = _("action")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        codes = AuditEntry.objects.order_by().values_list("action", flat=True).distinct()
        return sorted(((code, action_label(code)) for code in codes), key=lambda pair: pair[1])

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


class ObjectTypeFilter(admin.SimpleListFilter):
    title = _("object type")
    parameter_name = "object_type"

    def lookups(self, request, model_admin):
        labels = AuditEntry.objects.order_by().values_list("object_type", flat=True).distinct()
        return sorted(((label, _model_name(label)) for label in labels), key=lambda pair: pair[1])

    def queryset(self, request, queryset):
        return queryset.filter(object_type=self.value()) if self.value() else queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "actor_name",
        "action_words",
        "object_kind",
        "object_repr",
        "client_address",
    ]
    list_filter = [ActionFilter, ObjectTypeFilter, "created_at"]
    search_fields = ["actor_name", "object_repr", "object_id", "note"]
    date_hierarchy = "created_at"
    readonly_fields = ["action_words", *(f.name for f in AuditEntry._meta.fields)]

    @admin.display(description=_("action"), ordering="action")
    def action_words(self, entry):
        return action_label(entry.action)

    @admin.display(description=_("object type"), ordering="object_type")
    def object_kind(self, entry):
        return _model_name(entry.object_type)

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
