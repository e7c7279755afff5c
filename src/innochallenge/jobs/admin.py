from django.contrib import admin

from innochallenge.jobs.models import Job, WorkerBeat


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["created_at", "label", "kind", "state", "done", "total", "created_by"]
    list_filter = ["state", "kind"]
    readonly_fields = [f.name for f in Job._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(WorkerBeat)
class WorkerBeatAdmin(admin.ModelAdmin):
    """The task workers alive now (and those that stopped in the last day): host, process, last beat."""

    list_display = ["worker_id", "host", "pid", "started_at", "seen_at"]
    readonly_fields = [f.name for f in WorkerBeat._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
