"""Staff sessions end on their own (等保 2.0): after `STAFF_SESSION_IDLE_MINUTES` without a request and
`STAFF_SESSION_MAX_HOURS` after signing in, whatever happens in between, for the roles in
`SESSION_TIMED_ROLES` (organisers, liaisons, brokers, judges by default). Enterprises and providers keep
Django's session as it is. A password change already ends every session (Django's session hash)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.utils.translation import gettext as _

SIGNED_IN_AT = "innochallenge.signed_in_at"
SEEN_AT = "innochallenge.seen_at"
#: The last request is written down at most this often (seconds), not on every page.
SEEN_EVERY = 60


@receiver(user_logged_in)
def _start_the_clocks(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SIGNED_IN_AT] = now
        request.session[SEEN_AT] = now


def _timed(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.role in settings.SESSION_TIMED_ROLES)


class StaffSessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _timed(getattr(request, "user", None)):
            ended = self._check(request)
            if ended is not None:
                return ended
        return self.get_response(request)

    def _check(self, request):
        session, now = request.session, time.time()
        started = session.setdefault(SIGNED_IN_AT, now)  # a session from before this rule: count from now
        seen = session.setdefault(SEEN_AT, now)
        if now - seen > settings.STAFF_SESSION_IDLE_MINUTES * 60:
            why = _("You were signed out after %(n)s minutes without activity. Sign in again.") % {
                "n": settings.STAFF_SESSION_IDLE_MINUTES
            }
        elif now - started > settings.STAFF_SESSION_MAX_HOURS * 3600:
            why = _("You were signed out %(n)s hours after signing in. Sign in again.") % {
                "n": settings.STAFF_SESSION_MAX_HOURS
            }
        else:
            if now - seen > SEEN_EVERY:
                session[SEEN_AT] = now
            return None
        logout(request)
        messages.info(request, why)
        return redirect_to_login(request.get_full_path())
