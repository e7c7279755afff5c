"""Issue 17's broken steps as their users meet them, in a Chinese browser: the enterprise sees every error
of its form at once and submits its draft from the draft's page; the liaison sees neither the
enterprise's drafts nor a 撤回 button on its demands; the organiser's admin index lists its apps."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from innochallenge.accounts.models import User
from innochallenge.demands import services
from innochallenge.demands.enums import DemandStatus
from innochallenge.demands.models import Demand
from innochallenge.site.demo import set_up_demo
from tests.browser.signin import signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESCRIPTION = (
    "现有谐波减速器在额定负载下背隙大于3弧分，需要将背隙控制在1弧分以内，"
    "传动效率不低于85%，寿命不少于10000小时。"
)


def test_the_enterprise_sees_every_error_at_once_then_submits_its_draft(
    live_server, browser, screenshot_path
):
    set_up_demo(today=timezone.localdate())
    page = signed_in(browser, live_server.url, "enterprise")
    page.goto(live_server.url + "/demands/new/?campaign=demo")
    page.locator("select[name=district]").select_option("xiangcheng")
    page.locator("input[name=contact_name]").fill("王磊")
    page.locator("input[name=contact_phone]").fill("13912345678")
    page.locator("input[name=contact_email]").fill("wanglei@example.cn")
    page.locator("textarea[name=company_profile]").fill(
        "专注精密传动部件的研发与制造。" * 30
    )  # 450 characters
    page.locator("input[name=sales_bracket][value='50m-100m']").check()
    page.locator("input[name=title]").fill("机器人关节用超薄谐波减速器")
    page.locator("input[name=industry_field][value=equipment]").check()
    page.locator("textarea[name=description]").fill("背隙太大")
    page.locator("input[name=cooperation_modes][value=joint-development]").check()
    page.locator("#id_privacy_consent").check()
    page.locator("button[name=submit]").click()

    summary = page.locator("#errors")
    expect(summary).to_contain_text("企业简介共 450 个字")
    expect(summary).to_contain_text("至少需要 50 个字")
    expect(summary).to_contain_text("拟投入合作经费为必填项，请填写万元金额。")
    expect(page.locator("input[name=title]")).to_have_value("机器人关节用超薄谐波减速器")
    page.screenshot(path=screenshot_path("demand-errors-one-round"), full_page=True)
    assert not Demand.objects.filter(title="机器人关节用超薄谐波减速器").exists()

    page.locator("textarea[name=company_profile]").fill("专注精密传动部件的研发与制造。")
    page.locator("textarea[name=description]").fill(DESCRIPTION)
    page.locator("input[name=budget_wan]").fill("120")
    page.locator("button[name=draft]").click()
    draft = Demand.objects.get(title="机器人关节用超薄谐波减速器")
    assert draft.status == DemandStatus.DRAFT

    page.goto(f"{live_server.url}/demands/{draft.pk}/")
    page.get_by_role("button", name="提交", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/demands/{draft.pk}/done/"))
    draft.refresh_from_db()
    assert draft.status == DemandStatus.SUBMITTED


def test_the_liaison_sees_no_enterprise_draft_and_no_withdraw_on_its_demands(live_server, browser):
    campaign = set_up_demo(today=timezone.localdate())
    enterprise = User.objects.get(username="enterprise")
    services.create_demand(campaign, {"title": "企业尚未提交的草稿", "district": "相城区"}, by=enterprise)
    liaison = User.objects.get(username="liaison")
    handed_in = (
        Demand.objects.filter(organisation=enterprise.organisation, district=liaison.district)
        .exclude(status=DemandStatus.DRAFT)
        .exclude(created_by=liaison)
        .exclude(imported_by=liaison)
        .first()
    )
    assert handed_in is not None

    page = signed_in(browser, live_server.url, "liaison")
    page.goto(live_server.url + "/demands/?campaign=demo")
    expect(page.locator("main")).not_to_contain_text("企业尚未提交的草稿")
    page.goto(f"{live_server.url}/demands/{handed_in.pk}/")
    expect(page.locator("h1")).to_contain_text(handed_in.reference)
    expect(page.get_by_role("button", name="撤回")).to_have_count(0)


def test_the_organisers_admin_index_lists_its_apps_in_chinese(live_server, browser):
    set_up_demo(today=timezone.localdate())
    page = signed_in(browser, live_server.url, "organiser")
    page.goto(live_server.url + "/admin/")
    expect(page.locator("main, #content").first).not_to_contain_text("你没有查看或编辑的权限")
    expect(page.locator("caption").filter(has_text="技术需求")).to_have_count(1)
    expect(page.locator("caption").filter(has_text="审计记录")).to_have_count(1)
