"""The publication steps taken on the demand page (publication/panels.py shows their forms): the
enterprise's display wishes, the broker's publish form, closing; and the organiser's outlets."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innochallenge.core.forms import posted_text
from innochallenge.demands.pages import visible_demand
from innochallenge.demands.services import DemandError
from innochallenge.publication import services
from innochallenge.publication.forms import DisplayForm, PublishForm
from innochallenge.publication.models import Dispatch, Outlet


def _errors(request, exc: DemandError) -> None:
    for messages_ in exc.errors.values():
        for message in messages_:
            messages.error(request, message)
    if not exc.errors:
        messages.error(request, exc.message)


@login_required
@require_POST
def display(request, demand_id: int):
    demand = visible_demand(request, demand_id)
    if not request.user.has_perm("publication.choose_display.role", demand):
        raise PermissionDenied
    form = DisplayForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how your name and budget are shown."))
    else:
        try:
            services.choose_display(demand, by=request.user, **form.cleaned_data)
        except DemandError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Your publication wishes are saved."))
    return redirect("demands:detail", demand_id=demand.pk)


@login_required
@require_POST
def publish(request, demand_id: int):
    demand = visible_demand(request, demand_id)
    if not request.user.has_perm("publication.publish_demand.role", demand):
        raise PermissionDenied
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The English version is not valid."))
        for errors in form.errors.values():  # each names its field
            for error in errors:
                messages.error(request, error)
        return redirect("demands:detail", demand_id=demand.pk)
    try:
        publication = services.publish(demand, by=request.user, **form.cleaned_data)
    except DemandError as exc:
        _errors(request, exc)
    else:
        if publication.english_pending:
            messages.warning(request, _("Published in Chinese; the English version is marked as pending."))
        else:
            messages.success(request, _("Published in Chinese and English."))
    return redirect("demands:detail", demand_id=demand.pk)


@login_required
@require_POST
def close(request, demand_id: int):
    demand = visible_demand(request, demand_id)
    if not request.user.has_perm("publication.close_demand.role", demand):
        raise PermissionDenied
    reason = posted_text(request, "reason", label=_("Reason"))
    if reason is None:
        return redirect("demands:detail", demand_id=demand.pk)
    try:
        services.close(demand, by=request.user, reason=reason)
    except DemandError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("The demand is closed."))
    return redirect("demands:detail", demand_id=demand.pk)


@login_required
def outlets(request):
    """The organiser's view of where demands go: each outlet's feeds and what was sent to it, when."""
    if not request.user.has_perm("publication.dispatch"):
        raise PermissionDenied
    rows = Outlet.objects.annotate(sent=Count("dispatches"), last_sent=Max("dispatches__sent_at"))
    return render(
        request,
        "publication/outlets.html",
        {
            "outlets": rows,
            "dispatches": Dispatch.objects.select_related("outlet", "sent_by")[:50],
        },
    )
