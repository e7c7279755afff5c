"""The demand page is composed of panels that the apps built on demands offer: the review (diagnosis),
the publication, the solutions, the matches. Each app registers its panel when it is ready (its
`AppConfig.ready`), so demands never imports the apps above it, and no app imports another's views.

A panel is `panel(request, demand, **given) -> dict`: what its part of the page needs, buttons and forms
only where `user.has_perm(...)` says the step would succeed. `given` carries a form bound with errors
when a step of that panel was refused and the page is shown again."""

from collections.abc import Callable

from django.http import HttpRequest

from innochallenge.demands.models import Demand

Panel = Callable[..., dict]

_PANELS: dict[str, Panel] = {}


def offer(name: str, panel: Panel) -> None:
    """Register `panel` under `name` (the app's own name); registering again replaces it."""
    _PANELS[name] = panel


def context(request: HttpRequest, demand: Demand, given: dict[str, dict] | None = None) -> dict:
    """Every panel's context for `demand`; `given[name]` goes to that panel as keyword arguments."""
    given = given or {}
    merged: dict = {}
    for name, panel in _PANELS.items():
        merged |= panel(request, demand, **given.get(name, {}))
    return merged
