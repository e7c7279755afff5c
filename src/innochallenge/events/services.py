"""What organisers and participants do with matchmaking events: one function per step, transactional and
audited, used by the pages and the command line alike. Scheduling is in `events.scheduling`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from innochallenge.accounts.enums import Role
from innochallenge.audit import services as audit
from innochallenge.campaigns.enums import EventKind
from innochallenge.demands.enums import DemandStatus
from innochallenge.demands.models import Demand
from innochallenge.events import notices
from innochallenge.events.enums import (
    EVENT_TRANSITIONS,
    TAKES_REQUESTS,
    AskedAt,
    EventState,
    MeetingState,
    OutcomeResult,
    Priority,
    RequestState,
    Side,
)
from innochallenge.events.errors import EventError
from innochallenge.events.models import Event, Meeting, MeetingRequest, Outcome, Registration, Unavailable

# Scheduling lives in its own module; these are part of this module's operations all the same.
from innochallenge.events.scheduling import cancel_meeting as cancel_meeting
from innochallenge.events.scheduling import expire_unanswered as expire_unanswered
from innochallenge.events.scheduling import schedule as schedule
from innochallenge.solutions.enums import ProviderStatus
from innochallenge.solutions.models import ProviderProfile

if TYPE_CHECKING:
    from innochallenge.accounts.models import User

NOTE_MAX = 200


# --- events ---------------------------------------------------------------------------------------------


def event_names(campaign, kind: str, subject) -> tuple[str, str]:
    """The event's name in Chinese and English from the campaign's template for `kind`, with the
    district's or industry's name for `{name}`, e.g. 2021 沪苏同城国际创新挑战赛·（相城区）专场对接会."""
    template = campaign.event_name_templates.filter(kind=kind).first()
    name_en = subject.name_en or subject.name
    if template is None:
        return f"{campaign.name}·（{subject.name}）", f"{campaign.name_en or campaign.name} · {name_en}"
    return template.render(subject.name), template.render(name_en, english=True)


@transaction.atomic
def create_event(
    campaign,
    *,
    kind: str,
    subject,
    date: dt.date,
    venue: str,
    organising_unit: str,
    tables: int,
    slots: int,
    first_slot_at: dt.time,
    registration_deadline: dt.datetime,
    slot_minutes: int = 20,
    break_minutes: int = 5,
    interpreter_tables: int = 0,
    by: User,
) -> Event:
    """A new event (a draft until opened), named after the district (regional) or the industry."""
    if kind not in EventKind.values:
        raise EventError(_("Unknown kind of event."))
    if getattr(subject, "campaign_id", None) != campaign.pk:
        raise EventError(_("Choose a district or an industry field of this campaign."))
    if not 0 <= interpreter_tables <= tables or tables < 1 or slots < 1:
        raise EventError(
            _("There must be at least one table and one slot, and no more interpreter tables than tables.")
        )
    name, name_en = event_names(campaign, kind, subject)
    event = Event.objects.create(
        campaign=campaign,
        kind=kind,
        district=subject if kind == EventKind.REGIONAL else None,
        industry_field=subject if kind == EventKind.INDUSTRY else None,
        name=name,
        name_en=name_en,
        organising_unit=organising_unit.strip(),
        date=date,
        venue=venue.strip(),
        tables=tables,
        interpreter_tables=interpreter_tables,
        first_slot_at=first_slot_at,
        slot_minutes=slot_minutes,
        break_minutes=break_minutes,
        slots=slots,
        registration_deadline=registration_deadline,
        created_by=by,
    )
    audit.record(actor=by, action="event.created", obj=event, changes=audit.diff({}, audit.snapshot(event)))
    return event


@transaction.atomic
def set_event_state(event: Event, new: str, *, by: User) -> Event:
    """Open a draft for registration, or close an event; the transitions table says what may follow."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if new not in EVENT_TRANSITIONS[EventState(event.state)]:
        raise EventError(_("The event cannot go from this state to that one."), conflict=True)
    before, event.state = event.state, new
    event.save(update_fields=["state"])
    audit.record(actor=by, action=f"event.{new}", obj=event, changes={"state": [before, new]})
    return event


