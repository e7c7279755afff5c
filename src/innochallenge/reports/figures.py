"""The dashboard's figures. Each is defined once, here, and the page, the charts and the .xlsx exports all
read it from these functions. Where another app already defines a figure (quota attainment, an event's
signing rate, the subsidy and prize budgets) it is called, not re-derived.

The funnel counts a campaign's demands by how far each got; a demand counts in a stage when:
- collected: handed in (not a draft, not withdrawn) — the quota's `submitted`;
- diagnosed: a service team (or the organiser) recorded a diagnosis, whatever the decision;
- published: it went out in public (a publication date is set; closed later still counts);
- with solutions: at least one solution handed in (`solutions.queries.with_solution_counts` ≥ 1);
- finalists: one of its solutions is an entry of a final of the campaign;
- contracts: at least one technology contract is registered for it (several count once);
- subsidies: a post-contract subsidy for one of its contracts is committed (approved or paid)."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import Count, Exists, OuterRef, Sum
from django.utils.translation import gettext_lazy as _

from innochallenge.awards import prizes
from innochallenge.contracts import subsidies
from innochallenge.contracts.enums import COMMITTED
from innochallenge.contracts.models import Contract, SubsidyApplication
from innochallenge.demands.enums import NOT_SUBMITTED
from innochallenge.demands.models import Demand
from innochallenge.demands.queries import DistrictProgress, quota_progress
from innochallenge.diagnosis.models import Diagnosis
from innochallenge.events.models import Event
from innochallenge.events.outcomes import EventFigures, event_figures
from innochallenge.judging.enums import Stage
from innochallenge.judging.models import Entry
from innochallenge.reports.enums import PartyKind
from innochallenge.reports.models import FinancingRegistration
from innochallenge.solutions.queries import with_solution_counts

#: The funnel's stages in order, with their names.
STAGES = {
    "collected": _("Collected"),
    "diagnosed": _("Diagnosed"),
    "published": _("Published"),
    "with_solutions": _("With solutions"),
    "finalists": _("Finalists"),
    "contracts": _("Contracts"),
    "subsidies": _("Subsidies"),
}


@dataclass
class FunnelRow:
    """Demands of one district (or field, or the whole campaign) in each stage of the funnel."""

    key: str  # the district's or field's code; "" for demands without one, "total" for the sum
    label: str
    collected: int = 0
    diagnosed: int = 0
    published: int = 0
    with_solutions: int = 0
    finalists: int = 0
    contracts: int = 0
    subsidies: int = 0

    @property
    def stages(self) -> list[tuple[str, int]]:
        return [(str(name), getattr(self, stage)) for stage, name in STAGES.items()]

    def add(self, other: "FunnelRow") -> None:
        for stage in STAGES:
            setattr(self, stage, getattr(self, stage) + getattr(other, stage))


def _funnel_flags(campaign) -> list[dict]:
    """One row per collected demand of `campaign`: its district, field and which stages it reached."""
    demands = Demand.objects.filter(campaign=campaign).exclude(status__in=NOT_SUBMITTED)
    return list(
        with_solution_counts(demands)
        .annotate(
            diagnosed=Exists(Diagnosis.objects.filter(demand=OuterRef("pk"))),
            finalist=Exists(
                Entry.objects.filter(
                    demand=OuterRef("pk"), round__stage=Stage.FINAL, round__campaign=campaign
                )
            ),
            contracted=Exists(Contract.objects.filter(demand=OuterRef("pk"))),
            subsidised=Exists(
                SubsidyApplication.objects.filter(contract__demand=OuterRef("pk"), state__in=COMMITTED)
            ),
        )
        .values(
            "district_id",
            "industry_field_id",
            "publication__published_at",
            "solution_count",
            "diagnosed",
            "finalist",
            "contracted",
            "subsidised",
        )
    )


def _reached(flags: dict) -> Counter:
    return Counter(
        {
            "collected": 1,
            "diagnosed": int(flags["diagnosed"]),
            "published": int(flags["publication__published_at"] is not None),
            "with_solutions": int(flags["solution_count"] >= 1),
            "finalists": int(flags["finalist"]),
            "contracts": int(flags["contracted"]),
            "subsidies": int(flags["subsidised"]),
        }
    )


def funnel(campaign, by: str = "district") -> list[FunnelRow]:
    """The funnel (see the module's docstring) per district or per industry field (`by="field"`), in the
    campaign's order, every district or field listed even when empty; demands without one (imported
    ones may lack it) come last in a row of their own."""
    if by not in ("district", "field"):
        raise ValueError(by)
    parts = list(campaign.districts.all() if by == "district" else campaign.industry_fields.all())
    rows = {p.pk: FunnelRow(p.code, p.display_name) for p in parts}
    column = "district_id" if by == "district" else "industry_field_id"
    for flags in _funnel_flags(campaign):
        row = rows.setdefault(flags[column], FunnelRow("", str(_("Not stated"))))
        for stage, n in _reached(flags).items():
            setattr(row, stage, getattr(row, stage) + n)
    return list(rows.values())


def funnel_total(rows: list[FunnelRow]) -> FunnelRow:
    """The whole campaign: the sum of the rows of `funnel` (by district or by field, the same)."""
    total = FunnelRow("total", str(_("Total")))
    for row in rows:
        total.add(row)
    return total


@dataclass
class QuotaAttainment:
    """Publishable demands against the districts' targets. Per district it is the quota page's own
    figure (`demands.queries.quota_progress`, `DistrictProgress.percent`); the campaign's is the sum of
    publishable demands over the sum of targets, in whole percent."""

    rows: list[DistrictProgress]
    publishable: int
    target: int

    @property
    def percent(self) -> int:
        return round(100 * self.publishable / self.target) if self.target else 100


def quota_attainment(campaign) -> QuotaAttainment:
    rows = quota_progress(campaign)
    return QuotaAttainment(
        rows=rows, publishable=sum(r.publishable for r in rows), target=sum(r.target for r in rows)
    )


@dataclass
class EventRow:
    event: Event
    figures: EventFigures


@dataclass
class EventSummary:
    """The campaign's matchmaking events, each with `events.outcomes.event_figures`, and their sum. The
    sum is an `EventFigures` too, so its utilisation and signing rate (meetings held that a registered
    contract links back to ÷ meetings held) are the events' own definitions over all events."""

    rows: list[EventRow]
    total: EventFigures

    @property
    def held_events(self) -> int:
        return sum(1 for r in self.rows if r.figures.held)


