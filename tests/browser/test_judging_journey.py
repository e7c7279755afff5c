"""The final on a tablet: a judge scores three solutions as they are presented, each closes in turn, the
hall's board shows the ranking as it grows, the session closes and the demand side confirms the winner."""

import pytest
from playwright.sync_api import expect

from innochallenge.judging import scoring, services
from innochallenge.judging.enums import EntryState, RoundState, Stage
from innochallenge.judging.models import Decision
from innochallenge.publication import search
from innochallenge.solutions import services as solutions
from tests.browser.signin import signed_in
from tests.factories.accounts import PASSWORD
from tests.judging.conftest import make_judge
from tests.solutions.conftest import make_provider, published, solution_values  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLET = {"viewport": {"width": 820, "height": 1180}, "is_mobile": True, "has_touch": True}
#: The judge's scores and the other two judges' of each solution, in the order presented: the first
#: solution comes out ahead, the third last.
MINE = [(9, 8.5, 9), (7, 7.5, 6), (5, 6, 5.5)]
OTHERS = [[(8, 9, 9), (8.5, 8, 9)], [(7, 6, 7), (6, 7, 7)], [(6, 5, 5), (5, 5, 6)]]
CRITERIA = ("completeness", "feasibility", "fit")


def _login(browser, url, user, **context):
    page = signed_in(browser, url, user.username, PASSWORD, **context)
    expect(page.locator(".who")).to_be_visible()
    return page


def _final(demand, organiser):
    """Three providers answer the demand; their solutions go to a final with three experts."""
    entries_of = []
    for n in range(3):
        provider = make_provider(organiser, name_en=f"Lab {n + 1}", contact_email=f"lab{n + 1}@lab.example")
        solution = solutions.create_solution(
            demand, provider.organisation, solution_values(demand) | {"title": f"方案{n + 1}"}, by=provider
        )
        solutions.submit_solution(solution, by=provider)
        entries_of.append(solution)
    round = services.create_round(demand.campaign, stage=Stage.FINAL, name="需求挑战赛决赛", by=organiser)
    entries = [services.add_entry(round, demand=demand, solution=s, by=organiser) for s in entries_of]
    judges = [make_judge(kind=kind) for kind in ("technical", "tech_transfer", "finance")]
    for judge in judges:
        services.invite(round, judge, by=organiser)
    services.set_round_state(round, RoundState.OPEN, by=organiser)
    return round, entries, judges


def test_a_judge_scores_the_final_on_a_tablet_and_the_demand_side_confirms_the_winner(
    live_server,
    browser,
    published,  # noqa: F811  (the fixture imported above)
    organiser,
    screenshot_path,
):
    search.reset()
    round, entries, (judge, *others) = _final(published, organiser)
    url = live_server.url
    tablet = _login(browser, url, judge, **TABLET)
    hall = None

    for index, entry in enumerate(entries):
        services.set_entry_state(entry, EntryState.SCORING, by=organiser)
        tablet.goto(f"{url}/judging/{round.pk}/entries/{entry.pk}/")
        for criterion, value in zip(CRITERIA, MINE[index], strict=True):
            tablet.locator(f"#score-{criterion}").fill(str(value))
            tablet.locator(f"#score-{criterion}").press("Tab")
            expect(tablet.locator(f"#status-{criterion}.saved")).to_be_visible()
        if index == 0:
            tablet.screenshot(path=screenshot_path("judging-score"), full_page=True)
        for other, values in zip(others, OTHERS[index], strict=True):
            for criterion, value in zip(CRITERIA, values, strict=True):
                scoring.save_score(entry, judge=other, criterion=criterion, value=value)
        services.set_entry_state(entry, EntryState.CLOSED, by=organiser)
        if index == 1:
            # The hall's board opens with two solutions closed; the third appears when the board polls.
            hall = _login(browser, url, organiser)
            hall.goto(f"{url}/judging/{round.pk}/board/")
            expect(hall.locator(".board-entry")).to_have_count(2)

    expect(hall.locator(".board-entry")).to_have_count(3, timeout=12_000)
    services.set_round_state(round, RoundState.CLOSED, by=organiser)
    hall.reload()
    names = hall.locator(".board-entry .board-name")
    expect(names).to_have_count(3)
    for position, title in enumerate(("方案1", "方案2", "方案3")):
        expect(names.nth(position)).to_contain_text(title)
    expect(hall.locator(".board-now")).to_have_count(0)
    hall.screenshot(path=screenshot_path("judging-board"), full_page=True)

    hall.goto(f"{url}/judging/{round.pk}/results/")
    expect(hall.locator("table.results tbody tr.entry")).to_have_count(3)
    hall.screenshot(path=screenshot_path("judging-results"), full_page=True)

    enterprise = _login(browser, url, published.owner, **TABLET)
    enterprise.goto(f"{url}/judging/{round.pk}/decide/{published.pk}/")
    winner = entries[0].solution
    expect(enterprise.locator(f"input[name=solution][value='{winner.pk}']")).to_be_checked()
    enterprise.locator("form.decide-form button[type=submit]").click()
    expect(enterprise.locator(".decision-made .confirmed")).to_contain_text("方案1")
    enterprise.screenshot(path=screenshot_path("judging-decide"), full_page=True)

    decision = Decision.objects.get(round=round, demand=published)
    assert (decision.confirmed, decision.recommended, decision.confirmed_by) == (
        winner,
        winner,
        published.owner,
    )
    assert tablet.csp_violations == hall.csp_violations == enterprise.csp_violations == []
    search.reset()
