"""Turning an event's accepted requests into meetings at tables, with the solver of `events.scheduler`.

The event becomes an `Instance`: each registration is a participant (id `str(pk)`) with the slots it
cannot attend; each accepted request, in the order it was accepted (first come, first served is the
baseline), is a request with its priority and interpreter flag. The campaign's weights apply
(`events.weights` in the preset), else the scheduler's defaults (must meet 10, should meet 3, nice 1).
When meetings exist already, they are passed as `previous`, so a new schedule moves as few of them as
it can."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innochallenge.audit import services as audit
from innochallenge.events import notices, scheduler
from innochallenge.events.enums import TAKES_REQUESTS, EventState, MeetingState, RequestState
from innochallenge.events.errors import EventError
from innochallenge.events.instance import DEFAULT_WEIGHTS, Instance, Request
from innochallenge.events.models import Event, Meeting, MeetingRequest

if TYPE_CHECKING:
    from innochallenge.accounts.models import User


@transaction.atomic
def expire_unanswered(event: Event, *, by: User | None = None) -> int:
    """Requests still unanswered when the schedule is made expire; how many did."""
    pending = list(event.requests.select_for_update().filter(state=RequestState.PENDING))
    now = timezone.now()
    for request in pending:
        request.state, request.decided_at = RequestState.EXPIRED, now
        request.save(update_fields=["state", "decided_at"])
        audit.record(
            actor=by,
            action="meeting_request.expired",
            obj=request,
            changes={"state": [RequestState.PENDING, RequestState.EXPIRED]},
        )
    return len(pending)


def schedulable_requests(event: Event) -> list[MeetingRequest]:
    """Accepted requests in the order they were accepted, less those whose meeting was cancelled."""
    return list(
        event.requests.filter(state=RequestState.ACCEPTED)
        .exclude(meeting__state=MeetingState.CANCELLED)
        .select_related("meeting")
        .order_by("decided_at", "pk")
    )


def build_instance(event: Event, requests: list[MeetingRequest] | None = None) -> Instance:
    requests = schedulable_requests(event) if requests is None else requests
    participants = {
        str(r.pk): frozenset(u.slot for u in r.unavailable.all())
        for r in event.registrations.prefetch_related("unavailable")
    }
    return Instance(
        slots=event.slots,
        tables=event.tables,
        participants=participants,
        requests=[
            Request(str(r.sender_id), str(r.recipient_id), r.priority, r.needs_interpreter) for r in requests
        ],
        interpreter_tables=event.interpreter_tables,
        weights=meeting_weights(event.campaign),
    )


PRIORITY_NAMES = {"must": 3, "should": 2, "nice": 1}


def meeting_weights(campaign) -> dict[int, int]:
    """The campaign's weights by priority (3 must, 2 should, 1 nice), over the scheduler's defaults."""
    chosen = {
        PRIORITY_NAMES[k]: int(v) for k, v in (campaign.meeting_weights or {}).items() if k in PRIORITY_NAMES
    }
    return DEFAULT_WEIGHTS | chosen


def _current_slots(requests: list[MeetingRequest]) -> dict[int, int]:
    return {
        i: r.meeting.slot
        for i, r in enumerate(requests)
        if hasattr(r, "meeting") and r.meeting.state == MeetingState.SCHEDULED
    }


def has_begun(event: Event) -> bool:
    """Some meeting was held or missed: from then on the schedule stays as it is."""
    return event.meetings.filter(state__in=(MeetingState.HELD, MeetingState.NO_SHOW)).exists()


def schedule(event: Event, *, time_limit: float = 10, by: User | None = None) -> scheduler.Result:
    """Expire unanswered requests, then (re)place every accepted meeting at a table in a slot. The
    solver runs outside any transaction; the meetings are replaced in one transaction afterwards, and
    refused if the requests changed meanwhile."""
    if event.state not in TAKES_REQUESTS:
        raise EventError(_("Only an open event can be scheduled."), conflict=True)
    if has_begun(event):
        raise EventError(_("Meetings have taken place: the schedule can no longer change."), conflict=True)
    expire_unanswered(event, by=by)
    requests = schedulable_requests(event)
    previous = _current_slots(requests)
    result = scheduler.solve(
        build_instance(event, requests), time_limit=time_limit, previous=previous or None
    )
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if [r.pk for r in schedulable_requests(event)] != [r.pk for r in requests]:
            raise EventError(
                _("Requests changed while the schedule was made; please schedule again."), conflict=True
            )
        before = notices.places(event)
        Meeting.objects.filter(event=event, state=MeetingState.SCHEDULED).delete()
        Meeting.objects.bulk_create(
            [
                Meeting(event=event, request=requests[p.request], slot=p.slot, table=p.table)
                for p in result.places
            ]
        )
        moved = sum(1 for p in result.places if p.request in previous and previous[p.request] != p.slot)
        dropped = len(set(previous) - {p.request for p in result.places})
        before_state, event.state = event.state, EventState.SCHEDULED
        event.save(update_fields=["state"])
        audit.record(
            actor=by,
            action="event.scheduled",
            obj=event,
            changes={
                "state": [before_state, event.state],
                "meetings": [len(previous), result.scheduled],
                "value": [None, result.value],
                "upper_bound": [None, result.upper_bound],
            },
            note=f"moved {moved}, dropped {dropped}, {result.seconds} s",
        )
        notices.agendas_changed(event, before, by=by)
    return result


def cancel_meeting(
    meeting: Meeting, *, by: User, time_limit: float = 10, reason: str = ""
) -> scheduler.Result | None:
    """Call a meeting off, then schedule again keeping the other meetings where they are if possible.
    On the day itself (a meeting already held or missed) nothing else moves, and there is no result."""
    with transaction.atomic():
        meeting = (
            Meeting.objects.select_for_update(of=("self",))
            .select_related("event", "request__sender__organisation", "request__recipient__organisation")
            .get(pk=meeting.pk)
        )
        if meeting.state != MeetingState.SCHEDULED:
            raise EventError(_("Only a scheduled meeting can be cancelled."), conflict=True)
        meeting.state = MeetingState.CANCELLED
        meeting.save(update_fields=["state", "updated_at"])
        audit.record(
            actor=by,
            action="meeting.cancelled",
            obj=meeting,
            changes={"state": [MeetingState.SCHEDULED, MeetingState.CANCELLED]},
            note=reason,
        )
        notices.meeting_cancelled(meeting, by=by)
    if has_begun(meeting.event):
        return None
    return schedule(meeting.event, time_limit=time_limit, by=by)


@dataclass
class Comparison:
    """What first come, first served would have placed, beside the schedule actually made."""

    requests: int
    scheduled: int
    value: int
    must: int
    must_scheduled: int
    greedy_scheduled: int
    greedy_value: int
    greedy_must: int


def compare_with_greedy(event: Event) -> Comparison:
    requests = schedulable_requests(event)
    instance = build_instance(event, requests)
    greedy = scheduler.greedy(instance)
    placed = {
        i
        for i, r in enumerate(requests)
        if hasattr(r, "meeting") and r.meeting.state == MeetingState.SCHEDULED
    }
    must = {i for i, r in enumerate(instance.requests) if r.priority == 3}
    return Comparison(
        requests=len(requests),
        scheduled=len(placed),
        value=scheduler.value_of(instance, dict.fromkeys(placed, 0)),
        must=len(must),
        must_scheduled=len(must & placed),
        greedy_scheduled=len(greedy),
        greedy_value=scheduler.value_of(instance, greedy),
        greedy_must=len(must & set(greedy)),
    )
