"""The agenda as a page, a calendar file and a PDF; the organiser's table plan and its button."""

import io

import pypdfium2
from icalendar import Calendar

from innochallenge.events import services
from innochallenge.events.models import Meeting
from innochallenge.publication import services as publication


def _scheduled(fair):
    for registration, provider, priority in zip(fair.registrations, fair.providers, (3, 2, 1), strict=True):
        request = services.request_meeting(registration, fair.enterprise, priority=priority, by=provider)
        services.answer_request(request, accept=True, by=fair.owner)
    services.schedule(fair.event, time_limit=5, by=fair.organiser)
    return list(Meeting.objects.filter(event=fair.event).order_by("slot"))


def test_agenda_page_lists_time_table_and_whom(fair, client_of):
    meetings = _scheduled(fair)
    page = client_of(fair.providers[0]).get(f"/events/{fair.event.pk}/agenda/")
    assert page.status_code == 200
    rows = page.context["rows"]
    mine = [m for m in meetings if m.request.sender == fair.registrations[0]]
    assert [(r.table, r.starts_at) for r in rows] == [(m.table_number, m.starts_at) for m in mine]
    assert rows[0].demands == [fair.demand.title]
    assert 'class="qr"' in page.content.decode()


def test_a_hidden_company_stays_hidden_in_the_providers_agenda(fair, client_of):
    publication.publish(fair.demand, by=fair.organiser, show_company_name=False)
    _scheduled(fair)
    text = client_of(fair.providers[0]).get(f"/events/{fair.event.pk}/agenda/").content.decode()
    assert "某企业" in text
    assert fair.owner.organisation.name not in text and fair.demand.company_name not in text


def test_the_calendar_file_has_one_event_per_meeting_in_shanghai_time(fair, client_of):
    meetings = _scheduled(fair)
    response = client_of(fair.owner).get(f"/events/{fair.event.pk}/agenda.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    items = calendar.walk("VEVENT")
    assert len(items) == 3
    starts = sorted(item.decoded("dtstart") for item in items)
    assert starts == sorted(m.starts_at for m in meetings)
    assert str(starts[0].tzinfo) == "Asia/Shanghai"
    assert all("桌" in str(item["location"]) or "table" in str(item["location"]) for item in items)


def test_the_pdf_renders_with_chinese_text(fair, client_of):
    _scheduled(fair)
    response = client_of(fair.owner).get(f"/events/{fair.event.pk}/agenda.pdf")
    assert response["Content-Type"] == "application/pdf"
    document = pypdfium2.PdfDocument(io.BytesIO(response.content))
    page = document[0]
    assert "相城区" in page.get_textpage().get_text_range()
    image = page.render(scale=1).to_pil().convert("L")
    dark = sum(image.histogram()[:128])
    assert dark > 2000  # text, table lines and the QR code, not a blank page


def test_the_organiser_schedules_from_the_plan_and_sees_the_figures(fair, client_of):
    for registration, provider in zip(fair.registrations, fair.providers, strict=True):
        request = services.request_meeting(fair.enterprise, registration, priority=3, by=fair.owner)
        services.answer_request(request, accept=True, by=provider)
    client = client_of(fair.organiser)
    response = client.post(f"/events/{fair.event.pk}/schedule/", follow=True)
    assert response.status_code == 200
    assert response.context["last_run"]["scheduled"] == 3
    assert response.context["last_run"]["value"] == 30
    assert response.context["comparison"].greedy_scheduled == 3
    cells = [m for _slot, _start, row in response.context["grid"] for m in row if m]
    assert len(cells) == 3


def test_the_organiser_opens_any_agenda_and_checks_people_in(fair, client_of):
    _scheduled(fair)
    client = client_of(fair.organiser)
    page = client.get(f"/events/{fair.event.pk}/agenda/?registration={fair.enterprise.pk}")
    assert len(page.context["rows"]) == 3
    url = f"/events/{fair.event.pk}/check-in/{fair.enterprise.token}/"
    assert client.get(url).status_code == 200
    client.post(url)
    fair.enterprise.refresh_from_db()
    assert fair.enterprise.checked_in_at is not None
    client.post(f"/events/{fair.event.pk}/registrations/{fair.registrations[0].pk}/no-show/")
    assert Meeting.objects.filter(event=fair.event, state="no_show").count() == 1


def test_the_organiser_cancels_a_meeting_from_the_plan(fair, client_of):
    meetings = _scheduled(fair)
    client = client_of(fair.organiser)
    response = client.post(f"/events/{fair.event.pk}/meetings/{meetings[0].pk}/cancel/", follow=True)
    assert response.status_code == 200
    assert Meeting.objects.filter(event=fair.event, state="scheduled").count() == 2
    assert (
        client_of(fair.owner).post(f"/events/{fair.event.pk}/meetings/{meetings[1].pk}/cancel/").status_code
        == 403
    )


def test_the_calendar_file_carries_the_time_zone(fair, client_of):
    _scheduled(fair)
    calendar = Calendar.from_ical(client_of(fair.owner).get(f"/events/{fair.event.pk}/agenda.ics").content)
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
