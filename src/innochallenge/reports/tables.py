"""The dashboard's tables, as plain rows of values read from `reports.figures`: the page shows them and
`reports.exports` writes the very same rows to .xlsx, so the two cannot disagree. Personal data (the
financing meeting's contacts) is in a table only for users allowed to see it."""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from innochallenge.core.text import join_list
from innochallenge.reports.figures import STAGES, Figures, FunnelRow, funnel_total


@dataclass(frozen=True)
class Column:
    label: str  # lazily translated; the export writes it in Chinese and English
    kind: str = "int"  # "text", "int", "yuan" (CNY), "wan" (10k CNY), "percent" (a fraction of 1)


@dataclass
class Row:
    cells: list
    mark: bool = False  # the liaison's own district
    total: bool = False


@dataclass
class Table:
    identifier: str  # the URL's /reports/<identifier>.xlsx
    title: str
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    #: The rows carry personal contacts: exporting it is a sensitive read, audited (reports.exports).
    personal: bool = False

    @property
    def values(self) -> list[list]:
        return [row.cells for row in self.rows]

    def shown(self) -> list[tuple[Row, list[tuple[str, str]]]]:
        """Each row with its cells formatted for the page, and each cell's column kind (for alignment)."""
        return [
            (row, [(c.kind, _format(v, c.kind)) for c, v in zip(self.columns, row.cells, strict=True)])
            for row in self.rows
        ]


def _format(value, kind: str) -> str:
    if value is None or value == "":
        return "—"
    if kind == "percent":
        return f"{number_format(Decimal(value) * 100, 1)}%"
    if kind in ("yuan", "wan"):
        return number_format(value, 2, force_grouping=True)
    if kind == "int":
        return number_format(value, force_grouping=True)
    return str(value)


def _mine(user) -> int | None:
    return getattr(user, "district_id", None)


def _funnel(identifier: str, title, part_label, rows: list[FunnelRow], marked: str | None) -> Table:
    table = Table(identifier, str(title), [Column(part_label, "text"), *(Column(n) for n in STAGES.values())])
    for r in rows:
        table.rows.append(
            Row([r.label, *(n for _name, n in r.stages)], mark=bool(marked) and r.key == marked)
        )
    total = funnel_total(rows)
    table.rows.append(Row([total.label, *(n for _name, n in total.stages)], total=True))
    return table


def funnel_by_district(figures: Figures, user) -> Table:
    mine = _mine(user)
    code = figures.campaign.districts.filter(pk=mine).values_list("code", flat=True).first() if mine else None
    return _funnel(
        "funnel-district", _("Funnel by district"), _("District"), figures.funnel_district, marked=code
    )


def funnel_by_field(figures: Figures, user) -> Table:
    return _funnel(
        "funnel-field", _("Funnel by industry field"), _("Industry field"), figures.funnel_field, None
    )


def quota(figures: Figures, user) -> Table:
    q = figures.quota
    table = Table(
        "quota",
        str(_("Quota attainment")),
        [
            Column(_("District"), "text"),
            Column(_("Target")),
            Column(_("Submitted")),
            Column(_("Publishable")),
            Column(_("Attainment (%)")),
        ],
    )
    for r in q.rows:
        table.rows.append(
            Row(
                [r.district.display_name, r.target, r.submitted, r.publishable, r.percent],
                mark=r.district.pk == _mine(user),
            )
        )
    submitted = sum(r.submitted for r in q.rows)
    table.rows.append(Row([str(_("Total")), q.target, submitted, q.publishable, q.percent], total=True))
    return table


def events(figures: Figures, user) -> Table:
    summary = figures.events
    table = Table(
        "events",
        str(_("Matchmaking events and meetings")),
        [
            Column(_("Event"), "text"),
            Column(_("Date"), "text"),
            Column(_("Meeting places (tables × slots)")),
            Column(_("Meetings placed")),
            Column(_("Meetings held")),
            Column(_("No-shows")),
            Column(_("Intentions to cooperate")),
            Column(_("Meetings with a signed contract")),
            Column(_("Table utilisation"), "percent"),
            Column(_("Signing rate"), "percent"),
        ],
    )

    def cells(f) -> list:
        return [
            f.capacity,
            f.placed,
            f.held,
            f.no_show,
            f.intentions,
            f.signed,
            f.utilisation,
            f.signing_rate,
        ]

    for r in summary.rows:
        table.rows.append(Row([r.event.display_name, r.event.date.isoformat(), *cells(r.figures)]))
    table.rows.append(Row([str(_("Total")), "", *cells(summary.total)], total=True))
    return table


