"""The district liaison's journey in a Chinese browser, from the log-in page to its district's record: the
home (工作台) counts the submitted demand waiting for a broker and leads to it, the liaison assigns it to the
demo broker keeping the due date the form suggests (an ISO value, so the browser keeps it), sees it under
diagnosis, fills in the liaison record the home asks for, and finds in its lists no demand of another
district and no enterprise's draft. The enterprises' steps (filing the demands) are done by their services
before the liaison signs in."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from innochallenge.accounts.enums import Role
from innochallenge.accounts.models import User
from innochallenge.campaigns.models import Liaison
from innochallenge.demands import services as demands
from innochallenge.demands.enums import DemandStatus
from innochallenge.demands.models import Demand
from innochallenge.diagnosis.models import Assignment
from innochallenge.publication import search
from innochallenge.site.demo import set_up_demo
from tests.browser.signin import signed_in
from tests.factories.accounts import OrganisationFactory, UserFactory
from tests.factories.demands import FORM_VALUES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MINE = "相城区智能仓储机器人导航定位系统"
ELSEWHERE = "吴江区丝绸印染废水回用技术"
DRAFT = "相城区尚未提交的草稿需求"
DESCRIPTION = (
    "需要一套适用于智能仓储机器人的室内导航定位系统，定位精度不低于5毫米，支持二维码与激光融合定位，"
    "单台成本不超过2万元，可在三个月内完成样机验证。"
)


def _waiting(page, label):
    """The line of the home that names `label`."""
    return page.locator("ul.waiting li", has_text=label)


def _home(page):
    """Back to the home through the menu's first entry."""
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="工作台").click()
    expect(page.locator("main h1").first).to_have_text("工作台 · 地区联络员")


def _file(campaign, company: str, district: str, title: str, *, submit: bool = True):
    """An enterprise of `district` files a demand on its own (handed in unless `submit` is false)."""
    user = UserFactory(
        role=Role.ENTERPRISE, organisation=OrganisationFactory(kind="enterprise", name=company)
    )
    values = FORM_VALUES | {
        "company_name": company,
        "district": district,
        "title": title,
        "description": DESCRIPTION,
        "cooperation_modes": ["合作开发"],
    }
    return demands.create_demand(campaign, values, by=user, submit=submit)


