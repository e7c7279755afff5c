"""The judge's journey in a Chinese browser, from the log-in page to a saved score: the demo judge, invited to
the final before declaring anything, finds on its home (工作台) the declaration of interests to sign and no
entry yet (entries show once conflicts are known); it signs the declaration (an affiliation with no tie to
any party, so no conflict), the home then leads it straight to the entry being presented, it scores each
criterion, sees each one saved, and finds the scores again when it comes back. The organiser's steps (the
final, its panel, opening the entry) are done by the services before the judge signs in."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from innochallenge.accounts.models import User
from innochallenge.judging import services as judging
from innochallenge.judging.enums import EntryState, RoundState, Stage
from innochallenge.judging.models import Conflict, JudgeProfile, Score
from innochallenge.publication import search
from innochallenge.site.demo import set_up_demo
from innochallenge.solutions.models import Solution
from tests.browser.signin import signed_in
from tests.judging.conftest import make_judge

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: criterion code → (its Chinese name, the judge's score)
SCORES = {
    "completeness": ("完整性", "8.5"),
    "feasibility": ("可行性", "9"),
    "fit": ("与企业需求的契合度", "7.5"),
}
AFFILIATION = "苏州大学机电工程学院"


def _waiting(page, label):
    """The line of the home that names `label`."""
    return page.locator("ul.waiting li", has_text=label)


def _home(page):
    """Back to the home through the menu's first entry."""
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="工作台").click()
    expect(page.locator("main h1").first).to_have_text("工作台 · 评委 / 专家")


def test_the_judge_goes_from_log_in_to_a_saved_score(live_server, browser, screenshot_path):
    search.reset()
    campaign = set_up_demo(today=timezone.localdate())
    organiser = User.objects.get(username="organiser")
    judge = User.objects.get(username="judge")
    solution = Solution.objects.get(demand__campaign=campaign, status="submitted")
    final = judging.create_round(campaign, stage=Stage.FINAL, name="需求挑战赛决赛", by=organiser)
    entry = judging.add_entry(final, demand=solution.demand, solution=solution, by=organiser)
    for other in [make_judge(kind=kind) for kind in ("technical", "tech_transfer", "finance")]:
        judging.invite(final, other, by=organiser)
    judging.invite(final, judge, by=organiser)
    judging.set_round_state(final, RoundState.OPEN, by=organiser)
    judging.set_entry_state(entry, EntryState.SCORING, by=organiser)
    url = live_server.url

    # Log-in page → home: the declaration of interests to sign first; no entry shows before it.
    page = signed_in(browser, url, "judge")
    expect(page.locator("main h1").first).to_have_text("工作台 · 评委 / 专家")
    expect(_waiting(page, "待评分的参评项目")).to_have_count(0)
    line = _waiting(page, "待签署的利益关系申报")
    expect(line.locator(".count")).to_have_text("1")
    page.screenshot(path=screenshot_path("journey-judge-0-home"), full_page=True)

    # The declaration: whom the judge works for, none of the entry's parties; saved, conflicts rechecked.
    line.get_by_role("link").click()
    expect(page.locator("main h1")).to_have_text("利益关系申报")
    page.get_by_label("评委类别").select_option(label="技术专家")
    page.get_by_label("任职单位：", exact=True).fill(AFFILIATION)
    page.get_by_label("曾任职单位（每行一个）").fill("上海交通大学机械与动力工程学院")
    page.get_by_label("利益关系（每行一个单位或个人）").fill("")
    page.get_by_role("button", name="保存申报").click()
    expect(page.locator(".messages")).to_contain_text("申报已保存；已重新检查您的利益冲突。")
    expect(page.locator("main h1")).to_have_text("评审")
    today = timezone.localdate().isoformat()
    expect(page.locator("main .card").first).to_contain_text(f"您已于 {today} 申报利益关系。")
    expect(page.locator("table.judging-rounds tbody")).to_contain_text("需求挑战赛决赛")
    profile = JudgeProfile.objects.get(user=judge)
    assert (profile.affiliation, profile.kind) == (AFFILIATION, "technical") and profile.declared_at
    assert not Conflict.objects.filter(judge=judge).exists()

    # The home: the declaration is signed; its one entry to score opens the entry being presented.
    _home(page)
    expect(_waiting(page, "待签署的利益关系申报")).to_have_count(0)
    line = _waiting(page, "待评分的参评项目")
    expect(line.locator(".count")).to_have_text("1")
    line.get_by_role("link").click()
    expect(page.locator("main h1")).to_have_text(f"{entry.code} {solution.title}")
    expect(page.locator(".lede")).to_contain_text("现场决赛 · 评分中")
    expect(page.locator(".judging-demand")).to_contain_text(solution.demand.title)
    expect(page.get_by_role("heading", name="您的评分")).to_be_visible()

    # Each criterion is saved as the judge leaves the field.
    for code, (label, value) in SCORES.items():
        field = page.get_by_label(label)
        expect(page.locator(f"label[for=score-{code}]")).to_contain_text("0 至 10")
        field.fill(value)
        field.press("Tab")
        expect(page.locator(f"#status-{code}")).to_have_text("已保存")
    page.screenshot(path=screenshot_path("journey-judge-1-scored"), full_page=True)
    saved = dict(Score.objects.filter(entry=entry, judge=judge).values_list("criterion", "value"))
    assert {code: str(value.normalize()) for code, value in saved.items()} == {
        code: value for code, (_label, value) in SCORES.items()
    }

    # Back home nothing waits; the entry, opened again from the session, shows the scores as saved.
    _home(page)
    expect(page.locator(".nothing-waiting")).to_contain_text("暂无待办")
    expect(_waiting(page, "待评分的参评项目")).to_have_count(0)
    menu = page.get_by_role("navigation", name="主菜单")
    menu.locator("summary", has_text="评审").click()
    menu.get_by_role("link", name="评审", exact=True).click()
    page.get_by_role("link", name="需求挑战赛决赛").click()
    page.get_by_role("link", name=f"{entry.code} {solution.demand.title} · {solution.title}").click()
    for code, (_label, value) in SCORES.items():
        expect(page.locator(f"#score-{code}")).to_have_value(value)
    page.screenshot(path=screenshot_path("journey-judge"), full_page=True)
    assert page.csp_violations == []
    search.reset()
