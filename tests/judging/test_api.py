"""Judging over HTTP: a judge's own entries and scores, saving them, results only after closing."""

import pytest

from innochallenge.judging import services
from innochallenge.judging.enums import EntryState, RoundState
from innochallenge.judging.models import Score
from tests.demands.conftest import api_client
from tests.judging.conftest import make_judge, run_final

STRONG = {"completeness": 9, "feasibility": 9, "fit": 9}
WEAK = {"completeness": 5, "feasibility": 6, "fit": 5}


def test_a_judge_lists_only_his_entries_with_his_own_scores(final):
    services.set_entry_state(final.entries[0], EntryState.SCORING, by=final.world.organiser)
    judge, other = final.judges[0], final.judges[1]
    api_client(other).put(
        f"/api/v1/judging/entries/{final.entries[0].pk}/scores",
        {"scores": {"fit": "7.25"}},
        content_type="application/json",
    )
    response = api_client(judge).get(f"/api/v1/judging/rounds/{final.round.pk}/entries")
    assert response.status_code == 200
    body = response.json()
    assert [e["code"] for e in body] == ["E01", "E02"]
    assert body[0]["my_scores"] == {}  # blind: another judge's 7.25 is not his


def test_saving_scores_all_or_none(final):
    entry = final.entries[0]
    services.set_entry_state(entry, EntryState.SCORING, by=final.world.organiser)
    client = api_client(final.judges[0])
    url = f"/api/v1/judging/entries/{entry.pk}/scores"

    ok = client.put(url, {"scores": {"completeness": 8, "fit": "7.5"}}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["my_scores"] == {"completeness": "8.00", "fit": "7.50"}

    bad = client.put(url, {"scores": {"feasibility": 6, "fit": 11}}, content_type="application/json")
    assert bad.status_code == 422 and "0" in bad.json()["detail"]
    assert not Score.objects.filter(criterion="feasibility").exists()


def test_a_conflicted_judge_gets_403_and_a_closed_entry_409(final):
    world = final.world
    conflicted = make_judge(affiliation=world.provider.organisation.name)
    services.invite(final.round, conflicted, by=world.organiser)
    entry = final.entries[0]
    services.set_entry_state(entry, EntryState.SCORING, by=world.organiser)
    url = f"/api/v1/judging/entries/{entry.pk}/scores"
    denied = api_client(conflicted).put(url, {"scores": {"fit": 9}}, content_type="application/json")
    assert denied.status_code == 403

    services.set_entry_state(entry, EntryState.CLOSED, by=world.organiser)
    late = api_client(final.judges[0]).put(url, {"scores": {"fit": 9}}, content_type="application/json")
    assert late.status_code == 409
    assert not Score.objects.filter(entry=entry).exists()


def test_results_open_only_after_closing(final):
    run_final(final, {0: [STRONG] * 4, 1: [WEAK] * 4})
    url = f"/api/v1/judging/rounds/{final.round.pk}/results"
    assert api_client(final.judges[0]).get(url).status_code == 403
    services.set_round_state(final.round, RoundState.CLOSED, by=final.world.organiser)

    body = api_client(final.judges[0]).get(url).json()
    assert body["method"] == "zscore"
    assert set(body["methods"]) == {"mean", "trimmed_mean", "zscore"}
    assert [r["entry"] for r in body["methods"]["mean"]] == ["E01", "E02"]
    assert body["methods"]["mean"][0]["score"] == pytest.approx(27)
    assert body["methods"]["mean"][0]["judges"] == 4
    assert api_client(final.world.owner).get(url).status_code == 403  # not on the panel