def test_the_liaison_goes_from_log_in_to_the_district_record(live_server, browser, screenshot_path):
    search.reset()
    today = timezone.localdate()
    campaign = set_up_demo(today=today)
    demand = _file(campaign, "苏州相城智行机器人有限公司", "相城区", MINE)
    elsewhere = _file(campaign, "苏州吴江丝绸印染有限公司", "吴江区", ELSEWHERE)
    draft = _file(campaign, "苏州相城草稿科技有限公司", "相城区", DRAFT, submit=False)
    assert (demand.status, elsewhere.status, draft.status) == ("submitted", "submitted", "draft")
    broker = User.objects.get(username="broker")
    url = live_server.url

    # Log-in page → home: one submitted demand to assign, and the district's liaison record to fill in.
    page = signed_in(browser, url, "liaison")
    expect(page.locator("main h1").first).to_have_text("工作台 · 地区联络员")
    expect(_waiting(page, "已提交、待分配给技术经纪人的需求").locator(".count")).to_have_text("1")
    expect(_waiting(page, "本区联络员信息待填写").locator(".count")).to_have_text("1")
    page.screenshot(path=screenshot_path("journey-liaison-0-home"), full_page=True)

    # The line lists the submitted demands of the district: this one only, not the other district's.
    _waiting(page, "已提交、待分配给技术经纪人的需求").get_by_role("link").click()
    expect(page.locator("main h1")).to_have_text("技术需求")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(MINE)
    expect(rows.first).to_contain_text("已提交")
    rows.first.get_by_role("link", name=demand.reference).click()

    # The demand page: assign it to the demo broker, keeping the due date the form suggests.
    expect(page.locator("main h1")).to_have_text(f"{demand.reference} · {MINE}")
    expect(page.locator(".lede")).to_contain_text("已提交")
    expect(page.get_by_role("heading", name="指派技术经纪人")).to_be_visible()
    form = page.locator(f"form[action='/diagnosis/{demand.pk}/assign/']")
    due_on = today + dt.timedelta(days=7)
    expect(form.get_by_label("诊断截止日期")).to_have_value(due_on.isoformat())
    form.get_by_label("技术经纪人").select_option(label="演示技术经纪人 · 相城区科技镇长团（演示）")
    page.screenshot(path=screenshot_path("journey-liaison-1-assign"), full_page=True)
    form.get_by_role("button", name="指派").click()
    expect(page.locator(".messages")).to_contain_text("已指派。")
    expect(page.locator(".lede")).to_contain_text("诊断中")
    expect(page.locator(".diagnosis-history")).to_contain_text(
        f"由 演示技术经纪人（相城区科技镇长团（演示））诊断，截止日期 {due_on.isoformat()}。"
    )
    assignment = Assignment.objects.get(demand=demand)
    assert (assignment.broker, assignment.due_on) == (broker, due_on)

    # The home no longer counts it; it asks for the liaison record, and its line opens the form.
    _home(page)
    expect(_waiting(page, "已提交、待分配给技术经纪人的需求")).to_have_count(0)
    expect(page.locator(".nothing-waiting")).to_contain_text("已提交、待分配给技术经纪人的需求")
    _waiting(page, "本区联络员信息待填写").get_by_role("link").click()
    expect(page.locator("main h1")).to_have_text("联络员信息 · 相城区")
    page.get_by_label("联络员").fill("陈静")
    page.get_by_label("职务").fill("科技局 科员")
    page.get_by_label("办公电话").fill("0512-65246015")
    page.get_by_label("手机").fill("13812345678")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".messages")).to_contain_text("相城区的联络员信息已保存。")
    row = page.locator("table tbody tr", has_text="相城区")
    expect(row).to_contain_text("陈静")
    expect(row).to_contain_text("13812345678")
    page.screenshot(path=screenshot_path("journey-liaison-2-record"), full_page=True)
    assert Liaison.objects.get(district__code="xiangcheng").name == "陈静"
    _home(page)
    expect(_waiting(page, "本区联络员信息待填写")).to_have_count(0)

    # All the demands the liaison can list are its district's handed-in ones: no other district, no draft.
    page.get_by_role("navigation", name="主菜单").locator("summary", has_text="需求征集").click()
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="技术需求", exact=True).click()
    expect(page.locator("main h1")).to_have_text("技术需求")
    table = page.locator("table tbody")
    expect(table).to_contain_text(MINE)
    expect(table).to_contain_text("诊断中")
    expect(table).not_to_contain_text(ELSEWHERE)
    expect(table).not_to_contain_text(DRAFT)
    expect(table).not_to_contain_text("吴江区")
    districts = page.locator("form.filters select[name=district] option")
    expect(districts).to_have_text(["全部", "相城区"])
    page.locator("form.filters select[name=status]").select_option(label="草稿")
    page.get_by_role("button", name="筛选").click()
    expect(page.locator("table tbody tr")).to_have_count(1)
    expect(page.locator("table tbody")).to_contain_text("尚无需求。")
    page.screenshot(path=screenshot_path("journey-liaison"), full_page=True)
    assert page.csp_violations == []

    # Typed by hand, the other district's demand and the draft stay closed to the liaison.
    probe = page.context.new_page()
    for other in (elsewhere, draft):
        probe.goto(f"{url}/demands/{other.pk}/")
        expect(probe.locator("main h1")).to_have_text("无权访问")
        expect(probe.locator("main")).not_to_contain_text(other.title)
    assert Demand.objects.get(pk=draft.pk).status == DemandStatus.DRAFT
    search.reset()
