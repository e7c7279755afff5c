"""A participant's agenda as a calendar file (.ics, one event per meeting) and as a printable PDF with
the check-in QR code. The PDF uses reportlab's built-in CID font STSong-Light, so Chinese prints
without any font file on the machine."""

import io

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from innochallenge.events.models import Event, Registration
from innochallenge.events.queries import AgendaRow

FONT = "STSong-Light"


def _host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "innochallenge"


def agenda_ics(event: Event, registration: Registration, rows: list[AgendaRow]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//InnoChallenge//events//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", event.display_name)
    calendar.add("x-wr-timezone", str(timezone.get_default_timezone()))
    stamp = timezone.now()
    for row in rows:
        item = CalendarEvent()
        # keyed on the request, which a new schedule keeps, so a re-imported agenda updates its entries
        item.add("uid", f"meeting-request-{row.meeting.request_id}@{_host()}")
        item.add("dtstamp", stamp)
        item.add("dtstart", row.starts_at)
        item.add("dtend", row.ends_at)
        item.add("summary", _("Meeting with %(name)s") % {"name": row.party.name})
        item.add("location", _("%(venue)s, table %(table)s") % {"venue": event.venue, "table": row.table})
        lines = [event.display_name, *row.demands]
        if row.interpreter:
            lines.append(_("An interpreter is at this table."))
        item.add("description", "\n".join(lines))
        calendar.add_component(item)
    calendar.add_missing_timezones()  # a VTIMEZONE for Asia/Shanghai, for calendars that want one
    return calendar.to_ical()


def _qr(data: str, size: float) -> Drawing:
    widget = QrCodeWidget(data)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def agenda_pdf(
    event: Event, registration: Registration, rows: list[AgendaRow], *, name: str, check_in_url: str
) -> bytes:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    title = ParagraphStyle("title", fontName=FONT, fontSize=15, leading=20, spaceAfter=4)
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, wordWrap="CJK")
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"{event.display_name} · {name}",
    )
    head = [
        Paragraph(event.display_name, title),
        Paragraph(
            _("%(date)s · %(venue)s · organised by %(unit)s")
            % {"date": event.date.isoformat(), "venue": event.venue, "unit": event.organising_unit},
            body,
        ),
        Paragraph(_("Agenda of %(name)s") % {"name": name}, body),
        Spacer(1, 4 * mm),
    ]
    qr = Table(
        [[_qr(check_in_url, 28 * mm), Paragraph(_("Show this code at the entrance to check in."), body)]],
        colWidths=[32 * mm, None],
    )
    qr.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    header = [_("Time"), _("Table"), _("With"), _("Demands")]
    data = [[Paragraph(h, body) for h in header]]
    for row in rows:
        data.append(
            [
                Paragraph(f"{row.starts_at:%H:%M}–{row.ends_at:%H:%M}", body),
                Paragraph(str(row.table) + (" *" if row.interpreter else ""), body),
                Paragraph(row.party.name, body),
                Paragraph("<br/>".join(row.demands) or "—", body),
            ]
        )
    if not rows:
        data.append([Paragraph(_("No meeting scheduled yet."), body), "", "", ""])
    table = Table(data, colWidths=[28 * mm, 16 * mm, 60 * mm, None], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f6")),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#d5dde6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story = [*head, qr, Spacer(1, 4 * mm), table]
    if any(r.interpreter for r in rows):
        story += [Spacer(1, 2 * mm), Paragraph(_("* An interpreter is at this table."), body)]
    doc.build(story)
    return out.getvalue()
