"""Addresses: the site's own in links that leave the page (printed posters and their QR codes, agenda
check-in codes, feeds, the sitemap, API answers), and the caller's, as log-in locks and throttles count it."""

from django.conf import settings
from django.http import HttpRequest


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


def client_ip(request: HttpRequest) -> str:
    """The caller's address: the socket's, or behind `PROXY_COUNT` proxies the one they recorded.

    Each proxy appends the address it was called from to X-Forwarded-For, so the trustworthy entry is
    the proxy count from the right; anything further left was written by the caller and may be forged.
    """
    proxies = settings.PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
