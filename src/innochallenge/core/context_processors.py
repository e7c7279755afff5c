from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from innochallenge.accounts.enums import Role
from innochallenge.campaigns.models import Campaign


def navigation(request) -> dict:
    """The menu a user sees, by role. Pages of later stages add their entries here."""
    user = getattr(request, "user", None)
    items = [(_("Dashboard"), reverse("core:home"))]
    catalog = (_("Published demands"), reverse("publication:catalog"))
    if user is None or not user.is_authenticated:
        return {"nav_items": [*items, catalog]}
    campaign = None
    if user.role in (Role.ORGANISER, Role.LIAISON, Role.BROKER, Role.ENTERPRISE):
        campaign = Campaign.objects.current(timezone.localdate())
    if campaign and user.role == Role.ENTERPRISE:
        items.append((_("My demands"), reverse("demands:list")))
        items.append((_("File a demand"), reverse("demands:new")))
    if campaign and user.role in (Role.ORGANISER, Role.LIAISON, Role.BROKER):
        items.append((_("Demands"), reverse("demands:list")))
        items.append((_("Diagnosis queue"), reverse("diagnosis:queue")))
    if campaign and user.role in (Role.ORGANISER, Role.LIAISON):
        items.append((_("Quota progress"), reverse("demands:quota", args=[campaign.slug])))
        items.append((_("Reports"), reverse("reports:dashboard")))
        items.append((_("Liaisons"), reverse("campaigns:liaisons", args=[campaign.slug])))
    if user.role == Role.ORGANISER:
        items.append((_("Outlets"), reverse("publication:outlets")))
        items.append((_("Providers"), reverse("solutions:providers")))
    if user.role == Role.PROVIDER:
        items.append((_("My profile"), reverse("solutions:profile")))
    if user.role in (Role.ORGANISER, Role.BROKER, Role.ENTERPRISE, Role.PROVIDER):
        items.append(
            (_("My solutions") if user.role == Role.PROVIDER else _("Solutions"), reverse("solutions:list"))
        )
    if user.role in (Role.ORGANISER, Role.BROKER):
        items.append((_("Achievement library"), reverse("matching:library")))
    if user.role == Role.PROVIDER:
        items.append((_("Pushed to me"), reverse("matches:mine")))
    if user.role != Role.JUDGE:
        items.append((_("Matchmaking events"), reverse("events:list")))
    if user.role in (Role.ORGANISER, Role.JUDGE):
        items.append((_("Judging"), reverse("judging:list")))
    if user.role in (Role.ORGANISER, Role.BROKER, Role.ENTERPRISE, Role.PROVIDER):
        items.append((_("Contracts"), reverse("awards:contracts")))
    if user.role == Role.ORGANISER:
        items.append((pgettext_lazy("menu", "Awards"), reverse("prizes:index")))
    if user.role in (Role.ORGANISER, Role.LIAISON, Role.BROKER):
        items.append((_("Jobs"), reverse("jobs:list")))
    if user.role == Role.ORGANISER:
        items.append((_("Load a preset"), reverse("campaigns:preset-upload")))
        items.append((_("Administration"), reverse("admin:index")))
    items.append(catalog)
    unread = user.notifications.filter(read_at__isnull=True).count()
    label = _("Notifications (%(n)s)") % {"n": unread} if unread else _("Notifications")
    items.append((label, reverse("notifications:inbox")))
    return {"nav_items": items}
