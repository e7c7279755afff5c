"""Event pages for participants and the organiser: the list, an event, registering, the other side's
participants with the request form, requests made and received, availability. Views check the rules and
call one service; a draft event or someone else's request is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innochallenge.campaigns.models import Campaign
from innochallenge.demands.enums import DemandStatus
from innochallenge.demands.models import Demand
from innochallenge.events import services
from innochallenge.events.enums import EventState, RequestState
from innochallenge.events.forms import AvailabilityForm, EventForm, RegisterForm, RequestForm
from innochallenge.events.queries import (
    events_visible_to,
    other_side,
    party,
    registration_of,
    requests_of,
    suggestions,
    with_public_demands,
)


def _event(request, event_id: int):
    return get_object_or_404(events_visible_to(request.user), pk=event_id)


def _own_registration(request, event):
    registration = registration_of(event, request.user)
    if registration is None or not request.user.has_perm("events.act_for", registration):
        raise PermissionDenied
    return registration


def _refused(request, exc: services.EventError) -> None:
    messages.error(request, exc.message)


@login_required
def event_list(request):
    events = events_visible_to(request.user).order_by("-date", "pk")
    mine = set()
    if request.user.organisation_id:
        mine = set(
            events.filter(registrations__organisation_id=request.user.organisation_id).values_list(
                "pk", flat=True
            )
        )
    return render(
        request,
        "events/list.html",
        {"events": events, "mine": mine, "can_manage": request.user.has_perm("events.manage_event")},
    )


@login_required
def new(request):
    if not request.user.has_perm("events.manage_event"):
        raise PermissionDenied
    campaign = Campaign.objects.current(timezone.localdate())
    if campaign is None:
        raise PermissionDenied
    form = EventForm(request.POST or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        values.pop("district"), values.pop("industry_field")
        try:
            event = services.create_event(campaign, by=request.user, **values)
        except services.EventError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The event is created as a draft; open it for registration."))
            return redirect("events:detail", event_id=event.pk)
    return render(request, "events/new.html", {"form": form, "campaign": campaign})


@login_required
def detail(request, event_id: int):
    event = _event(request, event_id)
    registration = registration_of(event, request.user)
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "registration": registration,
            "can_manage": request.user.has_perm("events.manage_event"),
            "can_register": request.user.has_perm("events.register")
            and event.state in (EventState.OPEN, EventState.SCHEDULED)
            and timezone.now() <= event.registration_deadline,
            "counts": {
                "registrations": event.registrations.count(),
                "requests": event.requests.count(),
                "meetings": event.meetings.filter(state="scheduled").count(),
            },
            "incoming": registration.received_requests.filter(state=RequestState.PENDING).count()
            if registration
            else 0,
        },
    )


@login_required
@require_POST
def set_state(request, event_id: int):
    event = _event(request, event_id)
    if not request.user.has_perm("events.manage_event"):
        raise PermissionDenied
    try:
        services.set_event_state(event, request.POST.get("state", ""), by=request.user)
    except services.EventError as exc:
        _refused(request, exc)
    return redirect("events:detail", event_id=event.pk)


@login_required
def register(request, event_id: int):
    event = _event(request, event_id)
    if not request.user.has_perm("events.register"):
        raise PermissionDenied
    registration = registration_of(event, request.user)
    demands = Demand.objects.filter(
        organisation_id=request.user.organisation_id, campaign=event.campaign, status=DemandStatus.PUBLISHED
    )
    initial = {"demands": list(registration.demands.all())} if registration else {}
    form = RegisterForm(request.POST if request.method == "POST" else None, demands=demands, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.register(event, request.user, demands=form.cleaned_data["demands"], by=request.user)
        except services.EventError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("You are registered for this event."))
            return redirect("events:participants", event_id=event.pk)
    return render(
        request,
        "events/register.html",
        {
            "event": event,
            "form": form,
            "registration": registration,
            "is_enterprise": request.user.role == "enterprise",
        },
    )


@login_required
def participants(request, event_id: int):
    event = _event(request, event_id)
    registration = _own_registration(request, event)
    asked = {}
    for r in requests_of(registration):
        asked[r.recipient_id if r.sender_id == registration.pk else r.sender_id] = r
    lang = get_language() or "zh-hans"
    suggested = suggestions(event, registration, lang, reader=request.user)
    rows = [
        (
            party(other, lang, reader=request.user),
            asked.get(other.pk),
            suggested.get(other.pk),
            RequestForm(auto_id=f"r{other.pk}_%s"),
        )
        for other in other_side(event, registration)
    ]
    rows.sort(key=lambda row: row[2] is None)  # suggestions first, otherwise by name
    return render(
        request,
        "events/participants.html",
        {"event": event, "registration": registration, "rows": rows},
    )


@login_required
@require_POST
def ask(request, event_id: int, registration_id: int):
    event = _event(request, event_id)
    registration = _own_registration(request, event)
    recipient = get_object_or_404(other_side(event, registration), pk=registration_id)
    form = RequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please check the priority and the note (at most 200 characters)."))
        return redirect("events:participants", event_id=event.pk)
    try:
        services.request_meeting(registration, recipient, by=request.user, **form.cleaned_data)
    except services.EventError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("Your request is sent."))
    return redirect("events:participants", event_id=event.pk)


@login_required
def request_list(request, event_id: int):
    event = _event(request, event_id)
    registration = _own_registration(request, event)
    lang = get_language() or "zh-hans"
    requests = list(requests_of(registration))
    ids = {r.sender_id for r in requests} | {r.recipient_id for r in requests}
    others = {
        o.pk: party(o, lang, reader=request.user)
        for o in with_public_demands(event.registrations.filter(pk__in=ids))
    }
    received, sent = [], []
    for r in requests:
        if r.recipient_id == registration.pk:
            received.append((r, others[r.sender_id]))
        else:
            sent.append((r, others[r.recipient_id]))
    return render(
        request,
        "events/requests.html",
        {"event": event, "registration": registration, "received": received, "sent": sent},
    )


@login_required
@require_POST
def answer(request, event_id: int, request_id: int):
    event = _event(request, event_id)
    registration = _own_registration(request, event)
    meeting_request = get_object_or_404(requests_of(registration), pk=request_id)
    if not request.user.has_perm("events.answer_request", meeting_request):
        raise PermissionDenied
    accept = request.POST.get("answer") == "accept"
    try:
        services.answer_request(meeting_request, accept=accept, by=request.user)
    except services.EventError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("Accepted: the meeting will be scheduled.") if accept else _("Declined."))
    return redirect("events:requests", event_id=event.pk)


@login_required
def availability(request, event_id: int):
    event = _event(request, event_id)
    registration = _own_registration(request, event)
    initial = {"unavailable": list(registration.unavailable.values_list("slot", flat=True))}
    form = AvailabilityForm(request.POST if request.method == "POST" else None, event=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_unavailable(registration, form.cleaned_data["unavailable"], by=request.user)
        except services.EventError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Your availability is saved."))
            return redirect("events:detail", event_id=event.pk)
    return render(request, "events/availability.html", {"event": event, "form": form})
