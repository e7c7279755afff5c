"""The solution provider's journey in a Chinese browser, from the log-in page to its agenda at a matchmaking
event: the verified demo provider signs in, its home (工作台) has nothing waiting, it finds a published demand
in the public catalog by searching, answers it with a solution and a PDF, answers the enterprise's question
the home points to, registers (报名) for the district's matchmaking event, asks the enterprise for a meeting,
and after the organiser schedules finds the meeting in its agenda, reached from the home. The other roles'
steps (the enterprise's question and its acceptance, the organiser opening and scheduling the event) are
done by their services in between."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from innochallenge.accounts.enums import Role
from innochallenge.accounts.models import User
from innochallenge.demands.models import Demand
from innochallenge.events import scheduling
from innochallenge.events import services as events
from innochallenge.events.enums import EventState
from innochallenge.events.models import Meeting, MeetingRequest
from innochallenge.publication import search
from innochallenge.site.demo import set_up_demo
from innochallenge.solutions import services as solutions
from innochallenge.solutions.models import Solution
from tests.browser.signin import signed_in
from tests.factories.accounts import UserFactory
from tests.solutions.conftest import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMAND = "车规级高功率LED封装可靠性提升"
PROVIDER = "示例理工大学技术转移中心"
TITLE = "低应力高导热固晶材料与封装工艺改进"
QUESTION = "请说明温度循环试验的样品数量和失效判据。"
ANSWER = "每组22只样品，按AEC-Q102执行；光衰超过5%或焊点开裂即判为失效。"


def _waiting(page, label):
    """The line of the home that names `label`."""
    return page.locator("ul.waiting li", has_text=label)


def _home(page):
    """Back to the home through the menu's first entry."""
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="工作台").click()
    expect(page.locator("main h1").first).to_have_text("工作台 · 解决方案提供方")


