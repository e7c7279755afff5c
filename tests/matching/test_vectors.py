"""Vectors on the site: made in the background after a change, made again only when the text changed,
used by the ranking once there; the matcher works by words while they are missing."""

import pytest
from django.core.management import call_command

from innochallenge.matching import index, services
from innochallenge.matching.models import Achievement, Vector
from tests.factories.demands import FORM_VALUES
from tests.matching.conftest import FILM, REDUCER


@pytest.fixture
def dense(settings):
    settings.MATCHING_DENSE = True


def test_vectors_follow_changes_and_feed_the_ranking(
    dense, publish_demand, library_of, organiser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        demand = publish_demand(dict(FORM_VALUES), show_company_name=False)
        film, reducer = library_of(FILM, REDUCER)
    assert set(Vector.objects.values_list("key", flat=True)) >= {
        f"a:{film}",
        f"a:{reducer}",
        f"d:{demand.pk}",
    }
    best = services.matches_for_demand(demand)["a"][0]
    assert best.id == film and "dense" in best.parts and "keywords" in best.parts

    from innochallenge.matching import library

    stamp = Vector.objects.get(key=f"a:{film}").updated_at
    old_sha = Vector.objects.get(key=f"a:{reducer}").text_sha
    with django_capture_on_commit_callbacks(execute=True):
        library.save_achievements([dict(FILM)], by=organiser, source="again")  # unchanged: not encoded
        library.update_achievement(
            Achievement.objects.get(pk=reducer), {"abstract": "新的摘要。"}, by=organiser
        )
    assert Vector.objects.get(key=f"a:{film}").updated_at == stamp
    assert Vector.objects.get(key=f"a:{reducer}").text_sha != old_sha  # the changed one is encoded anew
    assert index.pending() == []


def test_without_vectors_the_words_still_match_and_reindex_makes_them(
    publish_demand, library_of, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        demand = publish_demand(dict(FORM_VALUES), show_company_name=False)
        film, _reducer = library_of(FILM, REDUCER)
    assert not Vector.objects.exists()
    best = services.matches_for_demand(demand)["a"][0]
    assert best.id == film and "dense" not in best.parts

    settings.MATCHING_DENSE = True
    call_command("reindex")
    assert Vector.objects.filter(key=f"a:{film}").exists() and index.pending() == []
    assert "dense" in services.matches_for_demand(demand)["a"][0].parts
