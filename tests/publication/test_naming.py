"""Who may see an enterprise's real name beside a demand (`publication.naming`), and the one rule for an
enterprise appearing with several demands: named only when every one of them shows the name."""

import pytest
from django.contrib.auth.models import AnonymousUser

from innochallenge.publication import services as publication
from innochallenge.publication.naming import enterprise_seen_by, may_see_real_name
from tests.factories.accounts import UserFactory
from tests.solutions.conftest import published  # noqa: F401  (fixture)


@pytest.fixture
def readers(published, organiser, broker, liaison_of):  # noqa: F811
    return {
        "anonymous": AnonymousUser(),
        "organiser": organiser,
        "liaison of the district": liaison_of("xiangcheng"),
        "liaison of another district": liaison_of("wuzhong"),
        "broker of the demand": broker,
        "another broker": UserFactory(role="broker"),
        "the enterprise": published.owner,
        "another enterprise": UserFactory(role="enterprise"),
        "a provider": UserFactory(role="provider"),
    }


STAFF_OR_OWN = {"organiser", "liaison of the district", "broker of the demand", "the enterprise"}


def test_the_enterprise_and_the_staff_on_the_demand_may_see_the_real_name(published, readers):  # noqa: F811
    seen = {name for name, reader in readers.items() if may_see_real_name(reader, published)}
    assert seen == STAFF_OR_OWN


def test_a_hidden_demand_masks_the_enterprise_for_all_but_staff_and_itself(published, readers):  # noqa: F811
    publication.publish(published, by=readers["organiser"], show_company_name=False)
    published.refresh_from_db()
    org = published.organisation
    for name, reader in readers.items():
        seen = enterprise_seen_by(reader, org, [published], "zh-hans")
        expected = (org.name, False) if name in STAFF_OR_OWN else ("某企业", True)
        assert (seen.name, seen.masked) == expected, name
    assert enterprise_seen_by(readers["a provider"], org, [published], "en").name == "An enterprise"


def test_a_shown_demand_names_the_enterprise_to_everyone(published, readers):  # noqa: F811
    publication.publish(published, by=readers["organiser"], show_company_name=True)
    published.refresh_from_db()
    for reader in readers.values():
        seen = enterprise_seen_by(reader, published.organisation, [published], "zh-hans")
        assert (seen.name, seen.masked, seen.demands) == (published.organisation.name, False, [published])
