"""Events, registrations and meeting requests: each step with its rules, audited."""

import datetime as dt

import pytest
from django.utils import timezone

from innochallenge.audit.models import AuditEntry
from innochallenge.events import services
from innochallenge.events.enums import MeetingState, RequestState
from innochallenge.events.models import Outcome
from tests.events.conftest import new_event
from tests.factories.accounts import UserFactory
from tests.solutions.conftest import make_provider


def test_event_is_named_from_the_campaign_template(hs2021, organiser):
    event = new_event(hs2021, organiser)
    assert event.name == "2021 沪苏同城国际创新挑战赛·（相城区）专场对接会"
    assert event.name_en.startswith("2021 Shanghai–Suzhou International Innovation Challenge · ")
    assert AuditEntry.objects.filter(action="event.created", object_id=str(event.pk)).count() == 1


def test_industry_event_is_named_after_the_field(hs2021, organiser):
    field = hs2021.industry_fields.first()
    event = new_event(hs2021, organiser, kind="industry", subject=field)
    assert event.name == f"2021 沪苏同城国际创新挑战赛·（{field.name}）专场对接会"
    assert event.industry_field == field and event.district is None


def test_slots_follow_the_first_start_length_and_breaks(hs2021, organiser):
    event = new_event(hs2021, organiser)
    assert [f"{start:%H:%M}-{end:%H:%M}" for _, start, end in event.slot_times()] == [
        "09:00-09:20",
        "09:30-09:50",
        "10:00-10:20",
        "10:30-10:50",
    ]
    assert str(event.slot_start(0).tzinfo) == "Asia/Shanghai"


def test_an_enterprise_brings_only_its_own_published_demands(fair, stranger):
    assert list(fair.enterprise.demands.all()) == [fair.demand]
    with pytest.raises(services.EventError):
        services.register(fair.event, stranger, demands=[fair.demand])


def test_unverified_providers_and_staff_cannot_register(fair, organiser, broker):
    unverified = make_provider(organiser, verified=False, name_en="New Lab", contact_email="n@lab.example")
    for user in (unverified, broker):
        with pytest.raises(services.EventError):
            services.register(fair.event, user)


def test_registration_closes_at_the_deadline(fair, stranger):
    fair.event.registration_deadline = timezone.now() - dt.timedelta(minutes=1)
    fair.event.save()
    with pytest.raises(services.EventError) as refused:
        services.register(fair.event, stranger)
    assert refused.value.conflict


def test_requests_go_both_ways_but_only_across_sides(fair):
    a = services.request_meeting(fair.enterprise, fair.registrations[0], priority=3, by=fair.owner)
    b = services.request_meeting(fair.registrations[1], fair.enterprise, priority=1, by=fair.providers[1])
    assert (a.state, b.state) == (RequestState.PENDING, RequestState.PENDING)
    with pytest.raises(services.EventError):
        services.request_meeting(fair.registrations[0], fair.registrations[1], by=fair.providers[0])


def test_a_pair_is_asked_once_and_declining_is_final(fair):
    request = services.request_meeting(fair.enterprise, fair.registrations[0], by=fair.owner)
    with pytest.raises(services.EventError):
        services.request_meeting(fair.registrations[0], fair.enterprise, by=fair.providers[0])
    services.answer_request(request, accept=False, by=fair.providers[0])
    with pytest.raises(services.EventError) as refused:
        services.answer_request(request, accept=True, by=fair.providers[0])
    assert refused.value.conflict
    request.refresh_from_db()
    assert request.state == RequestState.DECLINED and request.decided_at is not None


def test_the_note_is_short_and_interpreters_need_tables(fair):
    with pytest.raises(services.EventError):
        services.request_meeting(fair.enterprise, fair.registrations[0], note="长" * 201, by=fair.owner)
    fair.event.interpreter_tables = 0
    fair.event.save()
    with pytest.raises(services.EventError):
        services.request_meeting(
            fair.enterprise, fair.registrations[0], needs_interpreter=True, by=fair.owner
        )


def test_unanswered_requests_expire(fair):
    request = services.request_meeting(fair.enterprise, fair.registrations[0], by=fair.owner)
    assert services.expire_unanswered(fair.event) == 1
    request.refresh_from_db()
    assert request.state == RequestState.EXPIRED
    assert AuditEntry.objects.filter(action="meeting_request.expired").count() == 1


def test_availability_is_replaced_and_checked(fair):
    assert services.set_unavailable(fair.enterprise, [2, 0, 2], by=fair.owner) == [0, 2]
    assert services.set_unavailable(fair.enterprise, [1], by=fair.owner) == [1]
    assert list(fair.enterprise.unavailable.values_list("slot", flat=True)) == [1]
    with pytest.raises(services.EventError):
        services.set_unavailable(fair.enterprise, [4], by=fair.owner)


def test_check_in_no_show_and_outcomes(fair):
    request = services.request_meeting(fair.enterprise, fair.registrations[0], by=fair.owner)
    services.answer_request(request, accept=True, by=fair.providers[0])
    other = services.request_meeting(fair.enterprise, fair.registrations[1], by=fair.owner)
    services.answer_request(other, accept=True, by=fair.providers[1])
    services.schedule(fair.event, time_limit=5, by=fair.organiser)

    registration = services.check_in(fair.event, fair.enterprise.token, by=fair.organiser)
    assert registration.checked_in_at is not None
    with pytest.raises(services.EventError):
        services.check_in(fair.event, "not-a-token", by=fair.organiser)

    assert services.mark_no_show(fair.registrations[1], by=fair.organiser) == 1
    other.meeting.refresh_from_db()
    assert other.meeting.state == MeetingState.NO_SHOW

    outcome = services.record_outcome(request.meeting, side="enterprise", result="intention", by=fair.owner)
    services.record_outcome(
        request.meeting, side="enterprise", result="contract_expected", asked_at_days=30, by=fair.owner
    )
    request.meeting.refresh_from_db()
    assert request.meeting.state == MeetingState.HELD
    assert outcome.result == "intention"
    assert Outcome.objects.filter(meeting=request.meeting).count() == 2
    with pytest.raises(services.EventError):
        services.record_outcome(other.meeting, side="provider", result="intention", by=fair.providers[1])


def test_only_organisers_manage_and_parties_see_requests(fair):
    request = services.request_meeting(fair.enterprise, fair.registrations[0], by=fair.owner)
    outsider = UserFactory(role="provider")
    assert fair.organiser.has_perm("events.manage_event")
    assert not fair.owner.has_perm("events.manage_event")
    assert fair.owner.has_perm("events.view_request", request)
    assert fair.providers[0].has_perm("events.view_request", request)
    assert not fair.providers[1].has_perm("events.view_request", request)
    assert not outsider.has_perm("events.view_request", request)
    assert fair.providers[0].has_perm("events.answer_request", request)
    assert not fair.owner.has_perm("events.answer_request", request)
    assert fair.owner.has_perm("events.view_agenda", fair.enterprise)
    assert not fair.providers[0].has_perm("events.view_agenda", fair.enterprise)
