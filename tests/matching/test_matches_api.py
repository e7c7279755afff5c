"""Matches over HTTP and on the broker's page: who sees them, what they carry, confirm and dismiss."""

import pytest

from innochallenge.matching.models import MatchReview
from tests.demands.conftest import api_client
from tests.factories.demands import FORM_VALUES
from tests.matching.conftest import BATTERY, FILM, REDUCER


@pytest.fixture
def setting(publish_demand, library_of, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        demand = publish_demand(dict(FORM_VALUES), show_company_name=False)
        film, _reducer, _battery = library_of(FILM, REDUCER, BATTERY)
    return demand, film


def test_the_broker_gets_ranked_matches_with_every_part(setting, broker):
    demand, film = setting
    answer = api_client(broker).get(f"/api/v1/demands/{demand.pk}/matches?top=5")
    assert answer.status_code == 200, answer.content
    body = answer.json()
    first = body["achievements"][0]
    assert first["id"] == film and first["kind"] == "achievement"
    assert set(first["parts"]) >= {"lexical", "dense", "keywords", "neighbours", "field"}
    assert first["score"] == pytest.approx(sum(first["parts"].values()), abs=1e-3)
    assert "<mark>" in first["snippet"] and "<mark>" in first["demand_snippet"]
    assert first["field_agrees"] is True
    assert "恒新" not in answer.content.decode()


@pytest.mark.parametrize("role", ["enterprise", "provider", "liaison", "judge"])
def test_others_may_not_see_a_demands_matches(setting, role):
    from tests.factories.accounts import UserFactory

    demand, _film = setting
    answer = api_client(UserFactory(role=role)).get(f"/api/v1/demands/{demand.pk}/matches")
    assert answer.status_code == 403


def test_dismissing_through_the_api_removes_it(setting, broker):
    demand, film = setting
    client = api_client(broker)
    answer = client.post(
        f"/api/v1/demands/{demand.pk}/matches/review",
        {"target_kind": "achievement", "target_id": film, "verdict": "dismissed"},
        content_type="application/json",
    )
    assert answer.status_code == 200, answer.content
    ids = [m["id"] for m in client.get(f"/api/v1/demands/{demand.pk}/matches").json()["achievements"]]
    assert film not in ids
    assert MatchReview.objects.get(demand=demand, target_id=film).by == broker


def test_library_search_ranks_by_words_and_meaning(setting, broker):
    _demand, film = setting
    answer = api_client(broker).get("/api/v1/achievements/search?q=聚酰亚胺薄膜 热收缩率")
    assert answer.status_code == 200, answer.content
    assert answer.json()[0]["id"] == film and "<mark>" in answer.json()[0]["snippet"]


def test_library_search_is_for_staff(setting, enterprise_user):
    assert api_client(enterprise_user).get("/api/v1/achievements/search?q=薄膜").status_code == 403


def test_the_page_shows_reasons_and_confirms(setting, broker, client):
    demand, film = setting
    client.force_login(broker)
    page = client.get(f"/matching/demands/{demand.pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and "<mark>聚酰亚胺</mark>" in html and "svg" in html
    assert "恒新" not in html
    answer = client.post(
        f"/matching/demands/{demand.pk}/review/",
        {"target_kind": "achievement", "target_id": film, "verdict": "confirmed"},
    )
    assert answer.status_code == 302
    assert MatchReview.objects.get(demand=demand, target_id=film).verdict == "confirmed"
    detail = client.get(f"/demands/{demand.pk}/").content.decode()
    assert f"/matching/demands/{demand.pk}/" in detail


def test_the_page_is_refused_to_the_enterprise(setting, client):
    demand, _film = setting
    from innochallenge.accounts.models import User

    owner = User.objects.filter(organisation=demand.organisation).first()
    client.force_login(owner)
    assert client.get(f"/matching/demands/{demand.pk}/").status_code == 403


def test_the_reverse_an_achievement_and_a_provider_find_their_demands(setting, broker, film_provider, client):
    demand, film = setting
    answer = api_client(broker).get(f"/api/v1/achievements/{film}/demands")
    assert answer.status_code == 200 and answer.json()[0]["id"] == demand.pk
    assert "恒新" not in answer.content.decode()
    mine = api_client(film_provider).get("/api/v1/providers/me/demands")
    assert mine.status_code == 200 and [m["id"] for m in mine.json()] == [demand.pk]
    client.force_login(broker)
    page = client.get(f"/matching/achievements/{film}/").content.decode()
    assert f"/matching/demands/{demand.pk}/" in page and "恒新" not in page


def test_a_review_of_a_target_that_does_not_exist_records_nothing(setting, broker, client):
    demand, _film = setting
    answer = api_client(broker).post(
        f"/api/v1/demands/{demand.pk}/matches/review",
        {"target_kind": "provider", "target_id": 999_999, "verdict": "dismissed"},
        content_type="application/json",
    )
    assert answer.status_code == 404
    client.force_login(broker)
    page = client.post(
        f"/matching/demands/{demand.pk}/review/",
        {"target_kind": "achievement", "target_id": "99999999999999999999", "verdict": "confirmed"},
        follow=True,
    )
    assert page.status_code == 200 and "重新加载" in page.content.decode()
    assert not MatchReview.objects.exists()
