from django.contrib import admin

from innochallenge.solutions.models import ProviderProfile, Solution, TermsAcceptance


@admin.register(ProviderProfile)
class ProviderProfileAdmin(admin.ModelAdmin):
    list_display = ["organisation", "provider_type", "country", "status", "updated_at"]
    list_filter = ["status", "provider_type"]
    search_fields = ["organisation__name", "organisation__name_en", "expertise", "keywords"]


@admin.register(Solution)
class SolutionAdmin(admin.ModelAdmin):
    list_display = ["title", "demand", "provider", "status", "version", "submitted_at"]
    list_filter = ["status"]
    search_fields = ["title", "summary", "provider__name"]
    readonly_fields = ["demand", "provider", "status", "version", "created_by", "submitted_at", "decided_at"]


@admin.register(TermsAcceptance)
class TermsAcceptanceAdmin(admin.ModelAdmin):
    list_display = ["provider", "campaign", "accepted_by", "accepted_at"]
    readonly_fields = ["provider", "campaign", "accepted_by", "accepted_at", "terms_sha256"]
