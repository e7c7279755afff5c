import datetime as dt
from dataclasses import dataclass

from innochallenge.campaigns.models import Campaign, District, StageWindow

LABEL_WIDTH = 36  # chart units left of the bars for the stage names; the bars span 100 units
ROW_HEIGHT = 7
AXIS_HEIGHT = 6


@dataclass(frozen=True)
class TimelineRow:
    window: StageWindow
    state: str  # "past", "running" or "upcoming" on the given day
    x: float  # chart units: where the bar starts
    width: float  # chart units: how long it is
    y: float  # chart units: top of the bar
    text_y: float  # chart units: baseline of the stage name


@dataclass(frozen=True)
class MonthTick:
    x: float
    label: str


@dataclass(frozen=True)
class Timeline:
    rows: list[TimelineRow]
    ticks: list[MonthTick]
    height: float
    today_x: float | None  # chart units, None when today is outside the campaign


def timeline(campaign: Campaign, today: dt.date) -> Timeline:
    """The campaign's stage windows in date order, laid out for an SVG chart 140 units wide."""
    windows = list(campaign.windows.all())
    first = min([campaign.starts_on, *(w.starts_on for w in windows)])
    last = max([campaign.ends_on, *(w.ends_on for w in windows)])
    span = (last - first).days + 1

    def at(day: dt.date) -> float:
        return LABEL_WIDTH + 100 * (day - first).days / span

    rows = []
    for i, w in enumerate(windows):
        state = "past" if w.ends_on < today else "running" if w.starts_on <= today else "upcoming"
        rows.append(
            TimelineRow(
                window=w,
                state=state,
                x=round(at(w.starts_on), 2),
                width=round(100 * ((w.ends_on - w.starts_on).days + 1) / span, 2),
                y=i * ROW_HEIGHT + 1,
                text_y=i * ROW_HEIGHT + 4.6,
            )
        )
    ticks = []
    month = dt.date(first.year, first.month, 1)
    while month <= last:
        if month >= first:
            ticks.append(MonthTick(x=round(at(month), 2), label=f"{month:%Y-%m}"))
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    today_x = round(at(today) + 50 / span, 2) if first <= today <= last else None
    height = len(rows) * ROW_HEIGHT + AXIS_HEIGHT
    return Timeline(rows=rows, ticks=ticks, height=height, today_x=today_x)


def running_stages(campaign: Campaign, today: dt.date) -> list[StageWindow]:
    return [w for w in campaign.windows.all() if w.contains(today)]


@dataclass(frozen=True)
class LiaisonStatus:
    district: District
    missing: bool
    overdue: bool


def liaison_overview(campaign: Campaign, today: dt.date, districts=None) -> list[LiaisonStatus]:
    """Each district with whether its liaison record is missing, and overdue after the due date."""
    qs = districts if districts is not None else campaign.districts.all()
    rows = []
    for district in qs.select_related("liaison"):
        missing = not hasattr(district, "liaison")
        rows.append(LiaisonStatus(district, missing, missing and today > campaign.liaison_due_date))
    return rows


def campaign_for_display(slug: str):
    return Campaign.objects.prefetch_related(
        "windows", "districts", "award_categories", "industry_fields", "organisers"
    ).get(slug=slug)
