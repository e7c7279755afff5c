"""Scheduling an event stored in the database: the meetings keep every rule, a cancellation moves
few meetings, and the command prints value and bound."""

import io

import pytest
from django.core.management import CommandError, call_command

from innochallenge.audit.models import AuditEntry
from innochallenge.events import scheduler, scheduling, services
from innochallenge.events.enums import EventState, MeetingState
from innochallenge.events.models import Meeting
from tests.solutions.conftest import make_provider


def _accept_all(fair, priorities=(3, 2, 1), interpreter=False):
    requests = []
    for registration, provider, priority in zip(fair.registrations, fair.providers, priorities, strict=False):
        request = services.request_meeting(
            fair.enterprise, registration, priority=priority, needs_interpreter=interpreter, by=fair.owner
        )
        requests.append(services.answer_request(request, accept=True, by=provider))
    return requests


def test_schedule_places_every_accepted_meeting_without_clashes(fair):
    _accept_all(fair)
    services.set_unavailable(fair.enterprise, [0], by=fair.owner)
    result = services.schedule(fair.event, time_limit=5, by=fair.organiser)

    meetings = list(Meeting.objects.filter(event=fair.event, state=MeetingState.SCHEDULED))
    assert result.scheduled == len(meetings) == 3
    assert result.value == 10 + 3 + 1 and result.optimal
    assert len({m.slot for m in meetings}) == 3 and 0 not in {m.slot for m in meetings}
    instance = scheduling.build_instance(fair.event)
    assert scheduler.violations(instance, result.places) == []
    fair.event.refresh_from_db()
    assert fair.event.state == EventState.SCHEDULED
    assert AuditEntry.objects.filter(action="event.scheduled", object_id=str(fair.event.pk)).count() == 1


def test_pending_requests_expire_when_scheduling(fair):
    request = services.request_meeting(fair.enterprise, fair.registrations[0], by=fair.owner)
    result = services.schedule(fair.event, time_limit=5, by=fair.organiser)
    request.refresh_from_db()
    assert result.scheduled == 0 and request.state == "expired"


def test_interpreted_meetings_sit_at_interpreter_tables(fair):
    _accept_all(fair, interpreter=True)
    services.schedule(fair.event, time_limit=5, by=fair.organiser)
    assert set(Meeting.objects.filter(event=fair.event).values_list("table", flat=True)) == {0}


def test_a_cancellation_reschedules_and_keeps_the_others_in_place(fair, organiser):
    more = [
        make_provider(organiser, name_en=f"More {i}", contact_email=f"m{i}@lab.example") for i in range(2)
    ]
    fair.providers += more
    fair.registrations += [services.register(fair.event, p) for p in more]
    _accept_all(fair, priorities=(3, 3, 2, 2, 1))
    services.schedule(fair.event, time_limit=5, by=organiser)
    before = {m.request_id: m.slot for m in Meeting.objects.filter(event=fair.event, state="scheduled")}
    assert len(before) == 4  # the enterprise has 4 slots for 5 meetings

    first = Meeting.objects.filter(event=fair.event, state="scheduled").order_by("slot").first()
    result = services.cancel_meeting(first, by=organiser, time_limit=5)

    after = {m.request_id: m.slot for m in Meeting.objects.filter(event=fair.event, state="scheduled")}
    assert result.scheduled == 4 and first.request_id not in after
    kept = [r for r in before if r != first.request_id]
    assert all(after[r] == before[r] for r in kept)
    first.refresh_from_db()
    assert first.state == MeetingState.CANCELLED


def test_the_command_prints_meetings_value_and_bound(fair):
    _accept_all(fair)
    out = io.StringIO()
    call_command("schedule_meetings", str(fair.event.pk), "--time-limit", "5", stdout=out)
    text = out.getvalue()
    assert text.count("table") == 3
    assert "value 14" in text and "bound 14" in text
    with pytest.raises(CommandError):
        call_command("schedule_meetings", "999999")


def test_greedy_comparison_counts_must_meets(fair):
    _accept_all(fair)
    services.schedule(fair.event, time_limit=5, by=fair.organiser)
    figures = scheduling.compare_with_greedy(fair.event)
    assert (figures.requests, figures.scheduled, figures.value) == (3, 3, 14)
    assert (figures.must, figures.must_scheduled, figures.greedy_scheduled) == (1, 1, 3)


def test_once_meetings_took_place_the_schedule_stays(fair):
    first, second, _third = _accept_all(fair)
    services.schedule(fair.event, time_limit=5, by=fair.organiser)
    services.record_outcome(first.meeting, side="enterprise", result="follow_up", by=fair.owner)
    with pytest.raises(services.EventError) as refused:
        services.schedule(fair.event, time_limit=5, by=fair.organiser)
    assert refused.value.conflict
    before = {m.pk: (m.slot, m.table) for m in Meeting.objects.filter(event=fair.event, state="scheduled")}
    assert services.cancel_meeting(second.meeting, by=fair.organiser) is None
    after = {m.pk: (m.slot, m.table) for m in Meeting.objects.filter(event=fair.event, state="scheduled")}
    assert after == {pk: place for pk, place in before.items() if pk != second.meeting.pk}


def test_the_campaigns_weights_value_the_schedule(fair):
    fair.event.campaign.meeting_weights = {"must": 50, "nice": 0}
    fair.event.campaign.save(update_fields=["meeting_weights"])
    _accept_all(fair)
    result = services.schedule(fair.event, time_limit=5, by=fair.organiser)
    assert result.value == 50 + 3 + 0  # should meet keeps the default weight of 3
