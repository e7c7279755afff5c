"""A confidential demand shows the public its title, field and district only; a provider reads the rest
after accepting the campaign's confidentiality terms, recorded with the time."""

import pytest

from innochallenge.publication import services as publication
from innochallenge.solutions import services
from innochallenge.solutions.models import TermsAcceptance
from tests.solutions.conftest import make_provider, solution_values


@pytest.fixture
def confidential(published):
    publication.choose_display(
        published, show_company_name=True, budget_display="range", confidential=True, by=published.owner
    )
    return published


def test_the_public_never_sees_a_confidential_description(client, confidential):
    secret = confidential.description[:20]
    for url in (
        f"/catalog/hs2021/{confidential.number}/",
        f"/en/catalog/hs2021/{confidential.number}/",
        f"/api/v1/public/demands/{confidential.pk}",
        "/feeds/all.json",
        "/catalog/?q=聚酰亚胺",
    ):
        text = client.get(url).content.decode()
        assert secret not in text and confidential.company_profile not in text, url
    item = client.get(f"/api/v1/public/demands/{confidential.pk}").json()
    assert item["confidential"] and item["title"] == confidential.title


def test_a_provider_reads_and_answers_only_after_accepting_the_terms(client, confidential, organiser, hs2021):
    provider = make_provider(organiser)
    with pytest.raises(services.SolutionError):
        services.create_solution(
            confidential, provider.organisation, solution_values(confidential), by=provider
        )
    client.force_login(provider)
    response = client.get(f"/solutions/new/{confidential.pk}/")
    assert response.status_code == 302 and f"/solutions/terms/{confidential.pk}/" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert hs2021.confidentiality_terms[:20] in page and confidential.description not in page
    client.post(f"/solutions/terms/{confidential.pk}/", {"accept": "yes"})
    acceptance = TermsAcceptance.objects.get(provider=provider.organisation, campaign=hs2021)
    assert acceptance.accepted_by == provider and acceptance.accepted_at is not None
    page = client.get(f"/solutions/new/{confidential.pk}/").content.decode()
    assert confidential.description[:30] in page
    services.create_solution(confidential, provider.organisation, solution_values(confidential), by=provider)


def test_changed_terms_must_be_accepted_again(confidential, organiser, hs2021):
    provider = make_provider(organiser)
    services.accept_terms(hs2021, provider.organisation, by=provider)
    assert services.has_accepted_terms(hs2021, provider.organisation.pk)
    hs2021.confidentiality_terms += "（修订）"
    hs2021.save()
    assert not services.has_accepted_terms(hs2021, provider.organisation.pk)
