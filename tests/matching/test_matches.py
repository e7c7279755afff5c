"""Matches of a published demand: ranked, explained, reviewed, and never leaking what the enterprise hid."""

import pytest
from django.core.management import call_command

from innochallenge.matching import index, services
from innochallenge.matching.enums import MatchVerdict, TargetKind
from innochallenge.matching.models import Achievement
from tests.factories.demands import FORM_VALUES
from tests.matching.conftest import BATTERY, FILM, REDUCER


@pytest.fixture
def film_demand(publish_demand, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return publish_demand(dict(FORM_VALUES), show_company_name=False)


@pytest.fixture
def stocked(library_of, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return dict(zip(("film", "reducer", "battery"), library_of(FILM, REDUCER, BATTERY), strict=True))


def test_the_demand_gets_the_achievement_that_answers_it_first_with_reasons(film_demand, stocked):
    found = services.matches_for_demand(film_demand)["a"]
    assert found[0].id == stocked["film"]
    assert stocked["reducer"] not in [m.id for m in found]  # nothing in common
    best = found[0]
    assert {"聚酰亚胺", "薄膜", "热收缩率"} <= set(best.shared_terms)
    assert "<mark>聚酰亚胺</mark>" in best.snippet and "<mark>聚酰亚胺</mark>" in best.query_snippet
    assert best.field_agrees and best.parts["field"] > 0 and best.parts["lexical"] > 0


def test_verified_providers_are_matched_too_and_unverified_ones_not(
    film_demand, film_provider, organiser, django_capture_on_commit_callbacks
):
    from tests.solutions.conftest import make_provider

    with django_capture_on_commit_callbacks(execute=True):
        hidden = make_provider(organiser, verified=False, name_en="Unverified Film Co", keywords="聚酰亚胺")
    found = services.matches_for_demand(film_demand)["p"]
    names = [m.title for m in found]
    assert any("Polymer Film Lab" in n for n in names)
    assert not any("Unverified" in n for n in names)
    assert hidden.organisation.provider_profile.pk not in [m.id for m in found]


def test_a_dismissed_match_never_returns_and_a_confirmed_one_is_kept(film_demand, stocked, broker):
    services.review_match(
        film_demand, TargetKind.ACHIEVEMENT, stocked["film"], MatchVerdict.DISMISSED, by=broker
    )
    services.review_match(
        film_demand, TargetKind.ACHIEVEMENT, stocked["battery"], MatchVerdict.CONFIRMED, by=broker
    )
    for _ in range(2):
        found = services.matches_for_demand(film_demand)["a"]
        assert stocked["film"] not in [m.id for m in found]
        assert [m.verdict for m in found if m.id == stocked["battery"]] == [MatchVerdict.CONFIRMED]
    call_command("reindex")  # not even after a rebuild
    assert stocked["film"] not in [m.id for m in services.matches_for_demand(film_demand)["a"]]


def test_a_changed_achievement_is_found_by_its_new_words_without_a_rebuild(
    film_demand, stocked, organiser, django_capture_on_commit_callbacks
):
    from innochallenge.matching import library

    reducer = Achievement.objects.get(pk=stocked["reducer"])
    with django_capture_on_commit_callbacks(execute=True):
        library.update_achievement(
            reducer, {"abstract": "耐高温聚酰亚胺薄膜的热收缩率控制方法。"}, by=organiser
        )
    assert stocked["reducer"] in [m.id for m in services.matches_for_demand(film_demand)["a"]]


def test_a_hidden_company_name_never_appears_in_a_match(film_demand, stocked, film_provider):
    everything = services.matches_for_demand(film_demand)
    texts = [
        str(getattr(m, name))
        for found in everything.values()
        for m in found
        for name in ("snippet", "query_snippet", "title", "shared_terms")
    ]
    for text in texts:
        assert "恒新" not in text and "苏州恒新材料科技有限公司" not in text


def test_an_achievement_finds_the_demands_it_could_answer(film_demand, stocked):
    found = services.demands_for(f"a:{stocked['film']}")
    assert [m.id for m in found] == [film_demand.pk]
    assert "恒新" not in str(found[0].snippet)


def test_a_closed_demand_leaves_the_index(
    film_demand, stocked, organiser, django_capture_on_commit_callbacks
):
    from innochallenge.publication import services as publication

    with django_capture_on_commit_callbacks(execute=True):
        publication.close(film_demand, reason="签约完成", by=organiser)
    assert services.demands_for(f"a:{stocked['film']}") == []


def test_reindex_rebuilds_from_the_database(film_demand, stocked):
    import shutil

    shutil.rmtree(index.folder())
    call_command("reindex")
    assert services.matches_for_demand(film_demand)["a"][0].id == stocked["film"]


def test_the_match_command_prints_the_ranking_and_json(film_demand, stocked, capsys):
    import json

    call_command("match", str(film_demand.pk), "--top", "3")
    text = capsys.readouterr().out
    assert "聚酰亚胺" in text and f"[{stocked['film']}]" in text and "恒新" not in text
    call_command("match", str(film_demand.pk), "--json")
    answer = json.loads(capsys.readouterr().out)
    assert answer["achievements"][0]["id"] == stocked["film"]


def test_the_match_command_refuses_an_unpublished_demand(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="No published demand"):
        call_command("match", "999")


def test_the_organiser_rebuilds_the_index_as_a_job(
    film_demand, stocked, organiser, broker, client, django_capture_on_commit_callbacks
):
    import shutil

    from innochallenge.jobs.models import Job

    shutil.rmtree(index.folder())
    client.force_login(broker)
    assert client.post("/matching/index/rebuild/").status_code == 403
    client.force_login(organiser)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post("/matching/index/rebuild/")
    job = Job.objects.get(kind="matching.reindex")
    assert answer.status_code == 302 and answer["Location"].endswith(f"/jobs/{job.pk}/")
    job.refresh_from_db()
    assert job.state == "done" and job.result["documents"] >= 4
    assert services.matches_for_demand(film_demand)["a"][0].id == stocked["film"]
