from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from innochallenge.publication.models import Dispatch, Outlet, Publication


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "channel", "feed_format", "active", "feed_link", "last_dispatch"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "name_en"]

    @admin.display(description=_("feed"))
    def feed_link(self, outlet):
        url = reverse("publication:feed", args=[outlet.channel or "all", outlet.feed_format])
        return format_html('<a href="{0}?outlet={1}">{0}?outlet={1}</a>', url, outlet.key)

    @admin.display(description=_("last sent"))
    def last_dispatch(self, outlet):
        last = outlet.dispatches.first()
        return last.sent_at if last else "—"


@admin.register(Dispatch)
class DispatchAdmin(admin.ModelAdmin):
    list_display = ["sent_at", "outlet", "channel", "feed_format", "count"]
    list_filter = ["outlet", "feed_format"]
    readonly_fields = ["outlet", "channel", "feed_format", "demands", "count", "sent_at", "sent_by"]

    def has_add_permission(self, request):
        return False


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["demand", "show_company_name", "budget_display", "published_at", "updated_at"]
    list_filter = ["budget_display", "show_company_name"]
    readonly_fields = ["demand", "published_at", "published_by", "chosen_by", "search_terms"]
