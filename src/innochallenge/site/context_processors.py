from django.conf import settings

from innochallenge.site import menu


def navigation(request) -> dict:
    """The menu a user sees, by role and grouped by stage (site.menu holds the entries)."""
    return menu.navigation(getattr(request, "user", None), getattr(request, "path", ""))


def demo_sign_in(request) -> dict:
    """On the log-in and code pages of a demo (`serve --demo`), the demo staff accounts' current codes."""
    if not settings.DEMO_MODE:
        return {}
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in ("accounts:login", "accounts:two-factor-verify"):
        return {}
    from innochallenge.site.demo_authenticator import demo_codes  # noqa: PLC0415 - only in a demo

    return {"demo_sign_in": demo_codes()}
