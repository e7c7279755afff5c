"""After the event: each side records what came of its meetings (on the day, then after 30, 90 and 180
days, from its agenda page), and the organiser reads the event's figures."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innochallenge.events import services
from innochallenge.events.enums import OutcomeResult
from innochallenge.events.models import Meeting
from innochallenge.events.outcomes import event_figures
from innochallenge.events.views import _event, _own_registration


@login_required
@require_POST
def record(request, event_id: int, meeting_id: int):
    event = _event(request, event_id)
    registration = _own_registration(request, event)
    meeting = get_object_or_404(
        Meeting.objects.filter(event=event).filter(
            Q(request__sender=registration) | Q(request__recipient=registration)
        ),
        pk=meeting_id,
    )
    ask = event.due_ask(timezone.localdate())
    if ask is None or request.POST.get("result") not in OutcomeResult.values:
        messages.error(request, _("Outcomes are recorded from the day of the event on."))
        return redirect("events:agenda", event_id=event.pk)
    try:
        services.record_outcome(
            meeting, side=registration.side, result=request.POST["result"], asked_at_days=ask, by=request.user
        )
    except services.EventError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Thank you: the outcome is recorded."))
    return redirect("events:agenda", event_id=event.pk)


@login_required
def outcome_page(request, event_id: int):
    event = _event(request, event_id)
    if not request.user.has_perm("events.manage_event"):
        raise PermissionDenied
    figures = event_figures(event)
    results = [
        (label, [figures.results[days][code] for days in sorted(figures.results)])
        for code, label in OutcomeResult.choices
    ]
    return render(
        request,
        "events/outcomes.html",
        {"event": event, "figures": figures, "results": results, "asks": sorted(figures.results)},
    )
