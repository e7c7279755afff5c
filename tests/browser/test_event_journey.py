"""A matchmaking event: the enterprise and a provider register, the provider asks for a meeting, the
enterprise accepts, the organiser schedules, and both find the same slot and table in their agendas."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from innochallenge.events import services
from innochallenge.events.enums import EventState
from innochallenge.events.models import Meeting
from innochallenge.publication import search
from innochallenge.site.demo import set_up_demo
from tests.browser.signin import signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_requested_meeting_lands_at_the_same_table_in_both_agendas(
    live_server, browser, tmp_path, settings, screenshot_path
):
    settings.PRIVATE_ROOT = tmp_path / "private"
    search.reset()
    campaign = set_up_demo(today=timezone.localdate())
    from innochallenge.accounts.models import User

    organiser_user = User.objects.get(username="organiser")
    event = services.create_event(
        campaign,
        kind="regional",
        subject=campaign.districts.get(code="xiangcheng"),
        date=timezone.localdate() + dt.timedelta(days=20),
        venue="相城区会议中心",
        organising_unit="相城区科学技术局",
        tables=4,
        interpreter_tables=1,
        slots=6,
        first_slot_at=dt.time(9, 0),
        registration_deadline=timezone.now() + dt.timedelta(days=10),
        by=organiser_user,
    )
    services.set_event_state(event, EventState.OPEN, by=organiser_user)
    url = live_server.url
    base = f"{url}/events/{event.pk}"

    enterprise = signed_in(browser, url, "enterprise")
    enterprise.goto(url + "/events/")
    enterprise.get_by_role("link", name=event.name).click()
    enterprise.locator(f"a[href='/events/{event.pk}/register/']").first.click()
    enterprise.locator("input[name=demands]").first.check()
    enterprise.locator("form.card button[type=submit]").click()
    expect(enterprise.locator(".messages")).to_be_visible()

    provider = signed_in(browser, url, "provider")
    provider.goto(base + "/register/")
    provider.locator("form.card button[type=submit]").click()
    expect(provider.locator(".participant")).to_have_count(1)
    card = provider.locator(".participant").first
    card.locator("select[name=priority]").select_option("3")
    card.locator("input[name=note]").fill("我们在精密减速器方面有成熟方案，希望面谈。")
    card.locator("button[type=submit]").click()
    expect(provider.locator(".participant .request-pending")).to_be_visible()

    enterprise.goto(base + "/requests/")
    enterprise.locator("table.received button[value=accept]").click()
    expect(enterprise.locator("table.received")).to_contain_text("已接受")

    organiser = signed_in(browser, url, "organiser")
    organiser.goto(base + "/plan/")
    organiser.locator("form.schedule-form button[type=submit]").click()
    expect(organiser.locator(".schedule-result")).to_be_visible()
    expect(organiser.locator("table.plan td.meeting")).to_have_count(1)
    organiser.screenshot(path=screenshot_path("event-plan"), full_page=True)

    meeting = Meeting.objects.get(event=event)
    when = f"{meeting.starts_at:%H:%M}–{meeting.ends_at:%H:%M}"
    for page in (enterprise, provider):
        page.goto(base + "/agenda/")
        row = page.locator("table.agenda tr.meeting")
        expect(row).to_have_count(1)
        expect(row.locator(".time")).to_have_text(when)
        expect(row.locator(".table-number")).to_contain_text(str(meeting.table_number))
    expect(provider.locator("table.agenda .with")).not_to_be_empty()
    provider.screenshot(path=screenshot_path("event-agenda"), full_page=True)
    assert enterprise.csp_violations == provider.csp_violations == organiser.csp_violations == []
    search.reset()
