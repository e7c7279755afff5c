from innochallenge.core import menu


def navigation(request) -> dict:
    """The menu a user sees, by role and grouped by stage (core.menu holds the entries)."""
    return menu.navigation(getattr(request, "user", None), getattr(request, "path", ""))
