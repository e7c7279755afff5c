"""The enterprise's whole journey in a Chinese browser, from the log-in page to the subsidy: it files a
demand on the web form (a draft, then submitted), answers the broker's request for revision, sees the
demand published, reads two solutions and shortlists one and declines the other, answers a meeting request
at a matchmaking event, confirms the best solution after the final, registers the contract and applies for
the subsidy. Each step is reached from its home (工作台) or the page before, as a new user would; the other
roles' steps (the broker's diagnosis, the provider's solutions, the judges' scores) are done by their
services in between."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from innochallenge.accounts.enums import Role
from innochallenge.accounts.models import User
from innochallenge.demands.models import Demand
from innochallenge.diagnosis import services as diagnosis
from innochallenge.events import scheduling
from innochallenge.events import services as events
from innochallenge.events.enums import EventState
from innochallenge.judging import scoring
from innochallenge.judging import services as judging
from innochallenge.judging.enums import EntryState, RoundState, Stage
from innochallenge.publication import search
from innochallenge.publication import services as publication
from innochallenge.site.demo import set_up_demo
from innochallenge.solutions import services as solutions
from tests.browser.signin import signed_in
from tests.factories.accounts import PASSWORD, OrganisationFactory, UserFactory
from tests.judging.conftest import make_judge
from tests.solutions.conftest import PDF, make_provider, pdf, solution_values

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


COMPANY = "苏州澄泰薄膜科技有限公司"
TITLE = "柔性电路板用耐高温低收缩聚酰亚胺薄膜"
SHORT = "需要耐高温的薄膜。"
DESCRIPTION = (
    "需要耐高温聚酰亚胺薄膜，在150℃下长期工作，热收缩率低于0.1%，厚度25微米，可卷对卷连续生产，"
    "并提供第三方检测报告。"
)


def _waiting(page, label):
    """The line of the home that names `label`."""
    return page.locator("ul.waiting li", has_text=label)


def _home(page):
    """Back to the home through the menu's first entry."""
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="工作台").click()
    expect(page.locator("main h1").first).to_have_text("工作台 · 企业用户")


def _choose(page, name: str, text: str) -> None:
    """Pick the option of a select that reads `text`, as a person picks it by what it says."""
    option = page.locator(f"select[name={name}] option", has_text=text)
    page.locator(f"select[name={name}]").select_option(label=option.inner_text().strip())