def events_summary(campaign) -> EventSummary:
    rows = [EventRow(e, event_figures(e)) for e in Event.objects.filter(campaign=campaign).order_by("date")]
    total = EventFigures(
        capacity=0, placed=0, held=0, no_show=0, cancelled=0, requests=Counter(), unmet=[], intentions=0
    )
    for row in rows:
        for name in ("capacity", "placed", "held", "no_show", "cancelled", "intentions", "signed"):
            setattr(total, name, getattr(total, name) + getattr(row.figures, name))
        total.requests.update(row.figures.requests)
        total.unmet.extend(row.figures.unmet)
    return EventSummary(rows, total)


@dataclass
class Money:
    """The campaign's money: technology contracts registered (number and amount, all of them, at events
    or not), the post-contract subsidy (`awards.subsidies.budget`) and the prize money
    (`awards.prizes.prize_budget`: each award's number × prize, and what confirmed winners take)."""

    contracts: int
    contract_yuan: Decimal
    subsidy: subsidies.Budget
    prizes: prizes.Budget


def money(campaign) -> Money:
    registered = Contract.objects.filter(campaign=campaign).aggregate(n=Count("pk"), total=Sum("amount_yuan"))
    return Money(
        contracts=registered["n"],
        contract_yuan=registered["total"] or Decimal("0.00"),
        subsidy=subsidies.budget(campaign),
        prizes=prizes.prize_budget(campaign),
    )


@dataclass
class PartyTotal:
    """Registrations of one party of the financing meeting: how many, the financing the enterprises
    need and the financing banks and investors offer (in 万元)."""

    kind: str
    label: str
    registrations: int = 0
    need_wan: Decimal = Decimal(0)
    offer_wan: Decimal = Decimal(0)


@dataclass
class Financing:
    registrations: list[FinancingRegistration]
    parties: list[PartyTotal] = field(default_factory=list)

    @property
    def total(self) -> PartyTotal:
        total = PartyTotal("total", str(_("Total")))
        for party in self.parties:
            for name in ("registrations", "need_wan", "offer_wan"):
                setattr(total, name, getattr(total, name) + getattr(party, name))
        return total


def financing(campaign) -> Financing:
    """The four-party financing meeting's registrations of `campaign` and the totals per party."""
    registrations = list(
        FinancingRegistration.objects.filter(campaign=campaign).prefetch_related("fields_of_interest")
    )
    sums = {
        row["kind"]: row
        for row in FinancingRegistration.objects.filter(campaign=campaign)
        .order_by()
        .values("kind")
        .annotate(n=Count("pk"), need=Sum("need_wan"), offer=Sum("offer_wan"))
    }
    parties = []
    for kind in PartyKind:
        row = sums.get(kind.value, {})
        parties.append(
            PartyTotal(
                kind.value,
                str(kind.label),
                row.get("n", 0),
                row.get("need") or Decimal(0),
                row.get("offer") or Decimal(0),
            )
        )
    return Financing(registrations, parties)


class Figures:
    """All figures of one campaign for one page or export, each computed on first use only."""

    def __init__(self, campaign):
        self.campaign = campaign

    @cached_property
    def funnel_district(self) -> list[FunnelRow]:
        return funnel(self.campaign, by="district")

    @cached_property
    def funnel_field(self) -> list[FunnelRow]:
        return funnel(self.campaign, by="field")

    @cached_property
    def funnel_total(self) -> FunnelRow:
        return funnel_total(self.funnel_district)

    @cached_property
    def quota(self) -> QuotaAttainment:
        return quota_attainment(self.campaign)

    @cached_property
    def events(self) -> EventSummary:
        return events_summary(self.campaign)

    @cached_property
    def money(self) -> Money:
        return money(self.campaign)

    @cached_property
    def financing(self) -> Financing:
        return financing(self.campaign)
