from django.contrib import admin

from innochallenge.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["created_at", "label", "kind", "state", "done", "total", "created_by"]
    list_filter = ["state", "kind"]
    readonly_fields = [f.name for f in Job._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