def test_the_enterprise_goes_from_log_in_to_the_subsidy(live_server, browser, screenshot_path):
    search.reset()
    today = timezone.localdate()
    campaign = set_up_demo(today=today)
    organiser = User.objects.get(username="organiser")
    broker = User.objects.get(username="broker")
    user = UserFactory(
        role=Role.ENTERPRISE,
        username="hengxin",
        first_name="王磊",
        organisation=OrganisationFactory(kind="enterprise", name=COMPANY),
    )
    url = live_server.url

    # Log-in page → home: nothing waits yet, the menu offers filing a demand.
    page = signed_in(browser, url, user.username, PASSWORD)
    expect(page.locator("main h1").first).to_have_text("工作台 · 企业用户")
    expect(page.locator(".nothing-waiting")).to_contain_text("暂无待办")
    page.screenshot(path=screenshot_path("journey-enterprise-0-home"), full_page=True)
    page.get_by_role("main").get_by_role("link", name="填报需求", exact=True).click()
    expect(page.locator("main h1")).to_have_text("填报技术需求")
    expect(page.locator("input[name=company_name]")).to_have_value(COMPANY)

    # The web form: a draft first, then submitted from the draft's page.
    page.locator("select[name=district]").select_option("xiangcheng")
    page.locator("input[name=contact_phone]").fill("13912345678")
    page.locator("input[name=contact_title]").fill("研发部 经理")
    page.locator("textarea[name=company_profile]").fill(
        "专注于高分子功能薄膜的研发与生产，主要产品为光学膜和绝缘膜。"
    )
    page.locator("input[name=sales_bracket][value='50m-100m']").check()
    page.locator("input[name=title]").fill(TITLE)
    page.locator("input[name=budget_wan]").fill("150")
    page.locator("input[name=industry_field][value=new-materials]").check()
    page.locator("textarea[name=description]").fill(SHORT)
    page.locator("input[name=cooperation_modes][value=joint-development]").check()
    page.locator("#id_privacy_consent").check()
    page.get_by_role("button", name="保存草稿").click()
    expect(page.locator(".messages")).to_contain_text("已保存")
    expect(page.locator("main h1")).to_contain_text("草稿")
    expect(page.locator(".notice")).to_contain_text("需求描述")  # what is still needed to submit
    page.locator("textarea[name=description]").fill(DESCRIPTION)
    page.get_by_role("button", name="提交", exact=True).click()
    expect(page.locator(".confirmation h1")).to_have_text("感谢您，需求已提交")
    demand = Demand.objects.get(organisation=user.organisation)
    expect(page.locator(".confirmation .reference")).to_have_text(demand.reference)
    page.get_by_role("link", name="查看需求").click()
    expect(page.locator(".lede")).to_contain_text("已提交")
    page.screenshot(path=screenshot_path("journey-enterprise-1-submitted"), full_page=True)

    # The liaison assigns it, the broker asks for a revision: the home says so and leads to the demand.
    diagnosis.assign(demand, broker, due_on=today + dt.timedelta(days=7), by=organiser)
    diagnosis.diagnose(
        demand,
        decision="revise",
        reason="请补充耐温测试的条件和目标寿命。",
        by=broker,
        technical_advancement=4,
    )
    _home(page)
    line = _waiting(page, "退回修改的需求")
    expect(line.locator(".count")).to_have_text("1")
    line.get_by_role("link").click()
    expect(page.locator(".lede")).to_contain_text("待修改")
    page.screenshot(path=screenshot_path("journey-enterprise-2-revise"), full_page=True)
    expect(page.locator(".diagnosis-history")).to_contain_text("请补充耐温测试的条件和目标寿命。")
    page.get_by_role("link", name="编辑", exact=True).click()
    page.locator("textarea[name=description]").fill(DESCRIPTION + "耐温测试按GB/T 13542进行，目标寿命5年。")
    page.get_by_role("button", name="提交", exact=True).click()
    expect(page.locator(".confirmation h1")).to_have_text("感谢您，需求已提交")
    page.get_by_role("link", name="查看需求").click()
    expect(page.locator(".lede")).to_contain_text("诊断中")
    page.screenshot(path=screenshot_path("journey-enterprise-2-revised"), full_page=True)

    # Before it goes public, the enterprise says the public may see its name.
    page.get_by_label("公开企业名称").check()
    page.get_by_role("button", name="保存我的选择").click()
    expect(page.locator(".messages")).to_be_visible()
    expect(page.get_by_label("公开企业名称")).to_be_checked()

    # The broker approves and publishes: a notice leads to the demand, published, with its public page.
    diagnosis.diagnose(demand, decision="approve", by=broker, technical_advancement=4)
    publication.publish(demand, by=broker)
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name=re.compile("通知")).click()
    page.locator("ul.notifications a", has_text="已发布").first.click()
    expect(page.locator(".lede")).to_contain_text("已发布")
    page.locator(".publication-panel").get_by_role("link", name="中文").click()
    expect(page.locator("main h1")).to_contain_text(TITLE)
    expect(page.locator("main")).to_contain_text(COMPANY)
    page.screenshot(path=screenshot_path("journey-enterprise-3-published"), full_page=True)

    # Two providers answer. The home counts them; the enterprise reads each, shortlists one, declines one.
    lab = make_provider(organiser, name="江南理工大学薄膜材料研究所", contact_email="lab@jiangnan.example")
    rival = make_provider(organiser, name="常州膜科技有限公司", contact_email="sales@cz.example")
    chosen = solutions.create_solution(
        demand, lab.organisation, solution_values(demand) | {"title": "交联型聚酰亚胺薄膜"}, by=lab
    )
    solutions.add_attachment(chosen, pdf("技术方案.pdf", PDF), by=lab)
    solutions.submit_solution(chosen, by=lab)
    other = solutions.create_solution(
        demand, rival.organisation, solution_values(demand) | {"title": "改性聚酯薄膜"}, by=rival
    )
    solutions.submit_solution(other, by=rival)
    _home(page)
    line = _waiting(page, "待答复的解决方案")
    expect(line.locator(".count")).to_have_text("2")
    line.get_by_role("link").click()
    expect(page.locator("table.solutions tbody tr")).to_have_count(2)
    page.get_by_role("link", name="交联型聚酰亚胺薄膜").click()
    expect(page.locator(".status-panel")).to_contain_text("已提交")
    expect(page.locator("ul.files")).to_contain_text("技术方案.pdf")
    page.locator("textarea[name=message]").fill("请提供样品的热收缩检测报告。")
    page.get_by_role("button", name="入围").click()
    expect(page.locator(".status-panel")).to_contain_text("已入围")
    page.go_back()
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="解决方案").click()
    page.get_by_role("link", name="改性聚酯薄膜").click()
    page.locator("select[name=reason]").select_option(label="费用超出预算")
    page.get_by_role("button", name="不采纳", exact=True).click()
    expect(page.locator(".status-panel")).to_contain_text("费用超出预算")
    page.screenshot(path=screenshot_path("journey-enterprise-4-declined"), full_page=True)

    # A matchmaking event opens: the enterprise registers (报名) with its demand.
    event = events.create_event(
        campaign,
        kind="regional",
        subject=campaign.districts.get(code="xiangcheng"),
        date=today,
        venue="相城区会议中心",
        organising_unit="相城区科学技术局",
        tables=4,
        slots=6,
        first_slot_at=dt.time(9, 0),
        registration_deadline=timezone.now() + dt.timedelta(hours=6),
        by=organiser,
    )
    event = events.set_event_state(event, EventState.OPEN, by=organiser)
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="供需对接会").click()
    page.get_by_role("link", name=event.name).click()
    page.get_by_role("link", name="报名参加").click()
    page.get_by_label(re.compile(TITLE)).check()
    page.locator("form.card button[type=submit]").click()
    expect(page.get_by_role("main")).to_contain_text("您已报名参加本场对接会。")

    # The provider asks for a meeting: the home leads to the request, the enterprise accepts it.
    mine = events.register(event, user, demands=[demand])
    theirs = events.register(event, lab)
    events.request_meeting(theirs, mine, note="希望当面介绍交联工艺。", by=lab)
    _home(page)
    line = _waiting(page, "待答复的洽谈邀约")
    expect(line.locator(".count")).to_have_text("1")
    line.get_by_role("link").click()
    received = page.locator("table.received")
    expect(received).to_contain_text("江南理工大学薄膜材料研究所")
    expect(received).to_contain_text("希望当面介绍交联工艺。")
    received.get_by_role("button", name="接受").click()
    expect(received).to_contain_text("已接受")
    scheduling.schedule(event, by=organiser)
    page.get_by_role("link", name="我的日程").click()
    expect(page.locator("table.agenda tr.meeting")).to_have_count(1)
    expect(page.locator("table.agenda tr.meeting")).to_contain_text("江南理工大学薄膜材料研究所")

    # The final scores the shortlisted solution; the home then asks the enterprise to confirm the best one.
    final = judging.create_round(campaign, stage=Stage.FINAL, name="需求挑战赛决赛", by=organiser)
    entry = judging.add_entry(final, demand=demand, solution=chosen, by=organiser)
    judges = [make_judge(kind=kind) for kind in ("technical", "tech_transfer", "finance")]
    for judge in judges:
        judging.invite(final, judge, by=organiser)
    judging.set_round_state(final, RoundState.OPEN, by=organiser)
    judging.set_entry_state(entry, EntryState.SCORING, by=organiser)
    for judge in judges:
        for criterion in ("completeness", "feasibility", "fit"):
            scoring.save_score(entry, judge=judge, criterion=criterion, value=8)
    judging.set_entry_state(entry, EntryState.CLOSED, by=organiser)
    _home(page)
    line = _waiting(page, "决赛后待确认的最佳解决方案")
    expect(line.locator(".count")).to_have_text("1")
    line.get_by_role("link").click()
    expect(page.locator("main h1")).to_have_text("确认最佳解决方案")
    expect(page.locator(f"input[name=solution][value='{chosen.pk}']")).to_be_checked()
    page.locator("form.decide-form button[type=submit]").click()
    expect(page.locator(".decision-made .confirmed")).to_contain_text("交联型聚酰亚胺薄膜")
    page.screenshot(path=screenshot_path("journey-enterprise-5-decided"), full_page=True)

    # The contract is signed: the enterprise registers it, records the R&D payment and applies.
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="技术合同").click()
    page.get_by_role("link", name="登记合同").click()
    _choose(page, "demand", demand.reference)
    _choose(page, "solution", "交联型聚酰亚胺薄膜")
    page.locator("input[name=number]").fill("HT-2026-0088")
    page.locator("input[name=amount_yuan]").fill("800000")
    page.locator("input[name=signed_on]").fill(today.isoformat())
    page.locator("form.card button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("已登记")
    page.locator("input[name=amount_yuan]").fill("300000")
    page.locator("input[name=paid_on]").fill(today.isoformat())
    page.get_by_role("button", name="登记支付").click()
    expect(page.locator("table.payments tbody")).to_contain_text("300000.00")
    page.get_by_role("button", name="申请补助").click()
    expect(page.locator(".messages")).to_contain_text("已提交")
    page.screenshot(path=screenshot_path("journey-enterprise"), full_page=True)
    assert page.csp_violations == []
    search.reset()
