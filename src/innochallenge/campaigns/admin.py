from django.contrib import admin

from innochallenge.audit.admin import AuditedAdminMixin
from innochallenge.campaigns import models


class _Inline(admin.TabularInline):
    extra = 0
    show_change_link = False


class OrganiserInline(_Inline):
    model = models.Organiser
    fields = ["position", "role", "name", "name_en"]


class WindowInline(_Inline):
    model = models.StageWindow
    fields = ["stage", "starts_on", "ends_on"]


class DistrictInline(_Inline):
    model = models.District
    fields = [
        "position",
        "code",
        "name",
        "name_en",
        "demand_target",
        "leading_min",
        "leading_max",
        "min_demands_per_leading",
    ]


class FieldInline(_Inline):
    model = models.IndustryField
    fields = ["position", "code", "name", "name_en", "requires_text"]


class BracketInline(_Inline):
    model = models.SalesBracket
    fields = ["position", "code", "name", "name_en", "lower_wan", "upper_wan"]


class ModeInline(_Inline):
    model = models.CooperationMode
    fields = ["position", "code", "name", "name_en", "requires_text"]


class AwardInline(_Inline):
    model = models.AwardCategory
    fields = ["position", "code", "name", "name_en", "basis", "count", "prize_yuan"]


class TemplateInline(_Inline):
    model = models.EventNameTemplate
    fields = ["kind", "template", "template_en"]


@admin.register(models.Campaign)
class CampaignAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["slug", "name", "starts_on", "ends_on", "liaison_due_date"]
    search_fields = ["slug", "name", "name_en"]
    fieldsets = [
        (None, {"fields": ["slug", "name", "name_en", "theme", "theme_en"]}),
        (None, {"fields": ["starts_on", "ends_on", "liaison_due_date"]}),
        (None, {"fields": ["leading_channel_name", "leading_channel_name_en"]}),
        (None, {"fields": ["subsidy_rate", "subsidy_cap_yuan", "subsidy_region", "subsidy_region_en"]}),
        (None, {"fields": ["diagnosis_scale_max", "attachment_max_mb", "solution_response_days"]}),
        (None, {"fields": ["confidentiality_terms", "confidentiality_terms_en"]}),
    ]
    inlines = [
        WindowInline,
        DistrictInline,
        FieldInline,
        BracketInline,
        ModeInline,
        AwardInline,
        TemplateInline,
        OrganiserInline,
    ]


@admin.register(models.Liaison)
class LiaisonAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["district", "name", "title", "mobile", "updated_at", "updated_by"]
    list_filter = ["district__campaign"]
    list_select_related = ["district", "updated_by"]
    readonly_fields = ["updated_at", "updated_by"]
