"""The organiser's journey in a Chinese browser, from the log-in page to the last step of an edition: the
demo organiser's home (工作台) shows what waits — two providers to verify, a subsidy application to review,
a final that cannot open (no judge yet) and a stage ending this week; it verifies a provider, creates a
matchmaking event and opens it for registration, schedules the meeting the two sides agreed, puts three
judges on the final's panel and runs its scoring, confirms the best-solution award, then reviews the
subsidy application through to payment and downloads the approved subsidies for the finance bureau. Each
step is reached from the home, the menu or the page before, as a new user would; the other roles' steps
(registering, meeting requests, scores, the best-solution choice, the contract) are done by their services
in between."""

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from innochallenge.accounts.models import User
from innochallenge.awards.models import Winner
from innochallenge.contracts import services as contracts
from innochallenge.contracts import subsidies
from innochallenge.contracts.models import SubsidyApplication
from innochallenge.demands.models import Demand
from innochallenge.events import services as events
from innochallenge.events.models import Event, Meeting
from innochallenge.judging import results, scoring
from innochallenge.judging import services as judging
from innochallenge.judging.enums import Stage
from innochallenge.judging.models import Entry
from innochallenge.publication import search
from innochallenge.site.demo import set_up_demo
from innochallenge.solutions.models import ProviderProfile, Solution
from tests.browser.signin import signed_in
from tests.judging.conftest import make_judge
from tests.solutions.conftest import make_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ENTERPRISE = "苏州示例精密机械有限公司"  # the demo enterprise
PROVIDER = "示例理工大学技术转移中心"  # the demo provider, verified by the demo data
LAB = "江南理工大学薄膜材料研究所"
OTHER = "常州膜科技有限公司"
FINAL = "需求挑战赛决赛"
CONTRACT = "HT-2026-0088"


def _waiting(page, label):
    """The line of the home that names `label`."""
    return page.locator("ul.waiting li", has_text=label)


def _home(page):
    """Back to the home through the menu's first entry."""
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="工作台").click()
    expect(page.locator("main h1").first).to_have_text("工作台 · 主办方管理员")


def _choose(page, name: str, text: str) -> None:
    """Pick the option of a select that reads `text`, as a person picks it by what it says."""
    option = page.locator(f"select[name={name}] option", has_text=text)
    page.locator(f"select[name={name}]").select_option(label=option.inner_text().strip())


def _menu(page, group: str, item: str) -> None:
    """Open a group of the main menu and follow one of its entries."""
    menu = page.get_by_role("navigation", name="主菜单")
    menu.locator("summary", has_text=group).click()
    menu.get_by_role("link", name=item, exact=True).click()


