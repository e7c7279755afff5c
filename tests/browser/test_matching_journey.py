"""The broker opens a published demand, sees its matches ranked with the reasons marked, and confirms
the best one."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from innochallenge.demands.models import Demand
from innochallenge.matching.models import MatchReview
from innochallenge.site.demo import DEMO_PASSWORD, set_up_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_broker_sees_ranked_matches_with_reasons_and_confirms_one(live_server, browser, screenshot_path):
    set_up_demo(today=timezone.localdate())
    demand = Demand.objects.get(campaign__slug="demo", title="高精度低背隙谐波减速器")
    page = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
    violations = []
    page.on("console", lambda msg: msg.type == "error" and violations.append(msg.text))
    page.goto(live_server.url + "/accounts/login/")
    page.locator("input[name=username]").fill("broker")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("form.stacked button[type=submit]").click()

    page.goto(live_server.url + f"/demands/{demand.pk}/")
    page.get_by_role("link", name="匹配结果：科技成果和方案提供方").click()

    first = page.locator(".match").first
    expect(first.locator("h3")).to_contain_text("谐波减速器柔轮双圆弧齿形修形技术")
    expect(first.locator(".snippet mark").first).to_be_visible()
    expect(first.locator(".reasons")).to_contain_text("背隙")
    expect(first.locator("svg.parts rect").first).to_be_hidden()  # the score's parts are folded away
    first.locator("details.parts summary").click()
    expect(first.locator("svg.parts rect").first).to_be_visible()
    # the demo provider, whose expertise is precision gearing, is among the providers
    expect(page.locator(".match", has_text="示例理工大学技术转移中心")).to_have_count(1)
    page.screenshot(path=screenshot_path("matches"), full_page=True)

    first.get_by_role("button", name="确认").click()
    expect(page.locator(".messages")).to_contain_text("已确认")
    expect(page.locator(".match.confirmed").first.locator("h3")).to_contain_text("谐波减速器柔轮")
    review = MatchReview.objects.get(demand=demand)
    assert review.verdict == "confirmed" and review.by.username == "broker"
    assert violations == []
