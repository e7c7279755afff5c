"""Judging pages: who may open what (organiser, a judge on the panel, a judge off it, a conflicted judge,
an enterprise, the public), blind scoring through the pages, scores locked on closing, the organiser's
view of conflicts, and creating a session and inviting judges from the pages."""

import io
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfWriter

from innochallenge.judging import scoring, services
from innochallenge.judging.enums import EntryState, RoundState, Stage
from innochallenge.judging.models import Conflict, Panelist, Prescreen, Round, Score
from innochallenge.solutions import services as solutions
from tests.judging.conftest import make_judge
from tests.solutions.conftest import pdf

HX = {"HTTP_HX_REQUEST": "true"}


def _t(message: str) -> str:
    """`message` as the pages show it in the default language."""
    with translation.override("zh-hans"):
        return gettext(message)


@dataclass
class Panel:
    contest: object
    judge: object  # on the panel, free of conflicts
    other: object  # another judge of the panel
    conflicted: object  # on the panel, works for a provider of the entry
    users: dict

    @property
    def round(self):
        return self.contest.round

    @property
    def entry(self):
        return self.contest.entry

    def url(self, page: str) -> str:
        return f"/judging/{self.round.pk}/{page}"


@pytest.fixture
def panel(contest) -> Panel:
    """The special competition, open, with a fourth judge kept off the entry by a conflict."""
    world = contest.world
    conflicted = make_judge(affiliation=world.rival.organisation.name)
    services.invite(contest.round, conflicted, by=world.organiser)
    services.set_round_state(contest.round, RoundState.OPEN, by=world.organiser)
    contest.round.refresh_from_db()
    contest.entry.refresh_from_db()
    users = {
        "organiser": world.organiser,
        "panel judge": contest.judges[0],
        "judge off the panel": make_judge(),
        "conflicted judge": conflicted,
        "enterprise": world.owner,
    }
    return Panel(contest, contest.judges[0], contest.judges[1], conflicted, users)


def _attachment_url(panel: Panel) -> str:
    attachment = panel.contest.world.solution.attachments.get()
    return panel.url(f"entries/{panel.entry.pk}/attachments/{attachment.pk}/")


#: view → (method, url maker, the users who are served; the others get 403, the public is sent to log in)
VIEWS = {
    "list": (
        "get",
        lambda p: "/judging/",
        {"organiser", "panel judge", "judge off the panel", "conflicted judge"},
    ),
    "declare": ("get", lambda p: "/judging/me/", {"panel judge", "judge off the panel", "conflicted judge"}),
    "round": ("get", lambda p: p.url(""), {"organiser", "panel judge", "conflicted judge"}),
    "entry": ("get", lambda p: p.url(f"entries/{p.entry.pk}/"), {"organiser", "panel judge"}),
    "attachment": ("get", _attachment_url, {"organiser", "panel judge"}),
    "score": ("post", lambda p: p.url(f"entries/{p.entry.pk}/score/"), {"panel judge"}),
    "prescreen": ("post", lambda p: p.url(f"entries/{p.entry.pk}/prescreen/"), {"panel judge"}),
    "abstain": ("post", lambda p: p.url(f"entries/{p.entry.pk}/abstain/"), {"panel judge"}),
    "new": ("post", lambda p: "/judging/new/", {"organiser"}),
    "round state": ("post", lambda p: p.url("state/"), {"organiser"}),
    "invite": ("post", lambda p: p.url("invite/"), {"organiser"}),
    "entry state": ("post", lambda p: p.url(f"entries/{p.entry.pk}/state/"), {"organiser"}),
}


@pytest.mark.parametrize("view", VIEWS)
def test_each_view_answers_each_kind_of_user(panel, client, view):
    method, url_of, allowed = VIEWS[view]
    url = url_of(panel)
    for name, user in panel.users.items():
        client.force_login(user)
        response = getattr(client, method)(url, HX if view == "score" else {})
        if name in allowed:
            assert response.status_code in (200, 302, 400), (name, view)
        else:
            assert response.status_code == 403, (name, view)
    client.logout()
    response = getattr(client, method)(url)
    assert response.status_code == 302 and "/login" in response["Location"]


def test_a_conflicted_judge_is_refused_the_entry_the_scores_and_the_files(panel, client):
    client.force_login(panel.conflicted)
    assert client.get(panel.url(f"entries/{panel.entry.pk}/")).status_code == 403
    response = client.post(
        panel.url(f"entries/{panel.entry.pk}/score/"), {"criterion": "funding", "value": "8"}, **HX
    )
    assert response.status_code == 403
    assert client.get(_attachment_url(panel)).status_code == 403
    assert not Score.objects.filter(judge=panel.conflicted).exists()
    page = client.get(panel.url("")).content.decode()
    assert f"/entries/{panel.entry.pk}/" not in page


