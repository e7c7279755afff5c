"""A winner's certificate (荣誉证书) as a one-page PDF, Chinese above and English below. Chinese is set in
reportlab's built-in CID font STSong-Light (as the event agendas are), so no font file is needed; the
wording is fixed in both languages, whatever language the organiser's browser uses."""

import io

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from innochallenge.awards.models import Winner

CHINESE = "STSong-Light"
LATIN = "Helvetica"
LATIN_BOLD = "Helvetica-Bold"


def _font() -> None:
    if CHINESE not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CHINESE))


def _centred(canvas: Canvas, y: float, text: str, font: str, size: float) -> None:
    width = canvas._pagesize[0]
    while size > 8 and pdfmetrics.stringWidth(text, font, size) > width - 50 * mm:
        size -= 0.5  # a long name shrinks to fit the line rather than run off the page
    canvas.setFont(font, size)
    canvas.drawCentredString(width / 2, y, text)


def _subject(winner: Winner) -> tuple[str, str]:
    """What the award is for, beyond the name: the solution and the demand it answered."""
    if winner.solution_id is None:
        return "", ""
    demand = winner.demand.publication.title_en if hasattr(winner.demand, "publication") else ""
    return (
        f"解决方案《{winner.solution.title}》 · 需求 {winner.demand.reference} {winner.demand.title}",
        f'Solution "{winner.solution.title}" to demand {winner.demand.reference} {demand}'.rstrip(),
    )


def certificate_pdf(winner: Winner) -> bytes:
    _font()
    category, campaign = winner.category, winner.category.campaign
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=landscape(A4))
    canvas.setTitle(f"{category.name} · {winner.name}")
    canvas.setAuthor(campaign.name)
    width, height = landscape(A4)
    canvas.setStrokeColor(colors.HexColor("#a8832b"))
    canvas.setLineWidth(3)
    canvas.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    canvas.setLineWidth(0.8)
    canvas.rect(16 * mm, 16 * mm, width - 32 * mm, height - 32 * mm)
    canvas.setFillColor(colors.HexColor("#1d2a3a"))

    when = timezone.localtime(winner.confirmed_at).date() if winner.confirmed_at else timezone.localdate()
    subject_zh, subject_en = _subject(winner)

    y = height - 42 * mm
    _centred(canvas, y, "荣誉证书", CHINESE, 30)
    _centred(canvas, y - 14 * mm, winner.name, CHINESE, 20)
    _centred(canvas, y - 25 * mm, f"在{campaign.name}中荣获", CHINESE, 13)
    _centred(canvas, y - 36 * mm, category.name, CHINESE, 18)
    if subject_zh:
        _centred(canvas, y - 45 * mm, subject_zh, CHINESE, 10)
    _centred(canvas, y - 54 * mm, "特发此证，以资鼓励。", CHINESE, 12)

    y = height / 2 - 22 * mm
    canvas.setStrokeColor(colors.HexColor("#d5dde6"))
    canvas.line(60 * mm, y + 10 * mm, width - 60 * mm, y + 10 * mm)
    _centred(canvas, y, "Certificate of Award", LATIN_BOLD, 20)
    _centred(canvas, y - 11 * mm, winner.name_en, CHINESE if not winner.name_en.isascii() else LATIN_BOLD, 15)
    _centred(canvas, y - 20 * mm, f"is awarded the {category.name_en or category.name}", LATIN, 12)
    if subject_en:
        _centred(canvas, y - 28 * mm, subject_en, CHINESE if not subject_en.isascii() else LATIN, 9)
    _centred(canvas, y - 36 * mm, f"in the {campaign.name_en or campaign.name}", LATIN, 11)

    _centred(canvas, 26 * mm, f"{campaign.name} · {when:%Y年%m月%d日} · {when.isoformat()}", CHINESE, 10)
    canvas.showPage()
    canvas.save()
    return out.getvalue()
