"""An enterprise scans its district's QR code, files the form on a phone and gets its reference number."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from innochallenge.demands.enums import DemandStatus, Source
from innochallenge.demands.models import Demand
from innochallenge.site.demo import DEMO_PASSWORD, set_up_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESCRIPTION = (
    "现有谐波减速器在额定负载下背隙大于3弧分，需要将背隙控制在1弧分以内，"
    "传动效率不低于85%，寿命不少于10000小时，并满足150℃环境下连续运行。"
)


def test_enterprise_files_a_demand_from_the_qr_code_on_a_phone(live_server, browser, screenshot_path):
    set_up_demo(today=timezone.localdate())
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))

    # What the QR code holds; not signed in yet, so the login page comes first and leads back.
    page.goto(live_server.url + "/q/demo/xiangcheng")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    page.locator("input[name=username]").fill("enterprise")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("form.stacked button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/demands/new/\?campaign=demo&district=xiangcheng&via=qr"))
    expect(page.locator("select[name=district]")).to_have_value("xiangcheng")
    page.locator("input[name=contact_name]").fill("王磊")
    page.locator("input[name=contact_phone]").fill("13912345678")
    page.locator("input[name=contact_title]").fill("研发部经理")
    page.locator("input[name=contact_email]").fill("wanglei@example.cn")
    page.locator("textarea[name=company_profile]").fill("专注精密传动部件的研发与制造。")
    page.locator("input[name=sales_bracket][value='50m-100m']").check()
    page.locator("input[name=title]").fill("机器人关节用超薄谐波减速器")
    page.locator("input[name=budget_wan]").fill("120")
    page.locator("input[name=industry_field][value=equipment]").check()
    page.locator("textarea[name=description]").fill(DESCRIPTION)
    expect(page.locator("[data-counter-for=id_description]")).to_contain_text(str(len(DESCRIPTION)))
    page.locator("input[name=cooperation_modes][value=joint-development]").check()
    page.locator("#id_privacy_consent").check()
    page.screenshot(path=screenshot_path("demand-form-phone"), full_page=True)
    page.locator("button[name=submit]").click()

    demand = Demand.objects.get(title="机器人关节用超薄谐波减速器")
    expect(page.locator(".confirmation .reference")).to_have_text(demand.reference)
    assert demand.status == DemandStatus.SUBMITTED
    assert (demand.source, demand.source_district.code) == (Source.QR, "xiangcheng")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a phone"
    page.screenshot(path=screenshot_path("demand-submitted-phone"), full_page=True)
    assert errors == []
    context.close()


def test_enterprise_uploads_its_word_form_on_a_phone_and_submits_it(live_server, browser, screenshot_path):
    from pathlib import Path

    set_up_demo(today=timezone.localdate())
    sample = Path(__file__).resolve().parents[1] / "data" / "demands" / "a-checkboxes-fullwidth.docx"
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.goto(live_server.url + "/accounts/login/?next=/demands/new/%3Fcampaign%3Ddemo")
    page.locator("input[name=username]").fill("enterprise")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("form.stacked button[type=submit]").click()

    page.get_by_text("已填好 Word 需求表？").click()
    page.locator("#id_word_file").set_input_files(str(sample))
    page.locator("#id_word_privacy_consent").check()
    page.get_by_role("button", name="读取我的 Word 需求表").click()

    expect(page).to_have_url(re.compile(r"/demands/\d+/edit/$"))
    expect(page.locator("input[name=title]")).to_have_value("化学发光试剂冻干保护工艺")
    expect(page.locator("input[name=budget_wan]")).to_have_value(re.compile(r"^150(\.0+)?$"))
    page.screenshot(path=screenshot_path("demand-from-word-phone"), full_page=True)
    page.locator("button[name=submit]").click()

    demand = Demand.objects.get(title="化学发光试剂冻干保护工艺")
    expect(page.locator(".confirmation .reference")).to_have_text(demand.reference)
    assert (demand.status, demand.source, demand.source_file) == (
        DemandStatus.SUBMITTED,
        Source.WORD,
        "a-checkboxes-fullwidth.docx",
    )
    assert errors == []
    context.close()
