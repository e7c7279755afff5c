"""Who hears of what happens at a matchmaking event: the people of the organisation on the other side of
a request, both sides when their agenda changes, and both sides again 30, 90 and 180 days after the
event, when it is time to say what came of their meetings. Notices go out after the step has committed
(`transaction.on_commit`), so a step that fails tells nobody anything.

A notice names the other side as its reader may see it in the event (`queries.party`): an enterprise
that hides its name on a demand it brings is "某企业" in the provider's notices too. The name is stored
in Chinese, as the event's name is."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from innochallenge.events.enums import AskedAt, MeetingState
from innochallenge.events.models import Event, Meeting, MeetingRequest, Outcome, Registration
from innochallenge.events.queries import party
from innochallenge.notifications.models import Notification
from innochallenge.notifications.services import notify

if TYPE_CHECKING:
    from innochallenge.accounts.models import User

OUTCOME_DUE = "meeting.outcome_due"
#: The language of the names stored in a notice's parameters (the event's name is in Chinese too).
NOTICE_LANGUAGE = "zh-hans"


def _people(registrations, *, but=None):
    """The active users acting for these registrations' organisations, except whoever did the step."""
    ids = {r.organisation_id for r in registrations}
    users = get_user_model().objects.filter(organisation_id__in=ids, is_active=True)
    return [u for u in users if u.pk != getattr(but, "pk", None)]


def _params(event: Event, **extra) -> dict:
    return {"event": event.pk, "name": event.name, "date": event.date.isoformat()} | extra


def _later(users, name: str, params: dict, url: str) -> None:
    transaction.on_commit(lambda: notify(users, name, params, url))


def _tell_about(
    other: Registration, side: Registration, notice: str, event: Event, url: str, *, by: User
) -> None:
    """Tell the people of `side` of `other`, each under the name that reader may see for `other`."""
    readers: dict[str, list] = defaultdict(list)
    for user in _people([side], but=by):
        readers[party(other, NOTICE_LANGUAGE, reader=user).name].append(user)
    for name, users in readers.items():
        _later(users, notice, _params(event, organisation=name), url)


def request_made(request: MeetingRequest, *, by: User) -> None:
    event = request.event
    url = reverse("events:requests", args=[event.pk])
    _tell_about(request.sender, request.recipient, "meeting.requested", event, url, by=by)


def request_answered(request: MeetingRequest, *, by: User) -> None:
    event = request.event
    url = reverse("events:requests", args=[event.pk])
    _tell_about(request.recipient, request.sender, f"meeting.{request.state}", event, url, by=by)


def meeting_cancelled(meeting: Meeting, *, by: User) -> None:
    """Both sides hear that their meeting is off, each with the other's name."""
    event, request = meeting.event, meeting.request
    url = reverse("events:agenda", args=[event.pk])
    for side, other in ((request.sender, request.recipient), (request.recipient, request.sender)):
        _tell_about(other, side, "meeting.cancelled", event, url, by=by)


def places(event: Event) -> dict[int, tuple[int, int]]:
    """Where each scheduled meeting sits: request id → (slot, table)."""
    return {
        m.request_id: (m.slot, m.table)
        for m in Meeting.objects.filter(event=event, state=MeetingState.SCHEDULED)
    }


def agendas_changed(event: Event, before: dict[int, tuple[int, int]], *, by: User) -> None:
    """Tell both sides of every request whose place (slot, table) is not what it was, or which lost or
    gained its place, that their agenda changed."""
    after = places(event)
    changed = {r for r in before.keys() | after.keys() if before.get(r) != after.get(r)}
    if not changed:
        return
    registrations = Registration.objects.filter(
        Q(sent_requests__pk__in=changed) | Q(received_requests__pk__in=changed), event=event
    ).distinct()
    _later(
        _people(registrations, but=by),
        "event.scheduled",
        _params(event),
        reverse("events:agenda", args=[event.pk]),
    )


def ask_outcomes(today: dt.date) -> int:
    """Ask each side whose meetings have no answer yet for the ask now due (30, 90 or 180 days after
    the event) what came of them; each side of an event is asked once per ask, however often this runs.
    How many notifications were made."""
    made = 0
    for event in Event.objects.filter(date__lte=today - dt.timedelta(days=AskedAt.DAYS_30)):
        ask = event.due_ask(today)
        answered = set(
            Outcome.objects.filter(meeting__event=event, asked_at_days=ask).values_list("meeting_id", "side")
        )
        waiting: dict[int, int] = defaultdict(int)  # registration → its meetings without this ask's answer
        meetings = Meeting.objects.filter(event=event, state__in=(MeetingState.SCHEDULED, MeetingState.HELD))
        for meeting in meetings.select_related("request__sender", "request__recipient"):
            for registration in (meeting.request.sender, meeting.request.recipient):
                if (meeting.pk, registration.side) not in answered:
                    waiting[registration.pk] += 1
        url = reverse("events:agenda", args=[event.pk])
        for registration in Registration.objects.filter(pk__in=waiting):
            if _asked(event, registration, ask):
                continue
            params = _params(event, registration=registration.pk, ask=ask, count=waiting[registration.pk])
            made += len(notify(_people([registration]), OUTCOME_DUE, params, url))
    return made


def _asked(event: Event, registration: Registration, ask: int) -> bool:
    return Notification.objects.filter(
        event=OUTCOME_DUE, params__event=event.pk, params__registration=registration.pk, params__ask=ask
    ).exists()
