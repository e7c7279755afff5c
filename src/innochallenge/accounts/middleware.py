"""Until the second factor is given, a signed-in user who owes one reaches only the two-factor pages."""

from urllib.parse import urlencode

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from innochallenge.accounts import two_factor

#: What a user who gave only his password may open (URL names).
OPEN_BEFORE_SECOND_FACTOR = frozenset(
    {
        "accounts:two-factor-verify",
        "accounts:two-factor-enrol",
        "accounts:logout",
        "set_language",
        "site:healthz",
        # Asks for the password and the code itself, with or without a session.
        "api:create_token",
    }
)


@receiver(user_logged_in)
def _note_second_factor(sender, request, user, **kwargs):
    # Every way of signing in (the log-in page, the admin's, a test's force_login) passes here.
    if request is not None and hasattr(request, "session"):
        two_factor.note_at_sign_in(user, request.session)


def second_factor_page(user) -> str:
    """Where such a user goes: the code page, or the set-up of an authenticator when he has none."""
    return "accounts:two-factor-verify" if two_factor.is_enrolled(user) else "accounts:two-factor-enrol"


class TwoFactorRequiredMiddleware:
    """Runs after django-otp's OTPMiddleware (which gives `user.is_verified()`). Pages redirect to the code
    page (or the set-up) and come back afterwards; the API answers a JSON 403."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        if not two_factor.owes_second_factor(getattr(request, "user", None), request.session):
            return None
        if request.path.startswith("/api/"):
            message = _("Sign in with your second factor first.")
            return JsonResponse({"detail": message, "errors": {}}, status=403)
        target = reverse(second_factor_page(request.user))
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
