"""QR codes that open the phone form with a district chosen (segno, drawn as SVG, nothing downloaded)."""

import io

import segno
from django.urls import reverse

from innochallenge.core.addresses import absolute_url


def district_url(request, campaign, district) -> str:
    """The address printed in the code: SITE_URL when set, else the one the poster was opened at."""
    return absolute_url(request, reverse("qr-start", args=[campaign.slug, district.code]))


def district_svg(request, campaign, district, *, inline: bool = False) -> str:
    code = segno.make(district_url(request, campaign, district), error="m", micro=False)
    if inline:
        return code.svg_inline(scale=6, border=2, svgclass="qr", omitsize=True)
    out = io.BytesIO()
    code.save(out, kind="svg", scale=8, border=2, title=f"{campaign.name} · {district.name}")
    return out.getvalue().decode()