def test_the_organiser_goes_from_log_in_to_the_paid_subsidy(live_server, browser, screenshot_path):
    search.reset()
    today = timezone.localdate()
    campaign = set_up_demo(today=today)
    organiser = User.objects.get(username="organiser")
    enterprise = User.objects.get(username="enterprise")
    demand = Demand.objects.get(campaign=campaign, organisation__name=ENTERPRISE, status="published")
    solution = Solution.objects.get(demand=demand, provider__name=PROVIDER)

    # What waits for the organiser this morning: two providers registered and not verified yet...
    lab = make_provider(organiser, verified=False, name=LAB, contact_email="lab@jiangnan.example")
    make_provider(organiser, verified=False, name=OTHER, contact_email="sales@cz.example")
    # ... the final, prepared with its one entry but no judge on the panel yet ...
    final = judging.create_round(campaign, stage=Stage.FINAL, name=FINAL, by=organiser)
    entry = judging.add_entry(final, demand=demand, solution=solution, by=organiser)
    # ... a subsidy application: the enterprise signed with the provider, paid 300 000 of R&D, applied ...
    contract = contracts.register_contract(
        campaign,
        demand=demand,
        solution=solution,
        number=CONTRACT,
        amount_yuan="800000",
        signed_on=today,
        by=enterprise,
    )
    contracts.add_payment(contract, amount_yuan="300000", paid_on=today, by=enterprise)
    subsidies.apply(contract, by=enterprise)
    # ... and demand collection, extended by the bureau earlier, now ends in three days.
    ends = today + dt.timedelta(days=3)
    campaign.windows.filter(stage="collection").update(ends_on=ends)
    url = live_server.url

    # Log-in page → home: each line counts what was arranged, the stage's last day beside its name.
    page = signed_in(browser, url, "organiser")
    expect(page.locator("main h1").first).to_have_text("工作台 · 主办方管理员")
    expect(_waiting(page, "待审核的方案提供方").locator(".count")).to_have_text("2")
    expect(_waiting(page, "待审核的补助申请").locator(".count")).to_have_text("1")
    expect(_waiting(page, "尚不能开启的评审场次").locator(".count")).to_have_text("1")
    deadlines = _waiting(page, "本周截止的阶段")
    expect(deadlines.locator(".count")).to_have_text("1")
    expect(deadlines.locator(".detail")).to_have_text(f"技术需求征集 {ends:%m-%d}")
    page.screenshot(path=screenshot_path("journey-organiser-0-home"), full_page=True)

    # The providers waiting: the organiser verifies the institute; it leaves the list, the other stays.
    _waiting(page, "待审核的方案提供方").get_by_role("link").click()
    expect(page.locator("main h1")).to_have_text("解决方案提供方")
    expect(page.locator(".filters a[aria-current=page]")).to_have_text("待核验")
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(2)
    row = rows.filter(has_text=LAB)
    expect(row).to_contain_text("lab@jiangnan.example")
    expect(row).to_contain_text("待核验")
    row.locator("input[name=note]").fill("已核对单位资质。")
    row.get_by_role("button", name="通过核验").click()
    expect(page.locator(".messages")).to_contain_text(f"{LAB}：已核验。")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(OTHER)
    assert ProviderProfile.objects.get(organisation=lab.organisation).status == "verified"
    _home(page)
    expect(_waiting(page, "待审核的方案提供方").locator(".count")).to_have_text("1")

    # A matchmaking event for Xiangcheng: created as a draft, then opened for registration.
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="供需对接会").click()
    page.get_by_role("link", name="新建对接会").click()
    expect(page.locator("main h1")).to_have_text("新建对接会")
    page.locator("select[name=kind]").select_option(label="地区专场")
    _choose(page, "district", "相城区")
    page.locator("input[name=organising_unit]").fill("相城区科学技术局")
    page.locator("input[name=date]").fill((today + dt.timedelta(days=14)).isoformat())
    page.locator("input[name=venue]").fill("相城区会议中心")
    page.locator("input[name=tables]").fill("4")
    page.locator("input[name=slots]").fill("6")
    deadline = today + dt.timedelta(days=7)
    page.locator("input[name=registration_deadline]").fill(f"{deadline.isoformat()}T17:00")
    page.get_by_role("button", name="创建对接会").click()
    expect(page.locator(".messages")).to_contain_text("对接会已创建为草稿，请开放报名。")
    event = Event.objects.get(campaign=campaign)
    expect(page.locator("main h1")).to_have_text(event.display_name)
    expect(page.locator(".facts")).to_contain_text("相城区会议中心")
    expect(page.locator(".facts")).to_contain_text(f"{deadline.isoformat()} 17:00")
    expect(page.locator(".facts .event-state-draft")).to_have_text("草稿")
    page.get_by_role("button", name="开放报名").click()
    expect(page.locator(".facts .event-state-open")).to_be_visible()

    # The enterprise registers with its demand, the verified institute registers and asks for a meeting,
    # the enterprise accepts: the organiser sees the figures, schedules, and finds the meeting on the plan.
    event.refresh_from_db()
    assert event.state == "open"
    mine = events.register(event, enterprise, demands=[demand])
    theirs = events.register(event, lab)
    request = events.request_meeting(theirs, mine, note="希望当面介绍精密传动方案。", by=lab)
    events.answer_request(request, accept=True, by=enterprise)
    page.reload()
    expect(page.get_by_role("main")).to_contain_text("报名 2 家，洽谈邀约 1 个，已排定洽谈 0 场。")
    page.get_by_role("main").get_by_role("link", name="洽谈桌安排").last.click()
    expect(page.locator("main h1")).to_have_text("洽谈桌安排")
    expect(page.locator("table.registrations tbody tr")).to_have_count(2)
    page.get_by_role("button", name="排定洽谈").click()
    expect(page.locator(".messages")).to_contain_text("洽谈已排定。")
    expect(page.locator(".schedule-result")).to_contain_text("洽谈已排定")
    meeting = page.locator("table.plan td.meeting")
    expect(meeting).to_have_count(1)
    expect(meeting).to_contain_text(LAB)
    expect(meeting).to_contain_text(ENTERPRISE)
    scheduled = Meeting.objects.get(event=event)
    assert scheduled.state == "scheduled"
    expect(page.locator("table.plan tbody tr", has_text=f"{scheduled.starts_at:%H:%M}")).to_contain_text(LAB)
    page.screenshot(path=screenshot_path("journey-organiser-1-plan"), full_page=True)

    # The final that cannot open: the home leads to it; the page says why; three judges join its panel.
    _home(page)
    _waiting(page, "尚不能开启的评审场次").get_by_role("link").click()
    expect(page.locator("main h1")).to_have_text(FINAL)
    expect(page.locator(".lede")).to_contain_text("现场决赛 · 筹备中")
    expect(page.locator(".short-of-judges")).to_contain_text(f"{entry.code}：无利益冲突的评委 0 位")
    judges = [make_judge(kind=kind) for kind in ("technical", "tech_transfer", "finance")]
    page.reload()
    for judge in judges:
        page.locator("select[name=judge]").select_option(
            label=f"{judge.first_name}（{judge.judge_profile.affiliation}）"
        )
        page.get_by_role("button", name="邀请", exact=True).click()
        joined = f"{judge.first_name} 已加入评审组；未发现利益冲突。"
        expect(page.locator(".messages")).to_contain_text(joined)
    expect(page.locator(".short-of-judges")).to_have_count(0)
    page.get_by_role("button", name="开启评分").click()
    expect(page.locator(".messages")).to_contain_text("评审已开启：评委可以评分。")
    expect(page.locator(".lede")).to_contain_text("评分进行中")

    # The solution is presented: scoring opens, the judges score, scoring closes and the scores lock.
    page.get_by_role("button", name="开始评分").click()
    expect(page.locator(".messages")).to_contain_text(f"{entry.code} 已开始评分。")
    for judge in judges:
        for criterion in ("completeness", "feasibility", "fit"):
            scoring.save_score(entry, judge=judge, criterion=criterion, value=8)
    page.get_by_role("button", name="结束评分").click()
    expect(page.locator(".messages")).to_contain_text(f"{entry.code} 评分已结束，分数已锁定。")
    expect(page.locator("table.judging-panel .entry-state-closed")).to_have_text("已结束")
    assert Entry.objects.get(pk=entry.pk).state == "closed"

    # The enterprise confirms the best solution; the organiser confirms it for the Best Solution Award.
    results.decide(final, demand, solution=solution, by=enterprise)
    _menu(page, "奖励", "奖项评选")
    expect(page.locator("main h1")).to_have_text("奖项评选")
    award = page.locator("#award-best-solution")
    expect(award.locator("h2")).to_have_text("最佳解决方案奖")
    expect(award.locator("table.winners")).to_contain_text("尚未确认获奖者。")
    nominee = award.locator("table.nominees tbody tr", has_text=solution.title)
    expect(nominee).to_contain_text(f"{PROVIDER} · {solution.title}")
    expect(nominee).to_contain_text("专家平均分 24.0")
    nominee.get_by_role("button", name="确认").click()
    expect(page.locator(".messages")).to_contain_text(
        f"已确认 {PROVIDER} · {solution.title} 获得“最佳解决方案奖”。"
    )
    award = page.locator("#award-best-solution")
    expect(award.locator(".lede")).to_contain_text("已确认 1 / 10")
    winner = award.locator("table.winners tbody tr")
    expect(winner.locator("td").first).to_have_text(PROVIDER)
    expect(winner).to_contain_text(f"被需求方确认为 {demand.reference} {demand.title} 的最佳解决方案")
    expect(winner).to_contain_text(today.isoformat())
    expect(winner.get_by_role("link", name="证书（PDF）")).to_be_visible()
    expect(award.locator("table.nominees")).not_to_contain_text(solution.title)
    assert Winner.objects.get(category__code="best-solution").solution_id == solution.pk
    page.screenshot(path=screenshot_path("journey-organiser-2-award"), full_page=True)

    # The subsidy: reviewed, approved and paid, 30% of the R&D paid; the budget follows each step.
    _home(page)
    _waiting(page, "待审核的补助申请").get_by_role("link").click()
    expect(page.locator("main h1")).to_have_text("补助申请")
    expect(page.locator(".lede")).to_contain_text("按已付研发费用的 30% 计，每个项目最高 500000 元")
    row = page.locator("table.subsidies tbody tr", has_text=CONTRACT)
    expect(row).to_contain_text(ENTERPRISE)
    expect(row).to_contain_text("相城区")
    expect(row.locator("td.num")).to_have_text(["300000.00", "90000.00"])
    expect(row.locator(".subsidy-state-applied")).to_have_text("已申请")
    expect(page.locator(".subsidy-budget")).to_contain_text("90000.00")
    row.get_by_role("button", name="开始审核").click()
    expect(page.locator(".messages")).to_contain_text("补助申请已更新。")
    expect(row.locator(".subsidy-state-under_review")).to_have_text("审核中")
    row.get_by_role("button", name="批准", exact=True).click()
    expect(row.locator(".subsidy-state-approved")).to_have_text("已批准")
    row.get_by_role("button", name="确认已拨付").click()
    expect(row.locator(".subsidy-state-paid")).to_have_text("已拨付")
    expect(row.get_by_role("button")).to_have_count(0)
    budget = page.locator(".subsidy-budget dd")
    expect(budget).to_have_text(["0.00", "90000.00", "90000.00"])
    application = SubsidyApplication.objects.get(contract=contract)
    assert (application.state, str(application.amount_yuan)) == ("paid", "90000.00")
    page.screenshot(path=screenshot_path("journey-organiser-3-subsidy"), full_page=True)

    # The approved subsidies for the finance bureau: a real workbook with the contract and the amount.
    with page.expect_download() as download:
        page.get_by_role("link", name="已批准补助（.xlsx，报财政局）").click()
    assert download.value.suggested_filename == f"subsidies-{campaign.slug}.xlsx"
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"PK")  # an Office Open XML zip, not an error page
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet.title == "已批准补助"
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = rows[0]
    assert header[:2] == ["序号", "企业"] and "补助金额（元）" in header and "合同编号" in header
    line = dict(zip(header, rows[1], strict=True))
    assert line["企业"] == ENTERPRISE
    assert line["合同编号"] == CONTRACT
    assert line["补助金额（元）"] == 90000
    assert line["已付研发费用（元）"] == 300000
    assert line["状态"] == "已拨付"
    assert rows[-1][1] == "合计" and rows[-1][10] == 90000

    # Back home the subsidy no longer waits; the last provider still does.
    _home(page)
    expect(_waiting(page, "待审核的补助申请")).to_have_count(0)
    expect(page.locator(".nothing-waiting")).to_contain_text("待审核的补助申请")
    expect(_waiting(page, "尚不能开启的评审场次")).to_have_count(0)
    expect(_waiting(page, "待审核的方案提供方").locator(".count")).to_have_text("1")
    page.screenshot(path=screenshot_path("journey-organiser"), full_page=True)
    assert page.csp_violations == []
    search.reset()
