"""Solution pages show a provider the demand as the public sees it (issue 19): the hidden company name
blotted from the title and description, a confidential description only after the terms were accepted —
also when the demand turned confidential after the provider drafted, who must accept before editing. The
enterprise and the organiser still read the demand as filed."""

import pytest

from innochallenge.demands.models import Demand
from innochallenge.publication.models import Publication
from innochallenge.solutions import services
from innochallenge.solutions.errors import SolutionError
from tests.solutions.conftest import make_provider, solution_values

pytestmark = pytest.mark.django_db

NAME = "苏州恒新材料科技有限公司"


@pytest.fixture
def named(world):
    """The world's demand, its company hidden, naming itself in its title and description."""
    Demand.objects.filter(pk=world.demand.pk).update(
        title=f"{NAME}耐高温低收缩聚酰亚胺薄膜",
        description=f"{NAME}需要耐高温聚酰亚胺薄膜，恒新材料现有产品在150℃下收缩过大。" + "需要" * 20,
    )
    assert not Publication.objects.get(demand=world.demand).show_company_name
    return world


def _page(client, user, path):
    client.force_login(user)
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    return response.content.decode()


def test_a_provider_reads_the_demand_with_the_name_blotted(named, client, organiser):
    newcomer = make_provider(organiser, name_en="Third Lab", contact_email="third@lab.example")
    for user, path in [
        (newcomer, f"/solutions/new/{named.demand.pk}/"),
        (named.provider, f"/solutions/{named.solution.pk}/"),
        (named.provider, f"/solutions/{named.solution.pk}/edit/"),
    ]:
        page = _page(client, user, path)
        assert "恒新" not in page, path
        assert "耐高温低收缩聚酰亚胺薄膜" in page


def test_the_enterprise_and_the_organiser_read_it_as_filed(named, client, organiser):
    for user in (named.owner, organiser):
        assert NAME in _page(client, user, f"/solutions/{named.solution.pk}/")


def test_a_demand_made_confidential_after_the_draft_needs_the_terms_first(world, client):
    draft = services.create_solution(
        world.demand,
        world.rival.organisation,
        solution_values(world.demand) | {"title": "v2"},
        by=world.rival,
    )
    Publication.objects.filter(demand=world.demand).update(confidential=True)

    client.force_login(world.rival)
    assert client.get(f"/solutions/{draft.pk}/edit/")["Location"] == f"/solutions/terms/{world.demand.pk}/"
    page = client.get(f"/solutions/{draft.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert world.demand.description not in page
    with pytest.raises(SolutionError):
        services.update_solution(draft, solution_values(world.demand) | {"title": "v3"}, by=world.rival)

    services.accept_terms(world.demand.campaign, world.rival.organisation, by=world.rival)
    assert client.get(f"/solutions/{draft.pk}/edit/").status_code == 200
