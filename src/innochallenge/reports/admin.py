from django.contrib import admin

from innochallenge.reports.models import FinancingRegistration


@admin.register(FinancingRegistration)
class FinancingRegistrationAdmin(admin.ModelAdmin):
    """The organiser's list of the four-party financing-meeting registrations, to correct a typo or
    remove a duplicate (entry is on /reports/financing/)."""

    list_display = [
        "organisation_name",
        "kind",
        "campaign",
        "contact_name",
        "need_wan",
        "offer_wan",
        "created_at",
    ]
    list_filter = ["campaign", "kind"]
    search_fields = ["organisation_name", "contact_name"]
    readonly_fields = ["registered_by", "created_at"]
