"""Login throttling (django-axes): who is asking, and what a locked-out person is told.

The login page and the API token endpoint both authenticate through `django.contrib.auth.authenticate`
with the request, so axes counts their failures together, per user name and address.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from innochallenge.core.addresses import client_ip  # noqa: F401  (the address axes and the throttles count)


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
