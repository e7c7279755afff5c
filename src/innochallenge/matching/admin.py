"""The library and the matching records in the admin (organisers). Achievements are changed through the
library's services, so the admin checks the same rules, keeps titles unique per owner, writes the audit
trail and tells the index; the matching records are kept by the engine and only looked at here."""

from django.contrib import admin
from django.utils.translation import gettext as _

from innochallenge.audit.admin import AuditedAdminMixin
from innochallenge.core.forms import ModelForm
from innochallenge.matching import library
from innochallenge.matching.models import Achievement, MatchReview, Push, PushOptOut


class AchievementForm(ModelForm):
    class Meta:
        model = Achievement
        fields = [*library.FIELDS, "owner_user"]
        labels = library.LABELS

    def clean(self):
        data = super().clean()
        values = {name: data.get(name, "") for name in library.FIELDS}
        clean, errors = library.clean_achievement(values)
        for name, messages in errors.items():
            for message in messages:
                self.add_error(name, message)
        if not errors:
            key = library.dedupe_key(clean["title"], clean["owner"])
            others = Achievement.objects.filter(dedupe_key=key).exclude(pk=self.instance.pk)
            if self.instance.pk and others.exists():
                self.add_error(
                    "title", _("The library already holds an achievement with this title and owner.")
                )
            data.update(clean)
        return data


@admin.register(Achievement)
class AchievementAdmin(admin.ModelAdmin):
    form = AchievementForm
    list_display = ["title", "owner", "field", "kind", "maturity", "updated_at"]
    list_filter = ["kind", "maturity", "ip_status"]
    search_fields = ["title", "owner", "external_id"]
    readonly_fields = ["source", "created_at", "updated_at"]
    raw_id_fields = ["owner_user"]

    def save_model(self, request, obj, form, change):
        if change:
            data = {name: form.cleaned_data[name] for name in form.changed_data}
            library.update_achievement(Achievement.objects.get(pk=obj.pk), data, by=request.user)
            return
        row = {name: form.cleaned_data[name] for name in library.FIELDS}
        report = library.save_achievements([row], by=request.user, source=_("administration"))
        obj.pk = report.ids[0]
        if form.cleaned_data.get("owner_user"):
            owner_user = form.cleaned_data["owner_user"]
            library.update_achievement(
                Achievement.objects.get(pk=obj.pk), {"owner_user": owner_user}, by=request.user
            )

    def delete_model(self, request, obj):
        library.delete_achievement(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for achievement in queryset:
            library.delete_achievement(achievement, by=request.user)


class _ReadOnly(admin.ModelAdmin):
    """Written by the matching engine; the admin only shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MatchReview)
class MatchReviewAdmin(_ReadOnly):
    list_display = ["demand", "target_kind", "target_id", "verdict", "score", "by", "at"]
    list_filter = ["target_kind", "verdict"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Push)
class PushAdmin(_ReadOnly):
    list_display = ["demand", "recipient", "target_kind", "target_id", "score", "digest_on", "sent_at"]
    list_filter = ["target_kind", "digest_on"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PushOptOut)
class PushOptOutAdmin(AuditedAdminMixin, _ReadOnly):
    """Deleting an opt-out lets the user receive pushes again (on their word)."""

    list_display = ["user", "at"]
