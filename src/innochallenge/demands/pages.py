"""The demand page and the lookup every page about one demand starts from, for the demand's own views
and for the apps whose steps are taken on it (diagnosis, publication), so none imports another's views."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from innochallenge.demands import panels
from innochallenge.demands.models import Demand


def visible_demand(request: HttpRequest, demand_id: int) -> Demand:
    """The demand, if the user may read it (404 when there is none, 403 when it is not theirs)."""
    demand = get_object_or_404(Demand.objects.select_related("campaign", "district"), pk=demand_id)
    if not request.user.has_perm("demands.read_demand", demand):
        raise PermissionDenied
    return demand


def demand_page(
    request: HttpRequest, demand: Demand, *, given: dict[str, dict] | None = None, status: int = 200
) -> HttpResponse:
    """The demand with every panel; a refused step shows it again with its bound form in `given`."""
    user = request.user
    return render(
        request,
        "demands/detail.html",
        panels.context(request, demand, given)
        | {
            "demand": demand,
            "show_contacts": user.has_perm("demands.view_contacts", demand),
            "assignment": getattr(demand, "assignment", None),
            "diagnoses": demand.diagnoses.select_related("diagnosed_by"),
            "can_edit": user.has_perm("demands.edit_demand", demand),
            "can_withdraw": user.has_perm("demands.withdraw_demand", demand),
            "can_submit": user.has_perm("demands.submit_demand", demand),
        },
        status=status,
    )