def test_the_provider_goes_from_log_in_to_its_agenda(live_server, browser, screenshot_path):
    search.reset()
    today = timezone.localdate()
    campaign = set_up_demo(today=today)
    organiser = User.objects.get(username="organiser")
    demand = Demand.objects.get(campaign=campaign, title=DEMAND)
    enterprise = UserFactory(role=Role.ENTERPRISE, first_name="周敏", organisation=demand.organisation)
    url = live_server.url

    # Log-in page → home: the verified provider has nothing waiting yet.
    page = signed_in(browser, url, "provider")
    expect(page.locator("main h1").first).to_have_text("工作台 · 解决方案提供方")
    expect(page.locator(".nothing-waiting")).to_contain_text("暂无待办")
    expect(page.locator(".nothing-waiting")).to_contain_text("企业的提问")
    page.screenshot(path=screenshot_path("journey-provider-0-home"), full_page=True)

    # The public catalog: a search finds the demand, whose page offers to answer it.
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="已发布需求").click()
    expect(page.locator("main h1")).to_have_text("征集解决方案的技术需求")
    page.get_by_label("搜索").fill("LED封装")
    page.get_by_role("button", name="查找").click()
    cards = page.locator("ol.catalog li.demand-card")
    expect(cards).to_have_count(1)
    expect(cards.first.locator(".meta")).to_contain_text(demand.reference)
    cards.first.get_by_role("link").click()
    expect(page.locator("main h1")).to_have_text(DEMAND)
    page.get_by_role("link", name="响应该需求").click()

    # The solution: a draft first, the PDF added, then handed in.
    expect(page.locator("main h1")).to_have_text("新建解决方案")
    page.get_by_label("方案名称").fill(TITLE)
    page.get_by_label("方案概要").fill("以低模量高导热固晶胶降低温度循环中的焊点应力，并优化回流焊曲线。")
    page.get_by_label("技术路线").fill("固晶胶配方筛选；芯片与支架界面应力仿真；回流焊曲线优化；可靠性验证。")
    page.get_by_label("预期指标").fill("1000次-40℃至125℃循环后光衰≤3%（目标5%）；焊点无开裂。")
    page.get_by_label("实施周期").fill("4个月完成配方与工艺验证，8个月完成AEC-Q102全项试验。")
    page.get_by_label("费用估算（万元）").fill("180")
    page.get_by_label("建议的合作方式").select_option(label="合作开发")
    page.get_by_label("团队").fill("封装材料课题组：2名教授、4名博士。")
    page.get_by_label("知识产权：", exact=True).select_option(label="已授权专利")
    page.get_by_label("知识产权说明").fill("发明专利1项（低应力固晶胶）。")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.locator(".messages")).to_contain_text("草稿已保存。请添加附件后提交。")
    expect(page.locator("main h1")).to_have_text(TITLE)
    expect(page.locator(".status-panel")).to_contain_text("草稿")
    page.get_by_label("添加文件").set_input_files(
        files=[{"name": "技术方案.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="上传").click()
    expect(page.locator(".messages")).to_contain_text("文件已添加。")
    expect(page.locator("ul.files")).to_contain_text("技术方案.pdf")
    page.get_by_role("button", name="提交解决方案").click()
    expect(page.locator(".messages")).to_contain_text("已提交，已通知企业。")
    expect(page.locator(".status-panel")).to_contain_text("已提交")
    expect(page.locator(".status-panel")).to_contain_text("预计答复日期")
    page.screenshot(path=screenshot_path("journey-provider-1-submitted"), full_page=True)
    solution = Solution.objects.get(demand=demand, provider__name=PROVIDER)
    assert solution.status == "submitted" and solution.attachments.count() == 1

    # The enterprise asks a question: the home counts it and leads to the solution, where it is answered.
    solutions.post_message(solution, QUESTION, by=enterprise)
    _home(page)
    line = _waiting(page, "企业的提问")
    expect(line.locator(".count")).to_have_text("1")
    line.get_by_role("link").click()
    expect(page.locator("main h1")).to_have_text(TITLE)
    thread = page.locator(".thread")
    expect(thread.locator(".message.side-enterprise")).to_contain_text(QUESTION)
    thread.get_by_label("信息").fill(ANSWER)
    thread.get_by_role("button", name="发送").click()
    expect(thread.locator(".message.side-provider")).to_contain_text(ANSWER)
    expect(thread.locator(".message.side-provider .meta")).to_contain_text("方案提供方")
    _home(page)
    expect(_waiting(page, "企业的提问")).to_have_count(0)

    # A matchmaking event of the demand's district opens; the enterprise registers with its demand.
    event = events.create_event(
        campaign,
        kind="regional",
        subject=campaign.districts.get(code="kunshan"),
        date=today + dt.timedelta(days=20),
        venue="昆山市科技会堂",
        organising_unit="昆山市科学技术局",
        tables=4,
        slots=6,
        first_slot_at=dt.time(9, 0),
        registration_deadline=timezone.now() + dt.timedelta(days=10),
        by=organiser,
    )
    event = events.set_event_state(event, EventState.OPEN, by=organiser)
    mine = events.register(event, enterprise, demands=[demand])

    # The provider registers (报名) and asks the enterprise for a meeting.
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="供需对接会").click()
    page.get_by_role("link", name=event.name).click()
    expect(page.locator("main h1")).to_have_text(event.display_name)
    page.get_by_role("link", name="报名参加本场对接会").click()
    expect(page.locator("main h1")).to_have_text("报名参加本场对接会")
    page.locator("form.card").get_by_role("button", name="报名").click()
    expect(page.locator(".messages")).to_contain_text("您已报名参加本场对接会。")
    expect(page.locator("main h1")).to_have_text("参会单位")
    card = page.locator(".participant", has_text=DEMAND)
    expect(card).to_have_count(1)
    card.get_by_label("优先级").select_option(label="必须见面")
    card.get_by_label("留言").fill("我们有AEC-Q102温度循环的成熟方案，希望面谈。")
    card.get_by_role("button", name="邀约洽谈").click()
    expect(page.locator(".messages")).to_contain_text("邀约已发出。")
    expect(card.locator(".request-state")).to_contain_text("您已发起邀约 · 必须见面 · 待答复")

    # The enterprise accepts, the organiser schedules: the home points to the agenda, which shows it.
    request = MeetingRequest.objects.get(event=event, recipient=mine)
    events.answer_request(request, accept=True, by=enterprise)
    scheduling.schedule(event, by=organiser)
    meeting = Meeting.objects.get(event=event)
    _home(page)
    line = _waiting(page, "日程中的洽谈")
    expect(line.locator(".count")).to_have_text("1")
    line.get_by_role("link").click()
    expect(page.locator("main h1")).to_have_text(f"{PROVIDER}的洽谈日程")
    row = page.locator("table.agenda tr.meeting")
    expect(row).to_have_count(1)
    expect(row.locator(".time")).to_have_text(f"{meeting.starts_at:%H:%M}–{meeting.ends_at:%H:%M}")
    expect(row.locator(".table-number")).to_contain_text(str(meeting.table_number))
    expect(row).to_contain_text(DEMAND)
    expect(row.locator(".with")).not_to_be_empty()
    page.screenshot(path=screenshot_path("journey-provider"), full_page=True)
    assert page.csp_violations == []
    search.reset()
