"""Country and region names as a mainland government site must show them (issue 17)."""

import re
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import translation
from django_countries import countries

from innochallenge.solutions import services
from innochallenge.solutions.forms import ProviderForm
from innochallenge.solutions.models import ProviderProfile
from tests.factories.accounts import UserFactory

REGIONS = {
    "zh-hans": {"TW": "中国台湾", "HK": "中国香港", "MO": "中国澳门"},
    "en": {"TW": "Taiwan, China", "HK": "Hong Kong, China", "MO": "Macao, China"},
}


def choices(language: str) -> list[tuple[str, str]]:
    with translation.override(language):
        return [(code, str(name)) for code, name in countries]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_country_choices_labels_unique(language):
    labels = [name for _, name in choices(language)]

    assert [name for name, n in Counter(labels).items() if n > 1] == []


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_country_choices_china_first_then_its_regions(language):
    codes = [code for code, _ in choices(language)]

    assert codes[:4] == ["CN", "HK", "MO", "TW"]
    assert len(codes) == len(set(codes))


def test_country_choices_zh_no_region_named_without_china():
    names = [name for _, name in choices("zh-hans")]

    assert [n for n in names if re.search("台湾|香港|澳门", n) and not n.startswith("中国")] == []


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_country_choices_taiwan_hong_kong_macao_as_regions_of_china(language):
    named = dict(choices(language))

    assert {code: named[code] for code in REGIONS[language]} == REGIONS[language]


def test_country_choices_zh_corrected_names():
    named = dict(choices("zh-hans"))

    assert (named["CN"], named["NP"], named["TJ"], named["BA"]) == (
        "中国",
        "尼泊尔",
        "塔吉克斯坦",
        "波斯尼亚和黑塞哥维那",
    )
    assert (named["WS"], named["AS"], named["DM"], named["DO"]) == (
        "萨摩亚",
        "美属萨摩亚",
        "多米尼克",
        "多米尼加",
    )


def test_country_choices_zh_names_are_chinese_only():
    """A name with Latin letters or spaces would read badly and sorts last without a Chinese collator."""
    names = [name for _, name in choices("zh-hans")]

    assert [n for n in names if re.search(r"[\sA-Za-z()（）]", n)] == []


def test_country_name_of_a_profile_follows_the_language():
    profile = ProviderProfile(country="TW")

    with translation.override("zh-hans"):
        zh = str(profile.country.name)
    with translation.override("en"):
        en = str(profile.country.name)

    assert (zh, en) == ("中国台湾", "Taiwan, China")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_provider_form_country_options(language):
    with translation.override(language):
        options = list(ProviderForm().fields["country"].choices)

    labels = [str(label) for code, label in options if code]
    assert labels[:4] == [
        "中国" if language == "zh-hans" else "China",
        REGIONS[language]["HK"],
        REGIONS[language]["MO"],
        REGIONS[language]["TW"],
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_provider_profile_page_renders_country_options(client, language):
    client.force_login(UserFactory(role="provider"))

    response = client.get(reverse("solutions:profile"), HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 200
    select = re.search(r'<select name="country".*?</select>', response.content.decode(), re.S).group(0)
    options = re.findall(r'<option value="([A-Z]{2})"[^>]*>([^<]+)</option>', select)
    assert options[:4] == [("CN", choices(language)[0][1])] + [
        (c, REGIONS[language][c]) for c in ("HK", "MO", "TW")
    ]
    for bad in ("台湾", "香港", "澳门", "尼珀尔", "塔吉克斯斯坦"):
        assert f">{bad}<" not in select


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_providers_page_shows_region_of_china(client, language):
    provider = UserFactory(role="provider")
    values = {"name_en": "Taipei Lab", "provider_type": "institute", "country": "TW", "expertise": "films"}
    values |= {"contact_name": "Lin", "contact_email": "lin@lab.example", "contact_phone": "+886 2 12345678"}
    services.save_profile(provider.organisation, values, by=provider)
    client.force_login(UserFactory(role="organiser"))

    response = client.get(reverse("solutions:providers"), HTTP_ACCEPT_LANGUAGE=language)

    assert f"<td>{REGIONS[language]['TW']}</td>" in response.content.decode()
