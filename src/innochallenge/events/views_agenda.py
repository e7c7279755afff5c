"""What the schedule gives: each participant's agenda (page, .ics, PDF with the check-in code), the
organiser's table plan with the button that schedules, check-in by QR code and no-show marking."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innochallenge.core.addresses import absolute_url
from innochallenge.events import services
from innochallenge.events.enums import OutcomeResult
from innochallenge.events.exporters import agenda_ics, agenda_pdf
from innochallenge.events.models import Outcome
from innochallenge.events.queries import agenda, party, plan, registration_of, with_public_demands
from innochallenge.events.scheduling import compare_with_greedy
from innochallenge.events.views import _event

_LAST_RUN = "events.last_schedule"


def _agenda_of(request, event):
    """The participant's own registration; the organiser may open anyone's with ?registration=ID."""
    if request.user.has_perm("events.manage_event") and request.GET.get("registration"):
        return get_object_or_404(event.registrations, pk=request.GET["registration"])
    registration = registration_of(event, request.user)
    if registration is None or not request.user.has_perm("events.view_agenda", registration):
        raise PermissionDenied
    return registration


def _check_in_url(request, event, registration) -> str:
    return absolute_url(request, reverse("events:check-in", args=[event.pk, registration.token]))


def _context(request, event_id):
    event = _event(request, event_id)
    registration = _agenda_of(request, event)
    lang = get_language() or "zh-hans"
    return (
        event,
        registration,
        agenda(registration, lang, reader=request.user),
        party(registration, lang, reader=request.user),
    )


@login_required
def agenda_page(request, event_id: int):
    event, registration, rows, me = _context(request, event_id)
    ask = event.due_ask(timezone.localdate())
    answers = {
        o.meeting_id: o.result
        for o in Outcome.objects.filter(
            meeting__in=[r.meeting for r in rows], side=registration.side, asked_at_days=ask
        )
    }
    for row in rows:
        row.answer = answers.get(row.meeting.pk, "")
    qr = segno.make(_check_in_url(request, event, registration), error="m", micro=False)
    suffix = f"?registration={registration.pk}" if request.GET.get("registration") else ""
    return render(
        request,
        "events/agenda.html",
        {
            "event": event,
            "registration": registration,
            "me": me,
            "rows": rows,
            "qr_svg": qr.svg_inline(scale=4, border=2, svgclass="qr", omitsize=True),
            "suffix": suffix,
            "viewing_other": bool(suffix),
            "ask": ask if not suffix else None,
            "results": OutcomeResult.choices,
            "can_manage": request.user.has_perm("events.manage_event"),
        },
    )


@login_required
def agenda_calendar(request, event_id: int):
    event, registration, rows, _me = _context(request, event_id)
    response = HttpResponse(
        agenda_ics(event, registration, rows), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="agenda-{event.pk}-{registration.pk}.ics"'
    return response


@login_required
def agenda_document(request, event_id: int):
    event, registration, rows, me = _context(request, event_id)
    data = agenda_pdf(
        event, registration, rows, name=me.name, check_in_url=_check_in_url(request, event, registration)
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="agenda-{event.pk}-{registration.pk}.pdf"'
    return response


def _managed(request, event_id):
    event = _event(request, event_id)
    if not request.user.has_perm("events.manage_event"):
        raise PermissionDenied
    return event


@login_required
def plan_page(request, event_id: int):
    event = _managed(request, event_id)
    registrations = with_public_demands(event.registrations.all())
    return render(
        request,
        "events/plan.html",
        {
            "event": event,
            "grid": plan(event),
            "table_numbers": range(1, event.tables + 1),
            "last_run": request.session.pop(_LAST_RUN, None),
            "comparison": compare_with_greedy(event),
            "registrations": registrations,
        },
    )


@login_required
@require_POST
def schedule(request, event_id: int):
    event = _managed(request, event_id)
    try:
        result = services.schedule(event, by=request.user)
    except services.EventError as exc:
        messages.error(request, exc.message)
    else:
        request.session[_LAST_RUN] = {
            "scheduled": result.scheduled,
            "value": result.value,
            "upper_bound": result.upper_bound,
            "optimal": result.optimal,
            "seconds": result.seconds,
        }
        messages.success(request, _("The meetings are scheduled."))
    return redirect("events:plan", event_id=event.pk)


@login_required
def check_in(request, event_id: int, token):
    event = _managed(request, event_id)
    registration = get_object_or_404(event.registrations.select_related("organisation"), token=token)
    if request.method == "POST":
        services.check_in(event, token, by=request.user)
        messages.success(request, _("%(name)s is checked in.") % {"name": registration.organisation.name})
        return redirect("events:plan", event_id=event.pk)
    return render(request, "events/check_in.html", {"event": event, "registration": registration})


@login_required
@require_POST
def no_show(request, event_id: int, registration_id: int):
    event = _managed(request, event_id)
    registration = get_object_or_404(event.registrations, pk=registration_id)
    count = services.mark_no_show(registration, by=request.user)
    messages.success(request, _("Marked as not come; %(n)s meetings did not take place.") % {"n": count})
    return redirect("events:plan", event_id=event.pk)


@login_required
@require_POST
def cancel(request, event_id: int, meeting_id: int):
    """Call a meeting off; the others are scheduled again, moved only if that places more."""
    event = _managed(request, event_id)
    meeting = get_object_or_404(event.meetings, pk=meeting_id)
    try:
        result = services.cancel_meeting(meeting, by=request.user)
    except services.EventError as exc:
        messages.error(request, exc.message)
    else:
        if result is None:
            messages.success(request, _("The meeting is cancelled; the other meetings stay where they are."))
        else:
            messages.success(
                request,
                _("The meeting is cancelled; %(n)s meetings are scheduled.") % {"n": result.scheduled},
            )
    return redirect("events:plan", event_id=event.pk)