# --- registrations ----------------------------------------------------------------------------------------


def _check_takes_requests(event: Event) -> None:
    if event.state not in TAKES_REQUESTS:
        raise EventError(_("This event does not take registrations or requests now."), conflict=True)


@transaction.atomic
def register(event: Event, user, *, demands=(), by: User | None = None) -> Registration:
    """`user`'s organisation takes part: an enterprise with some of its published demands, or a verified
    solution provider. Registering again changes the demands brought."""
    _check_takes_requests(event)
    if timezone.now() > event.registration_deadline:
        raise EventError(_("Registration for this event has closed."), conflict=True)
    org = user.organisation
    if user.role == Role.ENTERPRISE and org is not None:
        side = Side.ENTERPRISE
    elif user.role == Role.PROVIDER and org is not None:
        side = Side.PROVIDER
        if not ProviderProfile.objects.filter(organisation=org, status=ProviderStatus.VERIFIED).exists():
            raise EventError(_("Only verified solution providers may register."), conflict=True)
    else:
        raise EventError(_("Only enterprises and solution providers register for events."), conflict=True)
    ids = {int(d.pk if isinstance(d, Demand) else d) for d in demands}
    chosen = list(
        Demand.objects.filter(
            pk__in=ids, organisation=org, campaign=event.campaign, status=DemandStatus.PUBLISHED
        )
    )
    if len(chosen) != len(ids) or (side == Side.PROVIDER and ids):
        raise EventError(_("Only your own published demands can be brought to the event."))
    registration, created = Registration.objects.get_or_create(
        event=event, organisation=org, defaults={"user": user, "side": side}
    )
    before = sorted(registration.demands.values_list("pk", flat=True))
    registration.demands.set(chosen)
    audit.record(
        actor=by or user,
        action="event.registered" if created else "event.registration_changed",
        obj=registration,
        changes={"demands": [before, sorted(ids)]},
    )
    return registration


@transaction.atomic
def set_unavailable(registration: Registration, slots, *, by: User) -> list[int]:
    """The slots this participant cannot attend (all others are free)."""
    wanted = sorted({int(s) for s in slots})
    if any(not 0 <= s < registration.event.slots for s in wanted):
        raise EventError(_("There is no such slot."))
    before = sorted(registration.unavailable.values_list("slot", flat=True))
    registration.unavailable.exclude(slot__in=wanted).delete()
    Unavailable.objects.bulk_create(
        [Unavailable(registration=registration, slot=s) for s in wanted if s not in before]
    )
    if before != wanted:
        audit.record(
            actor=by,
            action="event.availability_set",
            obj=registration,
            changes={"unavailable": [before, wanted]},
        )
    return wanted


# --- meeting requests -------------------------------------------------------------------------------------


@transaction.atomic
def request_meeting(
    sender: Registration,
    recipient: Registration,
    *,
    priority: int = Priority.SHOULD,
    note: str = "",
    needs_interpreter: bool = False,
    by: User,
) -> MeetingRequest:
    """Ask for a 1:1 meeting, either way between an enterprise and a provider of the same event. A pair
    is asked once: a declined request stays declined."""
    event = sender.event
    _check_takes_requests(event)
    if recipient.event_id != event.pk or sender.side == recipient.side:
        raise EventError(_("Meetings are between an enterprise and a solution provider of the same event."))
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise EventError(_("The note is at most 200 characters."))
    if int(priority) not in Priority.values:
        raise EventError(_("Choose a priority."))
    if needs_interpreter and event.interpreter_tables == 0:
        raise EventError(_("This event has no table with an interpreter."))
    pair = Q(sender=sender, recipient=recipient) | Q(sender=recipient, recipient=sender)
    if MeetingRequest.objects.filter(pair, event=event).exists():
        raise EventError(_("A meeting between you has already been asked for."), conflict=True)
    try:
        with transaction.atomic():
            request = MeetingRequest.objects.create(
                event=event,
                sender=sender,
                recipient=recipient,
                priority=int(priority),
                note=note,
                needs_interpreter=bool(needs_interpreter),
                created_by=by,
            )
    except IntegrityError as exc:  # asked at the same moment from the other side
        raise EventError(_("A meeting between you has already been asked for."), conflict=True) from exc
    audit.record(
        actor=by,
        action="meeting_request.created",
        obj=request,
        changes={
            "priority": [None, request.priority],
            "needs_interpreter": [None, request.needs_interpreter],
        },
    )
    notices.request_made(request, by=by)
    return request


