"""Read-only questions about demands: what a user may see, and how far each district is from its quota."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from innochallenge.accounts.enums import Role
from innochallenge.campaigns.models import Campaign, District
from innochallenge.demands.enums import NOT_FILED, NOT_SUBMITTED, PUBLISHABLE, DemandStatus, LeadingStatus
from innochallenge.demands.models import Demand, LeadingEnterprise


def visible_demands(user, campaign: Campaign | None = None) -> QuerySet[Demand]:
    """The demands `user` may list: all for organisers, the district's handed-in ones (and the drafts
    they filed) for liaisons, the enterprise's own for enterprise users, handed-in ones for service
    teams; nothing for anyone else."""
    demands = Demand.objects.select_related("campaign", "district", "industry_field")
    if campaign is not None:
        demands = demands.filter(campaign=campaign)
    role = getattr(user, "role", None) if getattr(user, "is_authenticated", False) else None
    if role == Role.ORGANISER:
        return demands
    if role == Role.LIAISON:
        # An enterprise's draft is its own until handed in; the liaison sees the drafts it filed itself.
        return demands.filter(district_id=user.district_id).exclude(
            Q(status=DemandStatus.DRAFT) & ~Q(created_by=user) & ~Q(imported_by=user)
        )
    if role == Role.ENTERPRISE and user.organisation_id:
        return demands.filter(organisation_id=user.organisation_id)
    if role == Role.BROKER:
        return demands.exclude(status=DemandStatus.DRAFT)
    return demands.none()


def visible_districts(user, campaign: Campaign) -> QuerySet[District]:
    districts = campaign.districts.all()
    if getattr(user, "role", None) == Role.LIAISON:
        return districts.filter(pk=user.district_id)
    return districts


@dataclass
class LeadingRow:
    organisation: str
    status: str
    demands: int
    below_minimum: bool


@dataclass
class DistrictProgress:
    district: District
    filed: int
    submitted: int
    publishable: int
    leading_confirmed: int
    leading_declared: int
    leading: list[LeadingRow] = field(default_factory=list)

    @property
    def target(self) -> int:
        return self.district.demand_target

    @property
    def percent(self) -> int:
        """Publishable demands against the target, in whole percent (the quota counts publishable ones)."""
        return round(100 * self.publishable / self.target) if self.target else 100

    @property
    def submitted_percent(self) -> int:
        return round(100 * self.submitted / self.target) if self.target else 100

    @property
    def leading_below_minimum(self) -> list[LeadingRow]:
        return [row for row in self.leading if row.status == LeadingStatus.CONFIRMED and row.below_minimum]

    @property
    def leading_in_range(self) -> bool:
        return self.district.leading_min <= self.leading_confirmed <= self.district.leading_max


def quota_progress(campaign: Campaign, districts: QuerySet[District] | None = None) -> list[DistrictProgress]:
    """Per district: demands filed / submitted / publishable against the target; leading enterprises
    confirmed against min–max; and each leading enterprise with fewer submitted demands than required."""
    chosen = list(districts if districts is not None else campaign.districts.all())
    counts = {
        row["district"]: row
        for row in Demand.objects.filter(campaign=campaign, district__in=chosen)
        .values("district")
        .annotate(
            filed=Count("pk", filter=~Q(status__in=NOT_FILED)),
            submitted=Count("pk", filter=~Q(status__in=NOT_SUBMITTED)),
            publishable=Count("pk", filter=Q(status__in=PUBLISHABLE)),
        )
    }
    per_enterprise = {
        row["organisation"]: row["n"]
        for row in Demand.objects.filter(campaign=campaign)
        .exclude(status__in=NOT_SUBMITTED | {DemandStatus.REJECTED})
        .values("organisation")
        .annotate(n=Count("pk"))
    }
    leading: dict[int, list[LeadingRow]] = {d.pk: [] for d in chosen}
    declarations = LeadingEnterprise.objects.filter(campaign=campaign, district__in=chosen).select_related(
        "organisation", "district"
    )
    for decl in declarations.order_by("organisation__name"):
        n = per_enterprise.get(decl.organisation_id, 0)
        leading[decl.district_id].append(
            LeadingRow(
                organisation=decl.organisation.name,
                status=decl.status,
                demands=n,
                below_minimum=n < decl.district.min_demands_per_leading,
            )
        )
    rows = []
    for district in chosen:
        c = counts.get(district.pk, {})
        decls = leading[district.pk]
        rows.append(
            DistrictProgress(
                district=district,
                filed=c.get("filed", 0),
                submitted=c.get("submitted", 0),
                publishable=c.get("publishable", 0),
                leading_confirmed=sum(r.status == LeadingStatus.CONFIRMED for r in decls),
                leading_declared=sum(r.status == LeadingStatus.DECLARED for r in decls),
                leading=decls,
            )
        )
    return rows


@dataclass(frozen=True)
class QuotaBar:
    progress: DistrictProgress
    y: float
    text_y: float
    target_width: float
    submitted_width: float
    publishable_width: float


@dataclass(frozen=True)
class QuotaChart:
    bars: list[QuotaBar]
    height: float


CHART_LABEL_WIDTH = 30
CHART_ROW_HEIGHT = 8


def quota_chart(rows: list[DistrictProgress]) -> QuotaChart:
    """Horizontal bars, 100 units for the largest of targets and submissions: the target as an outline,
    submitted demands behind publishable ones."""
    scale = max([1, *(max(r.target, r.submitted, r.filed) for r in rows)])

    def width(n: int) -> float:
        return round(100 * n / scale, 2)

    bars = [
        QuotaBar(
            progress=r,
            y=i * CHART_ROW_HEIGHT + 1,
            text_y=i * CHART_ROW_HEIGHT + 5,
            target_width=width(r.target),
            submitted_width=width(r.submitted),
            publishable_width=width(r.publishable),
        )
        for i, r in enumerate(rows)
    ]
    return QuotaChart(bars=bars, height=len(rows) * CHART_ROW_HEIGHT + 2)
