from django import forms
from django.contrib import admin

from innochallenge.audit.admin import AuditedAdminMixin
from innochallenge.core.forms import ModelForm
from innochallenge.demands import models, services


@admin.register(models.Demand)
class DemandAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = [
        "reference",
        "title",
        "company_name",
        "district",
        "status",
        "channel",
        "source",
        "submitted_at",
    ]
    list_filter = ["campaign", "status", "channel", "source", "district"]
    search_fields = ["title", "company_name", "description"]
    readonly_fields = ["number", "created_by", "imported_by", "source_file", "created_at", "submitted_at"]
    filter_horizontal = ["cooperation_modes"]


@admin.register(models.LeadingEnterprise)
class LeadingEnterpriseAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["organisation", "campaign", "district", "status", "decided_by", "decided_at"]
    list_filter = ["campaign", "status", "district"]


class WindowExtensionForm(ModelForm):
    class Meta:
        model = models.WindowExtension
        fields = ["district", "ends_on", "reason"]

    def clean(self):
        data = super().clean()
        if data.get("district") and data.get("ends_on"):
            try:
                services.check_extension(data["district"], data["ends_on"])
            except services.DemandError as exc:
                raise forms.ValidationError({"ends_on": exc.message}) from None
        return data


@admin.register(models.WindowExtension)
class WindowExtensionAdmin(admin.ModelAdmin):
    """Extending one district's collection window goes through the service, which checks and audits it."""

    form = WindowExtensionForm
    list_display = ["district", "ends_on", "reason", "granted_by", "granted_at"]

    def save_model(self, request, obj, form, change):
        extension = services.extend_collection(obj.district, obj.ends_on, reason=obj.reason, by=request.user)
        obj.pk = extension.pk
