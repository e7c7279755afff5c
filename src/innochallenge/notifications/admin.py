from django.contrib import admin

from innochallenge.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "event", "created_at", "read_at", "emailed_at"]
    list_filter = ["event"]
    readonly_fields = ["recipient", "event", "params", "url", "created_at", "read_at", "emailed_at"]
