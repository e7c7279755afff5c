"""Login throttling (django-axes): who is asking, and what a locked-out person is told.

The login page and the API token endpoint both authenticate through `django.contrib.auth.authenticate`
with the request, so axes counts their failures together, per user name and address.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


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


def cooloff_minutes() -> int:
    return max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """429 with a message in the reader's language: a page for the browser, JSON for the API."""
    minutes = cooloff_minutes()
    message = _(
        "Too many failed log-in attempts for this user name. Please wait %(minutes)s minutes and try "
        "again, or reset your password."
    ) % {"minutes": minutes}
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "errors": {}}, status=429)
    return render(request, "accounts/locked.html", {"message": message, "minutes": minutes}, status=429)
