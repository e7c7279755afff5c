"""Who hears of a meeting request, its answer, a schedule, a cancellation, and when outcomes are due."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from innochallenge.events import notices, services
from innochallenge.events.models import Meeting
from innochallenge.notifications.models import Notification


@pytest.fixture(autouse=True)
def _quiet(fair):
    """Start from no notifications (the fixture's providers were told they are verified)."""
    Notification.objects.all().delete()


def _events(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).order_by("pk").values_list("event", flat=True))


def test_the_asked_side_hears_of_a_request_and_the_asker_of_the_answer(
    fair, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = services.request_meeting(fair.enterprise, fair.registrations[0], priority=3, by=fair.owner)
    assert _events(fair.providers[0]) == ["meeting.requested"]
    assert _events(fair.owner) == []  # the asker is not told of its own step
    assert _events(fair.providers[1]) == []  # nor is anyone else
    notice = Notification.objects.get(recipient=fair.providers[0])
    # the fair's demand is published without the company's name: the provider hears of 某企业
    assert notice.text.startswith("某企业") and fair.enterprise.organisation.name not in notice.text
    assert notice.url.endswith(f"/events/{fair.event.pk}/requests/")

    with django_capture_on_commit_callbacks(execute=True):
        services.answer_request(request, accept=False, by=fair.providers[0])
    assert _events(fair.owner) == ["meeting.declined"]


def test_a_failed_step_tells_nobody(fair, django_capture_on_commit_callbacks):
    services.request_meeting(fair.enterprise, fair.registrations[0], by=fair.owner)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.EventError):
        services.request_meeting(fair.registrations[0], fair.enterprise, by=fair.providers[0])
    assert not Notification.objects.exists()


def test_a_schedule_tells_the_sides_whose_agenda_changed(fair, django_capture_on_commit_callbacks):
    for registration, provider in zip(fair.registrations[:2], fair.providers[:2], strict=True):
        request = services.request_meeting(fair.enterprise, registration, by=fair.owner)
        services.answer_request(request, accept=True, by=provider)
    Notification.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        services.schedule(fair.event, time_limit=5, by=fair.organiser)
    assert _events(fair.owner) == ["event.scheduled"]
    assert _events(fair.providers[0]) == _events(fair.providers[1]) == ["event.scheduled"]
    assert _events(fair.providers[2]) == []  # no meeting, no change

    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.schedule(fair.event, time_limit=5, by=fair.organiser)
    assert not Notification.objects.exists()  # nothing moved, nobody bothered

    meeting = Meeting.objects.filter(event=fair.event, request__recipient=fair.registrations[0]).get()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_meeting(meeting, by=fair.organiser, time_limit=5)
    assert "meeting.cancelled" in _events(fair.owner)
    assert _events(fair.providers[0]) == ["meeting.cancelled"]


def _held_meeting(fair):
    request = services.request_meeting(fair.enterprise, fair.registrations[0], by=fair.owner)
    services.answer_request(request, accept=True, by=fair.providers[0])
    services.schedule(fair.event, time_limit=5, by=fair.organiser)
    meeting = Meeting.objects.get(event=fair.event)
    services.record_outcome(meeting, side="enterprise", result="follow_up", by=fair.owner)
    Notification.objects.all().delete()
    return meeting


def test_outcomes_are_asked_once_at_30_90_and_180_days(fair):
    meeting = _held_meeting(fair)
    day = fair.event.date

    assert notices.ask_outcomes(day + dt.timedelta(days=29)) == 0
    assert notices.ask_outcomes(day + dt.timedelta(days=30)) == 2
    assert notices.ask_outcomes(day + dt.timedelta(days=31)) == 0  # asked already for this ask
    assert _events(fair.owner) == _events(fair.providers[0]) == ["meeting.outcome_due"]
    assert "30" in Notification.objects.get(recipient=fair.owner).text

    services.record_outcome(meeting, side="enterprise", result="intention", asked_at_days=90, by=fair.owner)
    assert notices.ask_outcomes(day + dt.timedelta(days=95)) == 1  # the enterprise answered already
    assert _events(fair.owner) == ["meeting.outcome_due"]
    assert notices.ask_outcomes(day + dt.timedelta(days=180)) == 2


def test_the_command_asks_and_refuses_a_bad_date(fair):
    _held_meeting(fair)
    out = io.StringIO()
    day = fair.event.date + dt.timedelta(days=30)
    call_command("ask_outcomes", "--date", day.isoformat(), stdout=out)
    assert out.getvalue().strip() == "2 participants asked"
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("ask_outcomes", "--date", "30/12/2026")
