"""A provider cannot take a name another provider goes by: the Chinese name as before, and now the English
one too, whatever its capitals and spaces (issue 19: a provider took another's English name)."""

import pytest

from innochallenge.solutions import services
from innochallenge.solutions.errors import SolutionError
from tests.factories.accounts import UserFactory
from tests.solutions.conftest import PROFILE, make_provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def rival(organiser):
    return make_provider(organiser, name="江南薄膜研究所", name_en="Jiangnan Film Institute")


@pytest.mark.parametrize(
    ("name", "name_en", "field"),
    [
        ("", "Jiangnan Film Institute", "name_en"),
        ("另一个研究所", "jiangnan  film   INSTITUTE", "name_en"),
        ("江南薄膜研究所", "Another Lab", "name"),
    ],
)
def test_a_name_another_provider_goes_by_is_refused(rival, name, name_en, field):
    newcomer = UserFactory(role="provider")
    with pytest.raises(SolutionError) as refused:
        services.save_profile(
            newcomer.organisation, PROFILE | {"name": name, "name_en": name_en}, by=newcomer
        )
    assert list(refused.value.errors) == [field]
    assert "已有注册" in refused.value.errors[field][0]


def test_a_provider_keeps_its_own_english_name_when_it_saves_again(rival):
    again = services.save_profile(
        rival.organisation,
        PROFILE | {"name": "江南薄膜研究所", "name_en": "Jiangnan Film Institute"},
        by=rival,
    )
    assert again.organisation.name_en == "Jiangnan Film Institute"