def test_a_judge_sees_his_own_scores_and_never_another_judges(panel, client):
    scoring.save_score(panel.entry, judge=panel.judge, criterion="funding", value="6.5")
    scoring.save_score(panel.entry, judge=panel.other, criterion="funding", value="7.25")
    scoring.save_score(panel.entry, judge=panel.other, criterion="clarity", value="9.75")
    client.force_login(panel.judge)
    page = client.get(panel.url(f"entries/{panel.entry.pk}/")).content.decode()
    assert 'value="6.5"' in page
    assert "7.25" not in page and "9.75" not in page
    listing = client.get(panel.url("")).content.decode()
    assert "7.25" not in listing and "9.75" not in listing


def test_an_htmx_score_is_saved_and_the_answer_says_so(panel, client):
    client.force_login(panel.judge)
    response = client.post(
        panel.url(f"entries/{panel.entry.pk}/score/"), {"criterion": "innovation", "value": "8.5"}, **HX
    )
    assert response.status_code == 200
    assert 'id="status-innovation"' in response.content.decode()
    assert "saved" in response.content.decode() and _t("Saved") in response.content.decode()
    assert Score.objects.get(entry=panel.entry, judge=panel.judge, criterion="innovation").value == 8.5


def test_a_bad_score_is_a_400_with_its_reason(panel, client):
    client.force_login(panel.judge)
    response = client.post(
        panel.url(f"entries/{panel.entry.pk}/score/"), {"criterion": "innovation", "value": "11"}, **HX
    )
    assert response.status_code == 400
    assert "error" in response.content.decode()
    assert not Score.objects.exists()


def test_a_score_after_the_session_closed_is_a_409_and_changes_nothing(panel, client):
    scoring.save_score(panel.entry, judge=panel.judge, criterion="funding", value="6")
    services.set_round_state(panel.round, RoundState.CLOSED, by=panel.contest.world.organiser)
    client.force_login(panel.judge)
    response = client.post(
        panel.url(f"entries/{panel.entry.pk}/score/"), {"criterion": "funding", "value": "9"}, **HX
    )
    assert response.status_code == 409
    assert Score.objects.get(entry=panel.entry, judge=panel.judge).value == 6
    page = client.get(panel.url(f"entries/{panel.entry.pk}/")).content.decode()
    assert "scoring-closed" in page and 'step="0.5" inputmode="decimal" value="6" disabled' in page


def test_a_score_without_htmx_goes_back_to_the_page(panel, client):
    client.force_login(panel.judge)
    response = client.post(
        panel.url(f"entries/{panel.entry.pk}/score/"), {"criterion": "clarity", "value": "7"}
    )
    assert response.status_code == 302
    assert Score.objects.get(judge=panel.judge, criterion="clarity").value == 7


def test_a_judge_prescreens_and_abstains_from_the_page(panel, client):
    world = panel.contest.world
    client.force_login(panel.judge)
    client.post(
        panel.url(f"entries/{panel.entry.pk}/prescreen/"),
        {"solution": world.rival_solution.pk, "recommend": "yes", "note": "可行"},
    )
    assert Prescreen.objects.get(judge=panel.judge, solution=world.rival_solution).recommend is True
    scoring.save_score(panel.entry, judge=panel.judge, criterion="funding", value="5")
    response = client.post(panel.url(f"entries/{panel.entry.pk}/abstain/"), {"reason": "曾为该企业提供咨询"})
    assert response.status_code == 302
    assert not Score.objects.filter(judge=panel.judge).exists()
    assert client.get(panel.url(f"entries/{panel.entry.pk}/")).status_code == 403


def _anonymous(panel: Panel) -> None:
    campaign = panel.round.campaign
    campaign.judging = {**(campaign.judging or {}), "anonymous_prescreen": True}
    campaign.save()


def _pdf_by(author: str) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": author, "/Title": "Proposal"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_the_anonymous_prescreen_hides_the_providers(panel, client):
    world = panel.contest.world
    _anonymous(panel)
    client.force_login(panel.judge)
    page = client.get(panel.url(f"entries/{panel.entry.pk}/")).content.decode()
    assert world.provider.organisation.name not in page and world.rival.organisation.name not in page
    assert _t("Solution %(letter)s") % {"letter": "A"} in page
    assert "plan.pdf" not in page


