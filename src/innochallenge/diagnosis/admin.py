from django.contrib import admin

from innochallenge.audit.admin import AuditedAdminMixin
from innochallenge.diagnosis import models


@admin.register(models.Assignment)
class AssignmentAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["demand", "broker", "service_team", "due_on", "assigned_by"]
    list_filter = ["service_team"]


@admin.register(models.Diagnosis)
class DiagnosisAdmin(admin.ModelAdmin):
    """Diagnoses are records: read them here, make them through the workflow."""

    list_display = ["demand", "decision", "diagnosed_by", "created_at"]
    list_filter = ["decision"]

    def has_change_permission(self, request, obj=None):
        return False
