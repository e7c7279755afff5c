from django.contrib import admin

from innochallenge.events.models import Event, Meeting, MeetingRequest, Registration


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "date", "venue", "tables", "slots", "state"]
    list_filter = ["kind", "state", "campaign"]
    search_fields = ["name", "name_en", "venue", "organising_unit"]
    readonly_fields = ["campaign", "kind", "district", "industry_field", "state", "created_by"]

    def has_add_permission(self, request):
        return False  # events are created on /events/new/, which names them from the campaign's template


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["organisation", "event", "side", "checked_in_at", "no_show"]
    list_filter = ["side", "event"]
    readonly_fields = ["event", "organisation", "user", "side", "token", "checked_in_at", "no_show"]


@admin.register(MeetingRequest)
class MeetingRequestAdmin(admin.ModelAdmin):
    list_display = ["sender", "recipient", "event", "priority", "state", "created_at"]
    list_filter = ["state", "priority", "event"]
    readonly_fields = ["event", "sender", "recipient", "state", "decided_at", "created_by"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["request", "event", "slot", "table", "state"]
    list_filter = ["state", "event"]
    readonly_fields = ["event", "request", "slot", "table", "state"]
