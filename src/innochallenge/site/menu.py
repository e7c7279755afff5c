"""The site menu, grouped by the stage of the challenge a page serves. Each role sees only its own entries;
a group with one entry shows as that entry's link, a group with several opens as a list."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from innochallenge.accounts.enums import Role
from innochallenge.campaigns.enums import Stage
from innochallenge.campaigns.models import Campaign

ORG, LIA, BRO, ENT, PRO, JUD = (
    Role.ORGANISER,
    Role.LIAISON,
    Role.BROKER,
    Role.ENTERPRISE,
    Role.PROVIDER,
    Role.JUDGE,
)


@dataclass
class Group:
    key: str
    label: str
    #: The campaign stages whose work the group's pages serve (the home links them while they run).
    stages: frozenset[str]
    items: list[tuple[str, str]] = field(default_factory=list)
    current: bool = False  # holds the page being shown


def _groups() -> list[Group]:
    return [
        Group("collection", pgettext_lazy("menu group", "Demand collection"), frozenset({Stage.COLLECTION})),
        Group(
            "diagnosis",
            pgettext_lazy("menu group", "Diagnosis and publication"),
            frozenset({Stage.DIAGNOSIS, Stage.PUBLICATION}),
        ),
        Group(
            "solutions",
            pgettext_lazy("menu group", "Solutions and matching"),
            frozenset({Stage.SOLUTION_COLLECTION}),
        ),
        Group("events", pgettext_lazy("menu group", "Events"), frozenset()),
        Group(
            "judging",
            pgettext_lazy("menu group", "Judging"),
            frozenset({Stage.SPECIAL_COMPETITION, Stage.FINAL}),
        ),
        Group("awards", pgettext_lazy("menu group", "Awards"), frozenset({Stage.CEREMONY})),
        Group("admin", pgettext_lazy("menu group", "Administration"), frozenset()),
    ]


def _entries(role: str, campaign: Campaign | None) -> list[tuple[str, tuple[Role, ...], str, str]]:
    """(group, roles, label, address) of every page in the menu, in menu order."""
    rows = []
    if campaign:
        rows += [
            ("collection", (ENT,), _("My demands"), reverse("demands:list")),
            ("collection", (ENT,), _("File a demand"), reverse("demands:new")),
            ("collection", (ORG, LIA, BRO), _("Demands"), reverse("demands:list")),
            ("collection", (ORG, LIA), _("Quota progress"), reverse("demands:quota", args=[campaign.slug])),
            ("collection", (ORG, LIA), _("Liaisons"), reverse("campaigns:liaisons", args=[campaign.slug])),
            ("diagnosis", (ORG, LIA, BRO), _("Diagnosis queue"), reverse("diagnosis:queue")),
        ]
    rows += [
        ("diagnosis", (ORG,), _("Outlets"), reverse("publication:outlets")),
        ("solutions", (ORG,), _("Providers"), reverse("solutions:providers")),
        ("solutions", (PRO,), _("My profile"), reverse("solutions:profile")),
        ("solutions", (PRO,), _("My solutions"), reverse("solutions:list")),
        ("solutions", (ORG, BRO, ENT), _("Solutions"), reverse("solutions:list")),
        ("solutions", (ORG, BRO), _("Achievement library"), reverse("matching:library")),
        ("solutions", (PRO,), _("Pushed to me"), reverse("matches:mine")),
        ("events", (ORG, LIA, BRO, ENT, PRO), _("Matchmaking events"), reverse("events:list")),
        ("judging", (ORG, JUD), _("Judging"), reverse("judging:list")),
        ("judging", (JUD,), _("Declaration of interests"), reverse("judging:declare")),
        ("awards", (ORG, BRO, ENT, PRO), _("Contracts"), reverse("contracts:contracts")),
        ("awards", (ORG,), pgettext_lazy("menu", "Awards"), reverse("awards:index")),
    ]
    if campaign:
        rows += [
            ("awards", (ORG,), _("Subsidies"), reverse("contracts:subsidies")),
            (
                "admin",
                (ORG,),
                _("Campaign dashboard"),
                reverse("campaigns:dashboard", args=[campaign.slug]),
            ),
            ("admin", (ORG, LIA), _("Reports"), reverse("reports:dashboard")),
        ]
    rows += [
        ("admin", (ORG, LIA, BRO), _("Jobs"), reverse("jobs:list")),
        ("admin", (ORG,), _("Load a preset"), reverse("campaigns:preset-upload")),
        ("admin", (ORG,), _("Administration"), reverse("admin:index")),
    ]
    return [row for row in rows if role in row[1]]


def menu_groups(user, campaign: Campaign | None = None) -> list[Group]:
    """The groups that hold at least one of `user`'s pages, each with those pages only."""
    if user is None or not user.is_authenticated:
        return []
    if campaign is None:
        campaign = Campaign.objects.current(timezone.localdate())
    groups = {g.key: g for g in _groups()}
    for key, _roles, label, url in _entries(user.role, campaign):
        groups[key].items.append((label, url))
    return [g for g in groups.values() if g.items]


def navigation(user, path: str = "") -> dict:
    """What base.html shows: the home, the stage groups, the public catalog and the notifications."""
    home = (_("Dashboard"), reverse("site:home"))
    catalog = (_("Published demands"), reverse("publication:catalog"))
    if user is None or not user.is_authenticated:
        return {"nav_home": home, "nav_groups": [], "nav_tail": [catalog]}
    unread = user.notifications.filter(read_at__isnull=True).count()
    label = _("Notifications (%(n)s)") % {"n": unread} if unread else _("Notifications")
    groups = menu_groups(user)
    for group in groups:
        group.current = any(url == path for _label, url in group.items)
    return {
        "nav_home": home,
        "nav_groups": groups,
        "nav_tail": [catalog, (label, reverse("notifications:inbox"))],
    }