def contracts_and_subsidies(figures: Figures, user) -> Table:
    m = figures.money
    table = Table(
        "contracts-subsidies",
        str(_("Contracts and subsidies")),
        [
            Column(pgettext_lazy("report", "Figure"), "text"),
            Column(_("Number")),
            Column(_("Amount (CNY)"), "yuan"),
        ],
    )
    table.rows += [
        Row([str(_("Technology contracts registered")), m.contracts, m.contract_yuan]),
        Row([str(_("Subsidy applied for, not yet decided")), None, m.subsidy.applied]),
        Row([str(_("Subsidy committed (approved or paid)")), None, m.subsidy.committed]),
        Row([str(_("Subsidy paid out")), None, m.subsidy.paid]),
    ]
    return table


def awards(figures: Figures, user) -> Table:
    budget = figures.money.prizes
    table = Table(
        "awards",
        str(_("Award budget")),
        [
            Column(_("Award"), "text"),
            Column(_("Number of awards")),
            Column(_("Prize each (CNY)"), "yuan"),
            Column(_("Budget (CNY)"), "yuan"),
            Column(_("Winners confirmed")),
            Column(_("Confirmed (CNY)"), "yuan"),
        ],
    )
    for line in budget.lines:
        table.rows.append(
            Row(
                [
                    line.category.display_name,
                    line.count,
                    line.prize_yuan,
                    line.total_yuan,
                    line.confirmed,
                    line.confirmed_yuan,
                ]
            )
        )
    confirmed = sum(line.confirmed for line in budget.lines)
    table.rows.append(
        Row([str(_("Total")), None, None, budget.total_yuan, confirmed, budget.confirmed_yuan], total=True)
    )
    return table


def financing_parties(figures: Figures, user) -> Table:
    f = figures.financing
    table = Table(
        "financing-parties",
        str(_("Financing meeting: parties")),
        [
            Column(_("Party"), "text"),
            Column(_("Registrations")),
            Column(_("Financing needed (10k CNY)"), "wan"),
            Column(_("Financing offered (10k CNY)"), "wan"),
        ],
    )
    for p in [*f.parties, f.total]:
        table.rows.append(Row([p.label, p.registrations, p.need_wan, p.offer_wan], total=p.kind == "total"))
    return table


def financing_registrations(figures: Figures, user) -> Table:
    """The registrations; contact person, phone and e-mail only for users who may see personal data."""
    contacts = user.has_perm("reports.view_financing_contacts")
    columns = [
        Column(_("Party"), "text"),
        Column(_("Organisation"), "text"),
        Column(_("Financing needed (10k CNY)"), "wan"),
        Column(_("Purpose of the financing"), "text"),
        Column(_("Financing offered (10k CNY)"), "wan"),
        Column(_("Fields of interest"), "text"),
        Column(_("Note"), "text"),
        Column(_("Registered"), "text"),
    ]
    if contacts:
        columns += [
            Column(_("Contact person"), "text"),
            Column(_("Contact phone"), "text"),
            Column(_("E-mail"), "text"),
        ]
    table = Table("financing", str(_("Financing meeting: registrations")), columns, personal=contacts)
    for r in figures.financing.registrations:
        cells = [
            r.get_kind_display(),
            r.organisation_name,
            r.need_wan,
            r.purpose,
            r.offer_wan,
            join_list(f.display_name for f in r.fields_of_interest.all()),
            r.note,
            timezone.localdate(r.created_at).isoformat(),
        ]
        if contacts:
            cells += [r.contact_name, r.contact_phone, r.contact_email]
        table.rows.append(Row(cells))
    return table


#: Every table of the dashboard, by the identifier of its export.
TABLES: dict[str, Callable[[Figures, object], Table]] = {
    "funnel-district": funnel_by_district,
    "funnel-field": funnel_by_field,
    "quota": quota,
    "events": events,
    "contracts-subsidies": contracts_and_subsidies,
    "awards": awards,
    "financing-parties": financing_parties,
    "financing": financing_registrations,
}


def build(identifier: str, figures: Figures, user) -> Table:
    return TABLES[identifier](figures, user)
