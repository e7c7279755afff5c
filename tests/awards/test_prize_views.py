"""The awards pages and their access matrix: the organiser, a broker, an enterprise, the public."""

import pytest
from django.urls import Resolver404, include, path, resolve

from innochallenge import urls as root
from innochallenge.awards import prizes, views
from innochallenge.awards.models import Winner
from innochallenge.awards.nominations import Nominee
from tests.awards.test_ledger import scenario  # noqa: F401  (fixture)
from tests.events.conftest import fair  # noqa: F401  (fixture)
from tests.factories.accounts import UserFactory
from tests.solutions.conftest import published  # noqa: F401  (fixture)


def _mounted() -> bool:
    try:
        return resolve("/awards/", urlconf=root).func is views.index
    except Resolver404:
        return False


# Until the awards URLs are mounted in the site's urls.py, these tests mount the pages themselves.
urlpatterns = (
    root.urlpatterns
    if _mounted()
    else [
        path("awards/", include("innochallenge.awards.urls")),
        *root.urlpatterns,
    ]
)
pytestmark = pytest.mark.urls(__name__)


@pytest.fixture
def people(scenario):  # noqa: F811
    return {
        "anonymous": None,
        "organiser": scenario.organiser,
        "the broker": scenario.broker,
        "another broker": scenario.other,
        "enterprise": UserFactory(role="enterprise"),
    }


def _get(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url)


def _status(client, people, url) -> dict[str, int]:
    return {who: _get(client, user, url).status_code for who, user in people.items()}


def test_the_awards_page_is_the_organisers(client, people):
    assert _status(client, people, "/awards/") == {
        "anonymous": 302,
        "organiser": 200,
        "the broker": 403,
        "another broker": 403,
        "enterprise": 403,
    }


def test_the_awards_page_shows_quotas_nominees_and_the_budget(client, scenario):  # noqa: F811
    response = _get(client, scenario.organiser, "/awards/")

    assert response.context["budget"].total_yuan == 800000
    page = response.content.decode()
    assert "800,000" in page or "800 000" in page or "800000" in page
    brokers = next(c for c in response.context["categories"] if c["category"].code == "broker-craftsmanship")
    assert [n.user for n in brokers["nominees"]] == [scenario.broker, scenario.other]
    assert f'value="user:{scenario.broker.pk}"' in page
    assert "style=" not in page and "<script>" not in page


def test_the_organiser_confirms_a_nominee_from_the_page(client, scenario):  # noqa: F811
    category = scenario.campaign.award_categories.get(code="broker-craftsmanship")
    client.force_login(scenario.organiser)

    response = client.post(
        f"/awards/categories/{category.pk}/confirm/", {"nominee": f"user:{scenario.broker.pk}"}, follow=True
    )

    assert response.status_code == 200
    assert [w.user for w in Winner.objects.filter(category=category)] == [scenario.broker]
    brokers = next(c for c in response.context["categories"] if c["category"].code == "broker-craftsmanship")
    assert [n.user for n in brokers["nominees"]] == [scenario.other]  # the winner leaves the nominees


def test_a_full_category_refuses_from_the_page_too(client, scenario):  # noqa: F811
    category = scenario.campaign.award_categories.get(code="broker-craftsmanship")
    category.count = 1
    category.save()
    prizes.confirm_winner(category, Nominee("x", 1, "", user=scenario.other), by=scenario.organiser)
    client.force_login(scenario.organiser)

    response = client.post(
        f"/awards/categories/{category.pk}/confirm/", {"nominee": f"user:{scenario.broker.pk}"}, follow=True
    )

    assert [str(m) for m in response.context["messages"]]
    assert Winner.objects.filter(category=category).count() == 1


def test_only_the_organiser_confirms_or_withdraws(client, scenario, people):  # noqa: F811
    category = scenario.campaign.award_categories.get(code="broker-craftsmanship")
    winner = prizes.confirm_winner(category, Nominee("x", 1, "", user=scenario.other), by=scenario.organiser)
    for user in (scenario.broker, people["enterprise"]):
        client.force_login(user)
        confirm = f"/awards/categories/{category.pk}/confirm/"
        assert client.post(confirm, {"nominee": f"user:{scenario.broker.pk}"}).status_code == 403
        assert client.post(f"/awards/winners/{winner.pk}/withdraw/").status_code == 403
    client.force_login(scenario.organiser)
    assert client.post(f"/awards/winners/{winner.pk}/withdraw/").status_code == 302
    assert not Winner.objects.filter(pk=winner.pk).exists()


def test_a_certificate_is_for_the_organiser_and_the_winner(client, scenario, people):  # noqa: F811
    category = scenario.campaign.award_categories.get(code="broker-craftsmanship")
    winner = prizes.confirm_winner(category, Nominee("x", 1, "", user=scenario.broker), by=scenario.organiser)
    url = f"/awards/winners/{winner.pk}/certificate.pdf"

    assert _status(client, people, url) == {
        "anonymous": 302,
        "organiser": 200,
        "the broker": 200,
        "another broker": 403,
        "enterprise": 403,
    }
    assert _get(client, scenario.organiser, url)["Content-Type"] == "application/pdf"


def test_a_team_certificate_is_for_the_teams_members(client, scenario):  # noqa: F811
    category = scenario.campaign.award_categories.get(code="best-service-team")
    team = scenario.broker.organisation
    winner = prizes.confirm_winner(
        category, Nominee(team.name, 1, "", organisation=team), by=scenario.organiser
    )
    url = f"/awards/winners/{winner.pk}/certificate.pdf"
    colleague = UserFactory(role="broker", organisation=team)

    assert _get(client, colleague, url).status_code == 200
    assert _get(client, scenario.other, url).status_code == 403


def test_a_broker_record_is_for_the_organiser_and_the_broker_himself(client, scenario, people):  # noqa: F811
    url = f"/awards/brokers/{scenario.broker.pk}/"

    assert _status(client, people, url) == {
        "anonymous": 302,
        "organiser": 200,
        "the broker": 200,
        "another broker": 403,
        "enterprise": 403,
    }
    record = _get(client, scenario.broker, url).context["record"]
    assert (record.counts.total, record.rank) == (8, 1)


def test_only_brokers_have_a_record(client, scenario):  # noqa: F811
    assert _get(client, scenario.organiser, f"/awards/brokers/{scenario.organiser.pk}/").status_code == 404
