from django.conf import settings

from innochallenge.accounts import two_factor
from innochallenge.site import menu


def navigation(request) -> dict:
    """The menu a user sees, by role and grouped by stage (site.menu holds the entries). Until a user who
    owes the second factor gives it, the menu is the public one: its other entries would only lead back to
    the code page."""
    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    if session is not None and two_factor.owes_second_factor(user, session):
        user = None
    return menu.navigation(user, getattr(request, "path", ""))


def demo_sign_in(request) -> dict:
    """On the log-in and code pages of a demo (`serve --demo`), the demo staff accounts' current codes."""
    if not settings.DEMO_MODE:
        return {}
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in ("accounts:login", "accounts:two-factor-verify"):
        return {}
    from innochallenge.site.demo_authenticator import demo_codes  # noqa: PLC0415 - only in a demo

    return {"demo_sign_in": demo_codes()}
