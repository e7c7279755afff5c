"""The organiser opens the reports: the funnel, the district quotas and the events are drawn as SVG bar
charts that render (visible bars with a size), without any script or inline style for the
Content-Security-Policy to refuse; the tables offer their .xlsx."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from innochallenge.accounts.models import User
from innochallenge.events import services as events
from innochallenge.events.enums import EventState
from innochallenge.publication import search
from innochallenge.site.demo import DEMO_PASSWORD, set_up_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _event_with_a_held_meeting(campaign):
    organiser, enterprise, provider = (
        User.objects.get(username=u) for u in ("organiser", "enterprise", "provider")
    )
    event = events.create_event(
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
        by=organiser,
    )
    event = events.set_event_state(event, EventState.OPEN, by=organiser)
    ours = events.register(event, enterprise)
    theirs = events.register(event, provider)
    request = events.request_meeting(ours, theirs, priority=3, by=enterprise)
    events.answer_request(request, accept=True, by=provider)
    events.schedule(event, time_limit=5, by=organiser)
    request.refresh_from_db()
    events.record_outcome(request.meeting, side="enterprise", result="intention", by=enterprise)
    return event


def _boxes(page, selector):
    bars = page.locator(selector)
    return [bars.nth(i).bounding_box() for i in range(bars.count())]


def test_the_organiser_sees_the_report_charts_render(live_server, page, tmp_path, settings, screenshot_path):
    settings.PRIVATE_ROOT = tmp_path / "private"
    search.reset()
    campaign = set_up_demo(today=timezone.localdate())
    _event_with_a_held_meeting(campaign)

    page.goto(live_server.url + "/accounts/login/")
    page.locator("input[name=username]").fill("organiser")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("form.stacked button[type=submit]").click()
    page.locator("details.nav-group[data-nav-group=admin] summary").click()  # the menu's 管理 group
    page.locator(".main-nav a[href='/reports/']").click()
    expect(page).to_have_url(live_server.url + "/reports/")

    funnel = page.locator("svg.funnel-chart")
    expect(funnel).to_be_visible()
    expect(funnel.locator("rect.bar")).to_have_count(7)
    collected = funnel.locator("rect.bar").first.bounding_box()
    assert collected["width"] > 0 and collected["height"] > 0

    expect(page.locator("svg.quota-chart")).to_be_visible()
    quota = _boxes(page, "svg.quota-chart rect.target")
    assert len(quota) == campaign.districts.count()
    assert all(box["width"] > 0 and box["height"] > 0 for box in quota)

    expect(page.locator("svg.events-chart")).to_be_visible()
    held = _boxes(page, "svg.events-chart rect.bar:not(.inner)")
    assert len(held) == 1 and held[0]["width"] > 0 and held[0]["height"] > 0

    exports = page.locator("a.export")
    assert exports.count() == 8
    with page.expect_download() as download:
        page.locator("#table-funnel-district a.export").click()
    assert download.value.suggested_filename.endswith(".xlsx")

    page.screenshot(path=screenshot_path("reports-dashboard"), full_page=True)
    assert page.csp_violations == []
