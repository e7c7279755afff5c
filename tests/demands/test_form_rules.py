"""The rules of the official form (SPEC.md §3), checked on the validator every channel shares."""

from decimal import Decimal

import pytest
from django.utils import translation

from innochallenge.demands.validation import DemandForm, characters, parse_wan
from tests.demands.conftest import DESCRIPTION_50


def errors_of(campaign, values, *, complete=True):
    with translation.override("en"):
        form = DemandForm(campaign, values, complete=complete)
        form.is_valid()
        return {name: list(messages) for name, messages in form.errors.items()}


def test_a_complete_form_is_valid(hs2021, form_values):
    form = DemandForm(hs2021, form_values)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["district"].code == "xiangcheng"
    assert form.cleaned_data["budget_wan"] == Decimal("150")
    assert [m.code for m in form.cleaned_data["cooperation_modes"]] == ["transfer", "joint-development"]


def test_description_counts_characters_not_bytes_nor_surrounding_space(hs2021, form_values):
    assert characters("　" + DESCRIPTION_50 + "  \n") == 50
    form_values["description"] = "　 " + DESCRIPTION_50 + " \n"
    assert "description" not in errors_of(hs2021, form_values)
    form_values["description"] = DESCRIPTION_50[:-1]
    errors = errors_of(hs2021, form_values)
    assert errors["description"] == ["The description has 49 characters; at least 50 are needed."]


def test_profile_is_at_most_300_characters(hs2021, form_values):
    form_values["company_profile"] = "企" * 300
    assert "company_profile" not in errors_of(hs2021, form_values)
    form_values["company_profile"] = "企" * 301
    assert "company_profile" in errors_of(hs2021, form_values)


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("150", "150"),
        ("150万元", "150"),
        ("1,200.5 万", "1200.5"),
        ("１５０", "150"),
        ("￥80万", "80"),
        ("12.50", "12.5"),
    ],
)
def test_budget_as_people_write_it(typed, amount):
    assert parse_wan(typed) == Decimal(amount)


@pytest.mark.parametrize("typed", ["0", "-5", "12.345", "about 100", "一百"])
def test_budget_must_be_positive_with_two_decimals_at_most(hs2021, form_values, typed):
    form_values["budget_wan"] = typed
    assert "budget_wan" in errors_of(hs2021, form_values)


def test_budget_is_required_on_submission_only(hs2021, form_values):
    form_values["budget_wan"] = ""
    assert "budget_wan" in errors_of(hs2021, form_values)
    assert "budget_wan" not in errors_of(hs2021, form_values, complete=False)


def test_other_field_and_other_mode_need_their_text(hs2021, form_values):
    form_values["industry_field"] = "其他"
    form_values["cooperation_modes"] = ["其它"]
    errors = errors_of(hs2021, form_values)
    assert set(errors) == {"industry_field_other", "cooperation_other"}
    form_values["industry_field_other"] = "生物医药"
    form_values["cooperation_other"] = "专利作价入股"
    assert errors_of(hs2021, form_values) == {}


def test_other_text_is_dropped_when_another_option_is_chosen(hs2021, form_values):
    form_values["industry_field_other"] = "生物医药"
    form = DemandForm(hs2021, form_values)
    assert form.is_valid()
    assert form.cleaned_data["industry_field_other"] == ""


def test_cooperation_needs_at_least_one_mode(hs2021, form_values):
    form_values["cooperation_modes"] = []
    assert "cooperation_modes" in errors_of(hs2021, form_values)


@pytest.mark.parametrize("phone", ["13912345678", "0512-65246015", "051265246015", "+852 2345 6789"])
def test_phones_people_give_are_accepted(hs2021, form_values, phone):
    form_values["contact_phone"] = phone
    assert "contact_phone" not in errors_of(hs2021, form_values)


@pytest.mark.parametrize("phone", ["12345", "65246015", "2912345678", "phone me"])
def test_phones_without_area_or_country_code_are_refused(hs2021, form_values, phone):
    form_values["contact_phone"] = phone
    assert "contact_phone" in errors_of(hs2021, form_values)


def test_email_is_checked(hs2021, form_values):
    form_values["contact_email"] = "wanglei@"
    assert "contact_email" in errors_of(hs2021, form_values)


def test_choices_by_code_chinese_or_english_name(hs2021, form_values):
    for district in ("xiangcheng", "相城区", "Xiangcheng District", " 相城区 "):
        form_values["district"] = district
        assert "district" not in errors_of(hs2021, form_values)
    form_values["district"] = "浦东新区"  # not a district of this campaign
    assert errors_of(hs2021, form_values)["district"] == ["“浦东新区” is not one of the choices."]


def test_sales_bracket_is_one_of_five(hs2021, form_values):
    assert hs2021.sales_brackets.count() == 5
    form_values["sales_bracket"] = "1000 万以下"  # as printed on the paper form, with its spaces
    assert "sales_bracket" not in errors_of(hs2021, form_values)
    form_values["sales_bracket"] = "3亿以上"
    assert "sales_bracket" in errors_of(hs2021, form_values)


def test_a_draft_may_be_incomplete_but_must_be_storable(hs2021):
    assert errors_of(hs2021, {"title": "只写了标题"}, complete=False) == {}
    assert "budget_wan" in errors_of(hs2021, {"budget_wan": "很多"}, complete=False)


def test_errors_are_in_the_users_language(hs2021, form_values):
    form_values["description"] = "太短"
    with translation.override("zh-hans"):
        form = DemandForm(hs2021, form_values)
        form.is_valid()
        [(name, label, message)] = form.labelled_errors()
    assert name == "description"
    assert label == "技术需求描述"
    assert "50" in message and "2" in message
    assert "characters" not in message
