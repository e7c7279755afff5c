import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from innochallenge.site.demo import DEMO_PASSWORD, set_up_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_organiser_logs_in_switches_to_english_and_sees_the_timeline(live_server, page, screenshot_path):
    set_up_demo(today=timezone.localdate())

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label(re.compile("用户名|Username")).fill("organiser")
    page.get_by_label(re.compile("密码|Password")).fill(DEMO_PASSWORD)
    page.locator("form.stacked button[type=submit]").click()
    expect(page.locator(".who")).to_contain_text("演示管理员")
    page.get_by_role("button", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Timeline")).to_be_visible()
    expect(page.locator(".today-stage")).to_contain_text("Running today: Demand collection")
    expect(page.locator("svg.timeline rect.bar.running")).to_have_count(2)
    expect(page.get_by_role("link", name="Liaisons")).to_be_visible()
    page.screenshot(path=screenshot_path("organiser-dashboard-en"), full_page=True)
    assert page.csp_violations == []


def test_enterprise_on_a_phone_sees_the_dashboard_without_staff_menus(live_server, browser, screenshot_path):
    set_up_demo(today=timezone.localdate())
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, locale="zh-CN")
    page = context.new_page()

    page.goto(live_server.url + "/accounts/login/")
    page.locator("input[name=username]").fill("enterprise")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("form.stacked button[type=submit]").click()

    expect(page.locator("svg.timeline")).to_be_visible()
    # Their demands and solutions, events, contracts, the catalog, notifications: no staff pages.
    expect(page.locator(".main-nav a")).to_have_text(
        [
            "工作台",
            "我的需求",
            "填报需求",
            "解决方案",
            "供需对接会",
            "技术合同",
            "已发布需求",
            re.compile("通知"),
        ]
    )
    for staff_page in ("/campaigns/", "/jobs/", "/admin/", "/demands/quota/"):
        expect(page.locator(f".main-nav a[href^='{staff_page}']")).to_have_count(0)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a phone"
    page.screenshot(path=screenshot_path("enterprise-dashboard-phone"), full_page=True)
    context.close()
