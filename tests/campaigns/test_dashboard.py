import datetime as dt

from django.utils import timezone

from innochallenge.campaigns import queries
from innochallenge.site.demo import set_up_demo


def _running(campaign, day):
    return [w.stage for w in queries.running_stages(campaign, day)]


def test_running_stages_follow_the_windows(hs2021):
    assert _running(hs2021, dt.date(2021, 5, 10)) == ["collection", "diagnosis"]
    assert _running(hs2021, dt.date(2021, 6, 10)) == ["solution_collection"]
    assert _running(hs2021, dt.date(2021, 9, 5)) == ["final"]
    assert _running(hs2021, dt.date(2021, 10, 1)) == []


def test_timeline_marks_today_inside_the_running_bar(hs2021):
    chart = queries.timeline(hs2021, dt.date(2021, 9, 5))

    final = next(r for r in chart.rows if r.window.stage == "final")
    assert final.state == "running"
    assert final.x <= chart.today_x <= final.x + final.width
    assert {r.state for r in chart.rows if r.window.stage != "ceremony" and r.window.stage != "final"} == {
        "past"
    }
    assert next(r for r in chart.rows if r.window.stage == "ceremony").state == "upcoming"


def test_home_without_campaign_explains_how_to_start(db, client):
    response = client.get("/")

    assert response.status_code == 200
    assert "load-preset hs2021" in response.content.decode()


def test_home_shows_the_campaign_running_today(hs2021, client):
    set_up_demo(today=timezone.localdate())

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.context["campaign"].slug == "demo"
    assert [w.stage for w in response.context["running"]] == ["collection", "diagnosis"]
    page = response.content.decode()
    assert "Running today:" in page
    assert '<svg class="timeline"' in page


def test_dashboard_query_count_does_not_grow_with_districts(hs2021, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert client.get("/campaigns/hs2021/").status_code == 200


def test_unknown_campaign_is_404(db, client):
    assert client.get("/campaigns/nope/").status_code == 404
