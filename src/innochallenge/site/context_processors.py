from innochallenge.site import menu


def navigation(request) -> dict:
    """The menu a user sees, by role and grouped by stage (site.menu holds the entries)."""
    return menu.navigation(getattr(request, "user", None), getattr(request, "path", ""))
