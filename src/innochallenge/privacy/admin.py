from django.contrib import admin

from innochallenge.privacy.models import Consent


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    """Consents are evidence: staff read them, nobody edits or deletes them here."""

    list_display = ["accepted_at", "user", "demand", "notice_version", "context", "client_address"]
    list_filter = ["context", "notice_version"]
    search_fields = ["user__username", "user__email", "demand__title"]
    list_select_related = ["user", "demand"]
    readonly_fields = [f.name for f in Consent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ConsentInline(admin.TabularInline):
    """A user's consents on the user's admin page."""

    model = Consent
    fk_name = "user"
    fields = ["accepted_at", "notice_version", "context", "client_address", "demand"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["-accepted_at"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