def test_an_anonymous_file_is_served_without_its_author_under_a_neutral_name(panel, client):
    world = panel.contest.world
    _anonymous(panel)
    added = solutions.add_attachment(
        world.rival_solution, pdf("weber.pdf", _pdf_by("Anna Weber")), by=world.rival
    )
    client.force_login(panel.judge)
    response = client.get(panel.url(f"entries/{panel.entry.pk}/attachments/{added.pk}/"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="E01-B-1.pdf"'
    assert b"Anna Weber" not in response.content and response.content.startswith(b"%PDF")


def test_an_anonymous_file_that_cannot_be_cleaned_is_not_served(panel, client):
    _anonymous(panel)
    client.force_login(panel.judge)
    response = client.get(_attachment_url(panel))  # the world's PDF is too broken to rewrite
    assert response.status_code == 409
    assert not response.has_header("Content-Disposition")


def test_a_named_file_keeps_its_name(panel, client):
    client.force_login(panel.judge)
    response = client.get(_attachment_url(panel))
    assert response.status_code == 200
    assert 'filename="plan.pdf"' in response["Content-Disposition"]


def test_the_organiser_sees_the_demand_side_openly(final, client):
    client.force_login(final.world.organiser)
    page = client.get(f"/judging/{final.round.pk}/").content.decode()
    assert _t("demand side (by design)") in page
    assert final.demand_side.get_full_name() in page
    assert _t("Open scoring") in page


def test_the_organiser_is_warned_of_entries_short_of_judges(contest, client):
    judge = contest.judges[0]
    services.declare(judge, kind="technical", affiliation=contest.world.provider.organisation.name, by=judge)
    client.force_login(contest.world.organiser)
    page = client.get(f"/judging/{contest.round.pk}/").content.decode()
    assert "short-of-judges" in page and 'class="short"' in page
    assert contest.world.provider.organisation.name in page  # the conflict's detail, in the judge's cell


def test_the_organiser_opens_and_closes_a_final_entry_from_the_page(final, client):
    client.force_login(final.world.organiser)
    entry = final.entries[0]
    url = f"/judging/{final.round.pk}/entries/{entry.pk}/state/"
    judge_page = f"/judging/{final.round.pk}/entries/{entry.pk}/"
    client.force_login(final.judges[0])
    assert "scoring-closed" in client.get(judge_page).content.decode()
    client.force_login(final.world.organiser)
    assert client.post(url, {"state": EntryState.SCORING}).status_code == 302
    entry.refresh_from_db()
    assert entry.state == EntryState.SCORING
    client.force_login(final.judges[0])
    assert "scoring-closed" not in client.get(judge_page).content.decode()
    client.force_login(final.world.organiser)
    client.post(url, {"state": EntryState.CLOSED})
    entry.refresh_from_db()
    assert entry.state == EntryState.CLOSED


def test_the_organiser_creates_a_session_and_invites_judges_from_the_pages(world, client):
    client.force_login(world.organiser)
    assert client.get("/judging/").status_code == 200
    response = client.post("/judging/new/", {"stage": Stage.SPECIAL, "name": "2021 专项赛"})
    round = Round.objects.get(name="2021 专项赛")
    assert response["Location"] == f"/judging/{round.pk}/"
    assert round.entries.count() == 1
    clean = make_judge()
    conflicted = make_judge(past=world.provider.organisation.name)
    page = client.get(f"/judging/{round.pk}/").content.decode()
    assert f'value="{clean.pk}"' in page
    client.post(f"/judging/{round.pk}/invite/", {"judge": clean.pk})
    response = client.post(f"/judging/{round.pk}/invite/", {"judge": conflicted.pk}, follow=True)
    assert set(Panelist.objects.filter(round=round).values_list("judge", flat=True)) == {
        clean.pk,
        conflicted.pk,
    }
    assert Conflict.objects.filter(judge=conflicted, entry__round=round).exists()
    messages = [str(m) for m in response.context["messages"]]
    assert any("E01" in m and world.provider.organisation.name in m for m in messages)
    page = response.content.decode()
    assert f'value="{clean.pk}"' not in page  # on the panel already: no longer offered


def test_a_judge_declares_his_interests_from_the_page(client, world):
    judge = make_judge(kind="demand_side", affiliation="需求企业", organisation=world.demand.organisation)
    client.force_login(judge)
    response = client.post(
        "/judging/me/",
        {
            "kind": "demand_side",
            "affiliation": "需求企业",
            "past_employers": "某大学\n某研究所",
            "relations": "",
        },
    )
    assert response.status_code == 302
    judge.judge_profile.refresh_from_db()
    assert judge.judge_profile.past_employers == "某大学\n某研究所"
    assert judge.judge_profile.organisation == world.demand.organisation


def test_the_session_list_costs_the_same_queries_for_one_and_five_sessions(world, client):
    client.force_login(world.organiser)
    campaign = world.demand.campaign
    services.create_round(campaign, stage=Stage.FINAL, name="决赛 1", by=world.organiser)
    with CaptureQueriesContext(connection) as one:
        assert client.get("/judging/").status_code == 200
    for n in range(4):
        services.create_round(campaign, stage=Stage.FINAL, name=f"决赛 {n + 2}", by=world.organiser)
    with CaptureQueriesContext(connection) as five:
        assert client.get("/judging/").content.decode().count("决赛 ") == 5
    assert len(one) == len(five)


def test_a_judge_lists_only_the_sessions_he_sits_on(panel, client):
    elsewhere = services.create_round(
        panel.round.campaign, stage=Stage.FINAL, name="别的决赛", by=panel.contest.world.organiser
    )
    client.force_login(panel.judge)
    page = client.get("/judging/").content.decode()
    assert panel.round.name in page and elsewhere.name not in page
