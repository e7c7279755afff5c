"""The technology broker's journey in a Chinese browser, from the log-in page to a published demand: the home
(工作台) counts the diagnoses due and leads to the queue, the broker opens the demand the liaison assigned,
records the diagnosis (site visit, assessment, checklist) and approves it, publishes it with an English
title and description, opens its matches among the achievements and providers and confirms the best one,
and ends on the demand's page, published. The enterprise's and liaison's steps (filing the demand,
assigning it) are done by their services before the broker signs in."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from innochallenge.accounts.enums import Role
from innochallenge.accounts.models import User
from innochallenge.demands import services as demands
from innochallenge.demands.models import Demand
from innochallenge.diagnosis import services as diagnosis
from innochallenge.diagnosis.models import Diagnosis
from innochallenge.matching.models import MatchReview
from innochallenge.publication import search
from innochallenge.site.demo import set_up_demo
from tests.browser.signin import signed_in
from tests.factories.accounts import OrganisationFactory, UserFactory
from tests.factories.demands import FORM_VALUES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMPANY = "苏州相城精工传动有限公司"
TITLE = "机器人关节用精密行星减速机回程间隙控制"
DESCRIPTION = (
    "现有精密行星减速机装配后回程间隙大于3弧分，需要通过预紧与选配相结合的装配工艺，将回程间隙控制在"
    "1弧分以内，适用于工业机器人关节与数控机床，传动效率不低于90%。"
)
TITLE_EN = "Backlash control of precision planetary reducers for robot joints"
DESCRIPTION_EN = (
    "Our precision planetary reducers show more than 3 arc-minutes of backlash after assembly. We need an "
    "assembly process combining preload and selective fitting that keeps backlash within 1 arc-minute."
)
ACHIEVEMENT = "精密行星减速机回程间隙控制方法"


def _waiting(page, label):
    """The line of the home that names `label`."""
    return page.locator("ul.waiting li", has_text=label)


def _home(page):
    """Back to the home through the menu's first entry."""
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="工作台").click()
    expect(page.locator("main h1").first).to_have_text("工作台 · 服务团队 / 技术经纪人")


def test_the_broker_goes_from_log_in_to_the_published_demand(live_server, browser, screenshot_path):
    search.reset()
    today = timezone.localdate()
    campaign = set_up_demo(today=today)
    organiser = User.objects.get(username="organiser")
    broker = User.objects.get(username="broker")
    enterprise = UserFactory(
        role=Role.ENTERPRISE, organisation=OrganisationFactory(kind="enterprise", name=COMPANY)
    )
    values = FORM_VALUES | {
        "company_name": COMPANY,
        "district": "相城区",
        "industry_field": "装备制造",
        "title": TITLE,
        "description": DESCRIPTION,
        "cooperation_modes": ["合作开发"],
    }
    demand = demands.create_demand(campaign, values, by=enterprise, submit=True)
    diagnosis.assign(demand, broker, due_on=today + dt.timedelta(days=7), by=organiser)
    # The demo leaves the broker two sample demands under diagnosis: with this one, three are due.
    url = live_server.url

    # Log-in page → home: the diagnoses due, whose line opens the queue, the earliest due first.
    page = signed_in(browser, url, "broker")
    expect(page.locator("main h1").first).to_have_text("工作台 · 服务团队 / 技术经纪人")
    line = _waiting(page, "待完成的诊断")
    expect(line.locator(".count")).to_have_text("3")
    page.screenshot(path=screenshot_path("journey-broker-0-home"), full_page=True)
    line.get_by_role("link").click()
    expect(page.locator("main h1")).to_have_text("诊断任务")
    row = page.locator("table tbody tr", has_text=TITLE)
    expect(row).to_contain_text("诊断中")
    expect(row).to_contain_text((today + dt.timedelta(days=7)).isoformat())
    row.get_by_role("link", name=TITLE).click()

    # The demand page: the diagnosis form, filled as after a site visit, and approved.
    expect(page.locator("main h1")).to_have_text(f"{demand.reference} · {TITLE}")
    expect(page.locator(".lede")).to_contain_text("诊断中")
    expect(page.get_by_role("heading", name="诊断该需求")).to_be_visible()
    form = page.locator("form.diagnosis-form")
    form.get_by_label("已实地走访").check()
    form.get_by_label("走访日期").fill(today.isoformat())
    form.get_by_label("技术先进性").select_option("4")
    form.get_by_label("可解决性").select_option("5")
    form.get_by_label("经费保障能力").select_option("3")
    form.get_by_label("已写明目标技术指标").check()
    form.get_by_label("通过，可以发布").check()
    page.screenshot(path=screenshot_path("journey-broker-1-diagnosis"), full_page=True)
    form.get_by_role("button", name="保存诊断").click()
    expect(page.locator(".messages")).to_contain_text("诊断已保存：通过，可以发布。")
    expect(page.locator(".lede")).to_contain_text("已通过")
    history = page.locator(".diagnosis-history")
    expect(history).to_contain_text("通过，可以发布")
    expect(history).to_contain_text(
        f"技术先进性 4 · 可解决性 5 · 经费保障能力 3 · 已实地走访 {today.isoformat()}"
    )
    record = Diagnosis.objects.get(demand=demand)
    assert (record.decision, record.technical_advancement, record.solvability) == ("approve", 4, 5)

    # Publication: the English version, then 发布; the public pages are linked, in both languages.
    panel = page.locator(".publication-panel")
    panel.get_by_label("英文需求名称").fill(TITLE_EN)
    panel.get_by_label("英文需求描述").fill(DESCRIPTION_EN)
    panel.get_by_role("button", name="发布", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("已以中英文发布。")
    expect(page.locator(".lede")).to_contain_text("已发布")
    expect(panel.get_by_role("link", name="English")).to_be_visible()
    expect(panel).not_to_contain_text("英文版待补充")
    demand.refresh_from_db()
    assert demand.status == "published" and demand.publication.title_en == TITLE_EN

    # Its matches: the achievement that answers it is listed with the words both share; confirm it.
    page.get_by_role("link", name="匹配结果：科技成果和方案提供方").click()
    expect(page.locator("main h1")).to_have_text(f"匹配结果 · {demand.reference}")
    match = page.locator(".match", has=page.locator("h3", has_text=ACHIEVEMENT))
    expect(match).to_have_count(1)
    expect(match.locator(".reasons")).to_contain_text("回程间隙")
    page.screenshot(path=screenshot_path("journey-broker-2-matches"), full_page=True)
    match.get_by_role("button", name="确认").click()
    expect(page.locator(".messages")).to_contain_text("已确认：该匹配将保留。")
    confirmed = page.locator(".match.confirmed", has=page.locator("h3", has_text=ACHIEVEMENT))
    expect(confirmed.locator(".badge")).to_have_text("已确认")
    review = MatchReview.objects.get(demand=demand)
    assert (review.verdict, review.by) == ("confirmed", broker)

    # Back on the demand page: published, no longer among the diagnoses due.
    page.locator(".lede").get_by_role("link", name=TITLE).click()
    expect(page.locator("main h1")).to_have_text(f"{demand.reference} · {TITLE}")
    expect(page.locator(".lede")).to_contain_text("已发布")
    expect(page.get_by_role("heading", name="诊断该需求")).to_have_count(0)
    page.screenshot(path=screenshot_path("journey-broker"), full_page=True)
    assert Demand.objects.get(pk=demand.pk).status == "published"
    _home(page)
    expect(_waiting(page, "待完成的诊断").locator(".count")).to_have_text("2")
    assert page.csp_violations == []
    search.reset()
