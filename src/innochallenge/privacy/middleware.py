"""A signed-in person who has not accepted the notice's current version is sent to the accept page first.

Not asked on: static and media files, the privacy pages themselves (to read the notice before accepting,
and to download one's data), log-out, language switching, the admin's log-in, and the API. A web session
that calls the API answers 403 with a JSON message to accept on the web; a bearer token is not stopped
(programs keep running; the person accepts at their next web sign-in)."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from innochallenge.privacy.services import has_accepted_current


def _exempt_prefixes() -> tuple[str, ...]:
    return (
        "/" + settings.STATIC_URL.lstrip("/"),
        "/media/",
        "/privacy/",
        "/en/privacy/",
        reverse("accounts:logout"),
        "/i18n/",
        "/favicon",
        "/robots.txt",
    )


class NoticeAcceptanceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(_exempt_prefixes()):
            return self.get_response(request)
        if has_accepted_current(user):
            return self.get_response(request)
        if request.path.startswith("/api/"):
            message = _("Please accept the new privacy notice on the website (/privacy/accept/) first.")
            return JsonResponse({"detail": message, "errors": {}}, status=403)
        htmx = request.headers.get("HX-Request") == "true"
        next_url = request.get_full_path() if request.method == "GET" and not htmx else "/"
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts=None):
            next_url = "/"
        target = reverse("privacy:accept") + "?" + urlencode({"next": next_url})
        if htmx:  # a fragment request: the whole page goes to the accept page
            return HttpResponse(status=204, headers={"HX-Redirect": target})
        return redirect(target)
