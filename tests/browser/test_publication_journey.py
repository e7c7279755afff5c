"""A broker diagnoses a demand and approves it, publishes it with an English version; a visitor abroad
finds it in the English catalog, under "An enterprise"."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from innochallenge.demands.enums import DemandStatus
from innochallenge.demands.models import Demand
from innochallenge.publication import search
from innochallenge.site.demo import DEMO_PASSWORD, set_up_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE_EN = "Removing low-concentration organics from chemical wastewater"


def test_broker_approves_and_a_visitor_finds_the_demand_in_english(live_server, browser, screenshot_path):
    search.reset()
    set_up_demo(today=timezone.localdate())
    demand = Demand.objects.get(campaign__slug="demo", title="化工废水中低浓度有机物高效去除")
    assert demand.status == DemandStatus.UNDER_DIAGNOSIS

    broker = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
    broker.goto(live_server.url + "/accounts/login/?next=/diagnosis/queue/")
    broker.locator("input[name=username]").fill("broker")
    broker.locator("input[name=password]").fill(DEMO_PASSWORD)
    broker.locator("form.stacked button[type=submit]").click()
    expect(broker).to_have_url(re.compile(r"/diagnosis/queue/"))
    broker.get_by_role("link", name=re.compile("化工废水")).click()

    form = broker.locator("form.diagnosis-form")
    form.locator("input[name=site_visit_done]").check()
    form.locator("input[name=site_visit_on]").fill(timezone.localdate().isoformat())
    form.locator("input[name=site_visit_by]").fill("演示技术经纪人")
    form.locator("select[name=technical_advancement]").select_option("4")
    form.locator("select[name=solvability]").select_option("4")
    form.locator("select[name=funding_capacity]").select_option("3")
    form.locator("input[name=indicators_stated]").check()
    form.locator("input[name=solvable_as_written]").check()
    form.locator("input[name=decision][value=approve]").check()
    form.locator("button[type=submit]").click()
    expect(broker.locator(".messages")).to_contain_text("诊断已保存")

    broker.locator("input[name=title_en]").fill(TITLE_EN)
    broker.locator("textarea[name=description_en]").fill(
        "Our biological treatment removes less than 40% of hard-to-degrade organics below COD 200 mg/L. "
        "We need advanced oxidation or adsorption so that effluent COD stays below 50 mg/L."
    )
    broker.get_by_role("button", name="发布", exact=True).click()
    expect(broker.locator(".messages")).to_contain_text("已以中英文发布")
    demand.refresh_from_db()
    assert demand.status == DemandStatus.PUBLISHED

    visitor = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900}).new_page()
    visitor.goto(live_server.url + "/en/catalog/")
    visitor.locator("input[name=q]").fill("wastewater COD")
    visitor.get_by_role("button", name="Find").click()
    result = visitor.locator("ol.catalog li").first
    expect(result).to_contain_text(TITLE_EN)
    expect(result.locator("mark").first).to_be_visible()
    result.get_by_role("link").click()
    expect(visitor.locator("h1")).to_have_text(TITLE_EN)
    expect(visitor.locator("dl.facts")).to_contain_text("An enterprise")
    expect(visitor.locator("body")).not_to_contain_text(demand.company_name)
    expect(visitor.locator("body")).not_to_contain_text(demand.contact_phone)
    expect(visitor.get_by_role("link", name="Register as a solution provider")).to_be_visible()
    visitor.screenshot(path=screenshot_path("public-demand-en"), full_page=True)
    search.reset()
