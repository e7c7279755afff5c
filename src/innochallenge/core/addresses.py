"""The site's own address in links that leave the page: printed posters and their QR codes, agenda
check-in codes, feeds, the sitemap, API answers."""

from django.conf import settings


def site_base(request) -> str:
    """`SITE_URL` when the operator set it (a poster must carry the public address even when the organiser
    prints it from an intranet one), else the address this request came in on, so that a machine on an
    intranet with no `SITE_URL` still prints codes that work there."""
    if settings.SITE_URL_SET:
        return settings.SITE_URL
    return request.build_absolute_uri("/").rstrip("/")


def absolute_url(request, path: str) -> str:
    """`path` (from reverse() or the request) as a full address on `site_base`."""
    return site_base(request) + path
