"""The results page (blind until closing, three methods side by side), the hall's board, the demand
side's decision and paper score sheets, each with its access matrix."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from innochallenge.judging import services
from innochallenge.judging.enums import EntryState, RoundState, Stage
from innochallenge.judging.models import Decision, Round, Score
from tests.factories.accounts import UserFactory
from tests.judging.conftest import make_judge, run_final, score_all

STRONG = {"completeness": 9, "feasibility": 9, "fit": 9}
WEAK = {"completeness": 5, "feasibility": 6, "fit": 5}
SPECIAL = {"funding": 8, "innovation": 7, "completeness": 9, "clarity": 6, "representativeness": 7}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _scored(final, *, close=True):
    """Both solutions scored and closed, the strong one first; the session closed when `close`."""
    run_final(final, {0: [STRONG] * 4, 1: [WEAK] * 4})
    if close:
        services.set_round_state(final.round, RoundState.CLOSED, by=final.world.organiser)


def _users(final) -> dict:
    return {
        "organiser": final.world.organiser,
        "panel judge": final.judges[0],
        "other judge": make_judge(),
        "the enterprise": final.world.owner,
        "another enterprise": UserFactory(role="enterprise"),
    }


def _sheet(tmp_path, rows) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    book.active.append(["评委", "项目", "评分项", "分数"])
    for row in rows:
        book.active.append(list(row))
    path = tmp_path / "scores.xlsx"
    book.save(path)
    return SimpleUploadedFile("scores.xlsx", path.read_bytes(), content_type=XLSX)


# --- results -----------------------------------------------------------------------------------------------


def test_results_are_forbidden_before_the_session_closes(final, client_of):
    _scored(final, close=False)
    url = f"/judging/{final.round.pk}/results/"
    for user in (final.world.organiser, final.judges[0]):
        assert client_of(user).get(url).status_code == 403
    services.set_round_state(final.round, RoundState.CLOSED, by=final.world.organiser)
    for user in (final.world.organiser, final.judges[0]):
        assert client_of(user).get(url).status_code == 200


def test_results_show_the_three_methods_and_the_demand_sides_seat(final, client_of):
    _scored(final)
    page = client_of(final.world.organiser).get(f"/judging/{final.round.pk}/results/")
    html = page.content.decode()

    for method in ("mean", "trimmed_mean", "zscore"):
        assert f'class="method-{method}' in html
    assert 'class="method-zscore ranking-method"' in html  # hs2021 ranks by z-score
    (group,) = page.context["groups"]
    assert [row["entry"] for row in group["rows"]] == final.entries
    assert [[c["rank"] for c in row["cells"]] for row in group["rows"]] == [[1, 1, 1], [2, 2, 2]]
    assert group["rows"][0]["cells"][0]["judges"] == 4
    assert group["recommended"] == final.world.solution
    assert group["demand_side"] == [final.demand_side]
    assert 'class="demand-side-seat"' in html
    assert "<svg" in html and "style=" not in html


def test_results_show_the_demand_sides_choice_and_its_reason(final, client_of):
    from innochallenge.judging import results

    _scored(final)
    world = final.world
    results.decide(
        final.round, world.demand, solution=world.rival_solution, reason="交付更快", by=world.owner
    )
    page = client_of(world.organiser).get(f"/judging/{final.round.pk}/results/")
    assert page.context["groups"][0]["decision"].confirmed == world.rival_solution
    assert "交付更快" in page.content.decode()


def test_the_special_competition_marks_its_finalists_and_creates_the_final(contest, client_of):
    world = contest.world
    services.set_round_state(contest.round, RoundState.OPEN, by=world.organiser)
    for judge in contest.judges:
        score_all(contest.entry, judge, SPECIAL)
    services.set_round_state(contest.round, RoundState.CLOSED, by=world.organiser)
    client = client_of(world.organiser)

    page = client.get(f"/judging/{contest.round.pk}/results/")
    assert [row["finalist"] for row in page.context["groups"][0]["rows"]] == [True]
    assert 'class="card stacked create-final"' in page.content.decode()

    response = client.post(f"/judging/{contest.round.pk}/final/", {"name": "决赛"})
    final = Round.objects.get(source=contest.round)
    assert response.status_code == 302
    assert response["Location"] == f"/judging/{final.pk}/"
    assert (final.stage, final.name, final.entries.count()) == (Stage.FINAL, "决赛", 2)


def test_only_the_organiser_creates_the_final(contest, client_of):
    response = client_of(contest.judges[0]).post(f"/judging/{contest.round.pk}/final/", {"name": "决赛"})
    assert response.status_code == 403
    assert not Round.objects.filter(source=contest.round).exists()


# --- board -------------------------------------------------------------------------------------------------


def test_the_board_lists_only_closed_entries(final, client_of):
    world, first, second = final.world, *final.entries
    services.set_entry_state(first, EntryState.SCORING, by=world.organiser)
    for judge in final.judges:
        score_all(first, judge, STRONG)
    services.set_entry_state(first, EntryState.CLOSED, by=world.organiser)
    services.set_entry_state(second, EntryState.SCORING, by=world.organiser)
    for judge in final.judges:
        score_all(second, judge, WEAK)

    fragment = client_of(world.organiser).get(f"/judging/{final.round.pk}/board/live/")
    html = fragment.content.decode()
    assert fragment.status_code == 200
    assert [[r.entry for r, _score in g["rows"]] for g in fragment.context["groups"]] == [[first]]
    assert list(fragment.context["now"]) == [second]
    assert 'data-entry="E01"' in html and 'data-entry="E02"' not in html
    assert "<html" not in html


def test_the_board_page_polls_its_fragment(final, client_of):
    page = client_of(final.judges[0]).get(f"/judging/{final.round.pk}/board/")
    html = page.content.decode()
    assert f'hx-get="/judging/{final.round.pk}/board/live/"' in html
    assert 'hx-trigger="every 5s"' in html


# --- decision ----------------------------------------------------------------------------------------------


def test_the_enterprise_of_the_demand_confirms_the_recommendation(final, client_of):
    _scored(final)
    world = final.world
    url = f"/judging/{final.round.pk}/decide/{world.demand.pk}/"
    client = client_of(world.owner)
    page = client.get(url)
    assert page.context["chosen"] == world.solution.pk  # the panel's recommendation, preselected

    response = client.post(url, {"solution": world.solution.pk, "reason": ""}, follow=True)
    decision = Decision.objects.get(round=final.round, demand=world.demand)
    assert (decision.confirmed, decision.recommended, decision.confirmed_by) == (
        world.solution,
        world.solution,
        world.owner,
    )
    assert response.context["decision"] == decision
    assert len(list(response.context["messages"])) == 1


def test_another_enterprise_may_not_decide(final, client_of):
    _scored(final)
    url = f"/judging/{final.round.pk}/decide/{final.world.demand.pk}/"
    client = client_of(UserFactory(role="enterprise"))
    assert client.get(url).status_code == 403
    assert client.post(url, {"solution": final.world.solution.pk}).status_code == 403
    assert not Decision.objects.exists()


def test_another_solution_without_a_reason_is_refused_and_nothing_saved(final, client_of):
    _scored(final)
    world = final.world
    response = client_of(world.owner).post(
        f"/judging/{final.round.pk}/decide/{world.demand.pk}/", {"solution": world.rival_solution.pk}
    )
    assert response.status_code == 400
    assert response.context["error"]
    assert 'role="alert"' in response.content.decode()
    assert response.context["chosen"] == world.rival_solution.pk
    assert not Decision.objects.exists()


def test_deciding_waits_until_the_demands_solutions_are_closed(final, client_of):
    url = f"/judging/{final.round.pk}/decide/{final.world.demand.pk}/"
    assert client_of(final.world.owner).get(url).status_code == 403


# --- paper sheets ------------------------------------------------------------------------------------------


def test_an_xlsx_sheet_imports_the_scores(final, client_of, tmp_path):
    judges = final.judges
    rows = [(j.username, "E01", c, v) for j in judges for c, v in STRONG.items()]
    response = client_of(final.world.organiser).post(
        f"/judging/{final.round.pk}/upload/", {"sheet": _sheet(tmp_path, rows)}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/judging/{final.round.pk}/"
    assert Score.objects.filter(entry=final.entries[0]).count() == 9


def test_a_sheet_with_an_unknown_judge_lists_the_row_and_saves_nothing(final, client_of, tmp_path):
    rows = [(final.judges[0].username, "E01", c, v) for c, v in STRONG.items()]
    rows.append(("无名氏", "E01", "fit", 7))
    response = client_of(final.world.organiser).post(
        f"/judging/{final.round.pk}/upload/", {"sheet": _sheet(tmp_path, rows)}
    )
    assert response.status_code == 400
    (problem,) = response.context["problems"]
    assert "5" in problem and "无名氏" in problem  # row 5 as Excel shows it, under the header row
    assert "无名氏" in response.content.decode()
    assert not Score.objects.exists()


def test_an_unreadable_sheet_lists_its_problems(final, client_of):
    bad = SimpleUploadedFile("scores.csv", "评委,项目,评分项,分数\nA,E01,fit,abc\n".encode(), "text/csv")
    response = client_of(final.world.organiser).post(f"/judging/{final.round.pk}/upload/", {"sheet": bad})
    assert response.status_code == 400
    assert len(response.context["problems"]) == 1
    assert not Score.objects.exists()


def test_the_blank_sheet_has_a_row_per_judge_entry_and_criterion(final, client_of):
    response = client_of(final.world.organiser).get(f"/judging/{final.round.pk}/upload/?template=xlsx")
    assert response["Content-Type"] == XLSX
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    # 2 entries × (3 experts + the demand side) × 3 criteria
    assert len(rows) == 1 + 2 * 4 * 3
    assert rows[1][:3] == (final.judges[0].username, "E01", "completeness")


# --- access ------------------------------------------------------------------------------------------------

ALLOWED = {
    "results/": {"organiser", "panel judge"},
    "board/": {"organiser", "panel judge"},
    "board/live/": {"organiser", "panel judge"},
    "upload/": {"organiser"},
    "decide/{demand}/": {"organiser", "the enterprise"},
}


@pytest.mark.parametrize("page", ALLOWED)
def test_each_page_answers_each_kind_of_user(final, client, page):
    _scored(final)
    url = f"/judging/{final.round.pk}/" + page.format(demand=final.world.demand.pk)
    for name, user in _users(final).items():
        client.force_login(user)
        expected = 200 if name in ALLOWED[page] else 403
        assert client.get(url).status_code == expected, (name, page)
    client.logout()
    assert client.get(url).status_code == 302
