"""After the event: outcomes asked on the day and 30, 90, 180 days on; the event's figures."""

import datetime as dt
import zoneinfo

import time_machine

from innochallenge.events import services
from innochallenge.events.models import Meeting, Outcome
from innochallenge.events.outcomes import event_figures


def _at(day: dt.date):
    return time_machine.travel(
        dt.datetime.combine(day, dt.time(12), tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    )


def _two_meetings_and_unmet(fair):
    accepted = []
    for registration, provider in zip(fair.registrations[:2], fair.providers[:2], strict=True):
        request = services.request_meeting(fair.enterprise, registration, priority=3, by=fair.owner)
        accepted.append(services.answer_request(request, accept=True, by=provider))
    declined = services.request_meeting(fair.registrations[2], fair.enterprise, by=fair.providers[2])
    services.answer_request(declined, accept=False, by=fair.owner)
    services.schedule(fair.event, time_limit=5, by=fair.organiser)
    return accepted


def test_the_ask_due_follows_the_days_since_the_event(fair):
    day = fair.event.date
    assert fair.event.due_ask(day - dt.timedelta(days=1)) is None
    assert fair.event.due_ask(day) == 0
    assert fair.event.due_ask(day + dt.timedelta(days=29)) == 0
    assert fair.event.due_ask(day + dt.timedelta(days=30)) == 30
    assert fair.event.due_ask(day + dt.timedelta(days=100)) == 90
    assert fair.event.due_ask(day + dt.timedelta(days=400)) == 180


def test_a_side_records_outcomes_from_its_agenda(fair, client_of):
    first, _second = _two_meetings_and_unmet(fair)
    client = client_of(fair.providers[0])
    url = f"/events/{fair.event.pk}/meetings/{first.meeting.pk}/outcome/"
    client.post(url, {"result": "intention"})
    assert not Outcome.objects.exists()  # not before the event
    with _at(fair.event.date):
        client = client_of(fair.providers[0])  # a new session: the first one has expired by now
        client.post(url, {"result": "intention"})
        page = client.get(f"/events/{fair.event.pk}/agenda/")
        assert page.context["rows"][0].answer == "intention"
    with _at(fair.event.date + dt.timedelta(days=31)):
        client_of(fair.providers[0]).post(url, {"result": "contract_expected"})
    assert list(Outcome.objects.order_by("asked_at_days").values_list("side", "asked_at_days", "result")) == [
        ("provider", 0, "intention"),
        ("provider", 30, "contract_expected"),
    ]
    # another provider cannot answer for this meeting
    assert client_of(fair.providers[1]).post(url, {"result": "no_interest"}).status_code == 404


def test_the_event_figures(fair, client_of):
    first, second = _two_meetings_and_unmet(fair)
    services.record_outcome(first.meeting, side="enterprise", result="intention", by=fair.owner)
    services.mark_no_show(fair.registrations[1], by=fair.organiser)
    figures = event_figures(fair.event)
    assert (figures.capacity, figures.placed, figures.held, figures.no_show) == (12, 2, 1, 1)
    assert figures.utilisation == 2 / 12
    assert figures.intentions == 1
    assert [u.reason for u in figures.unmet] == ["declined"]
    assert figures.results[0]["intention"] == 1

    page = client_of(fair.organiser).get(f"/events/{fair.event.pk}/outcomes/")
    assert page.status_code == 200
    assert client_of(fair.owner).get(f"/events/{fair.event.pk}/outcomes/").status_code == 403
    assert Meeting.objects.get(pk=second.meeting.pk).state == "no_show"


def test_unplaceable_requests_say_why(fair):
    request = services.request_meeting(fair.enterprise, fair.registrations[0], by=fair.owner)
    services.answer_request(request, accept=True, by=fair.providers[0])
    services.set_unavailable(fair.enterprise, [0, 1], by=fair.owner)
    services.set_unavailable(fair.registrations[0], [2, 3], by=fair.providers[0])
    services.schedule(fair.event, time_limit=5, by=fair.organiser)
    assert [u.reason for u in event_figures(fair.event).unmet] == ["no_common_slot"]


def test_a_contract_registered_later_links_back_to_its_meeting_and_counts_as_signed(fair):
    from innochallenge.contracts import services as contracts

    first, _second = _two_meetings_and_unmet(fair)
    services.record_outcome(first.meeting, side="enterprise", result="contract_expected", by=fair.owner)
    assert event_figures(fair.event).signing_rate == 0
    contract = contracts.register_contract(
        fair.event.campaign,
        demand=fair.demand,
        provider=fair.providers[0].organisation,
        number="HT-EVENT-1",
        amount_yuan="500000",
        signed_on=fair.event.date + dt.timedelta(days=14),  # after the meeting it comes from
        by=fair.owner,
    )
    assert contract.meeting == first.meeting
    figures = event_figures(fair.event)
    assert (figures.signed, figures.held, figures.signing_rate) == (1, 1, 1.0)
