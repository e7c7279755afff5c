"""The dashboard's charts, laid out here for server-rendered SVG (`reports/_bars.svg`): no script, no
inline style, so the Content-Security-Policy holds. A chart is 150 units wide: a label column, then the
bars, 100 units for the largest value. The district quota chart is the quota page's own
(`demands.queries.quota_chart`)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from innochallenge.demands.queries import quota_chart as quota_chart  # the quota page's own chart
from innochallenge.reports.figures import EventSummary, FunnelRow

LABEL_WIDTH = 36
BAR_SPAN = 100
ROW_HEIGHT = 8
BAR_HEIGHT = 6


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    width: float
    y: float
    text_y: float
    inner_value: int | None = None  # a part of `value` drawn over it (signed among held meetings)
    inner_width: float = 0.0
    note: str = ""  # the figure printed after the bar

    @property
    def text_x(self) -> float:
        return round(LABEL_WIDTH + self.width + 1, 2)


@dataclass(frozen=True)
class BarChart:
    name: str  # a CSS class: "funnel-chart", "events-chart"
    title: str
    bars: list[Bar]
    height: float
    label_width: int = LABEL_WIDTH


def _width(n: int, scale: int) -> float:
    return round(BAR_SPAN * n / scale, 2) if scale else 0.0


def _layout(i: int) -> dict:
    return {"y": i * ROW_HEIGHT + 1, "text_y": i * ROW_HEIGHT + 5}


def funnel_chart(total: FunnelRow) -> BarChart:
    """One bar per stage of the funnel, each with its share of the demands collected."""
    stages = total.stages
    scale = max([1, *(n for _name, n in stages)])
    bars = []
    for i, (name, n) in enumerate(stages):
        share = f" ({round(100 * n / total.collected)}%)" if total.collected and i else ""
        bars.append(Bar(name, n, _width(n, scale), note=f"{n}{share}", **_layout(i)))
    return BarChart("funnel-chart", str(_("Demands at each stage")), bars, len(bars) * ROW_HEIGHT + 2)


def _event_label(event) -> str:
    """Short enough for the label column: the date and the district or industry of the session."""
    subject = event.district or event.industry_field
    return f"{event.date:%m-%d} {subject.display_name if subject else event.display_name}"


def events_chart(summary: EventSummary) -> BarChart:
    """One bar per event: the meetings held, with those a contract came out of drawn over them."""
    rows = summary.rows
    scale = max([1, *(r.figures.held for r in rows)])
    bars = [
        Bar(
            _event_label(r.event),
            r.figures.held,
            _width(r.figures.held, scale),
            inner_value=r.figures.signed,
            inner_width=_width(r.figures.signed, scale),
            note=f"{r.figures.signed}/{r.figures.held}",
            **_layout(i),
        )
        for i, r in enumerate(rows)
    ]
    title = str(_("Meetings held and signed per event"))
    return BarChart("events-chart", title, bars, len(bars) * ROW_HEIGHT + 2)
