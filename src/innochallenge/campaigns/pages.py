"""Pages other apps compose: the campaign dashboard is also what the site's home shows a visitor."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from innochallenge.accounts.rules import is_organiser
from innochallenge.campaigns import queries
from innochallenge.campaigns.models import Campaign


def dashboard_page(request, slug: str | None = None):
    """The campaign's timeline and today's stage; without a slug, the campaign running today."""
    today = timezone.localdate()
    if slug is None:
        campaign = Campaign.objects.current(today)
        if campaign is None:
            return render(request, "campaigns/empty.html")
        slug = campaign.slug
    try:
        campaign = queries.campaign_for_display(slug)
    except Campaign.DoesNotExist as exc:
        raise Http404 from exc
    context = {
        "campaign": campaign,
        "today": today,
        "timeline": queries.timeline(campaign, today),
        "running": queries.running_stages(campaign, today),
        "campaigns": Campaign.objects.only("slug", "name", "name_en"),
    }
    if is_organiser(request.user):
        context["liaisons_overdue"] = [r for r in queries.liaison_overview(campaign, today) if r.overdue]
    return render(request, "campaigns/dashboard.html", context)