@transaction.atomic
def answer_request(request: MeetingRequest, *, accept: bool, by: User) -> MeetingRequest:
    """The asked side accepts or declines; a declined request is final."""
    request = MeetingRequest.objects.select_for_update().get(pk=request.pk)
    if request.state != RequestState.PENDING:
        raise EventError(_("This request has already been answered or has expired."), conflict=True)
    _check_takes_requests(request.event)
    request.state = RequestState.ACCEPTED if accept else RequestState.DECLINED
    request.decided_at = timezone.now()
    request.save(update_fields=["state", "decided_at"])
    audit.record(
        actor=by,
        action=f"meeting_request.{request.state}",
        obj=request,
        changes={"state": [RequestState.PENDING, request.state]},
    )
    notices.request_answered(request, by=by)
    return request


# --- on the day -------------------------------------------------------------------------------------------


@transaction.atomic
def check_in(event: Event, token, *, by: User) -> Registration:
    """A participant arrives: the organiser scans the QR code of its agenda."""
    try:
        registration = Registration.objects.select_for_update().get(event=event, token=token)
    except (Registration.DoesNotExist, ValueError, ValidationError) as exc:
        raise EventError(_("This code is not a registration of this event.")) from exc
    if registration.checked_in_at is None or registration.no_show:
        before = audit.snapshot(registration, ["checked_in_at", "no_show"])
        registration.checked_in_at, registration.no_show = registration.checked_in_at or timezone.now(), False
        registration.save(update_fields=["checked_in_at", "no_show"])
        after = audit.snapshot(registration, ["checked_in_at", "no_show"])
        audit.record(actor=by, action="event.checked_in", obj=registration, changes=audit.diff(before, after))
    return registration


@transaction.atomic
def mark_no_show(registration: Registration, *, by: User) -> int:
    """The participant did not come: its scheduled meetings did not happen. How many meetings."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    registration.no_show = True
    registration.save(update_fields=["no_show"])
    meetings = Meeting.objects.filter(
        Q(request__sender=registration) | Q(request__recipient=registration), state=MeetingState.SCHEDULED
    )
    count = meetings.update(state=MeetingState.NO_SHOW)
    audit.record(
        actor=by,
        action="event.no_show",
        obj=registration,
        changes={"no_show": [False, True], "meetings": [0, count]},
    )
    return count


@transaction.atomic
def record_outcome(meeting: Meeting, *, side: str, result: str, asked_at_days: int = 0, by: User) -> Outcome:
    """One side says what came of a meeting (which was then held), now or 30, 90 or 180 days on."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.state not in (MeetingState.SCHEDULED, MeetingState.HELD):
        raise EventError(_("Only a meeting that took place has an outcome."), conflict=True)
    if side not in Side.values or result not in OutcomeResult.values or asked_at_days not in AskedAt.values:
        raise EventError(_("Choose a side, a result and when it was asked."))
    if meeting.state == MeetingState.SCHEDULED:
        meeting.state = MeetingState.HELD
        meeting.save(update_fields=["state", "updated_at"])
    outcome = Outcome.objects.filter(meeting=meeting, side=side, asked_at_days=asked_at_days).first()
    before = outcome.result if outcome else None
    outcome, _created = Outcome.objects.update_or_create(
        meeting=meeting,
        side=side,
        asked_at_days=asked_at_days,
        defaults={"result": result, "recorded_by": by},
    )
    audit.record(actor=by, action="meeting.outcome", obj=outcome, changes={"result": [before, result]})
    return outcome
