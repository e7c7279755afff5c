"""`validate_demand` is the one judge of a demand's raw values for services, the API and the importers:
clean values when every rule holds, otherwise each field's errors (also labelled, in the form's order);
a draft need only be storable."""

from decimal import Decimal

from innochallenge.demands import services
from innochallenge.demands.validation import validate_demand


def test_valid_values_come_back_clean(hs2021, form_values):
    checked = validate_demand(hs2021, form_values, complete=True)
    assert checked.ok
    assert checked.errors == {}
    assert checked.cleaned["budget_wan"] == Decimal("150")
    assert checked.cleaned["district"].name == "相城区"


def test_a_submission_reports_every_broken_rule_at_once_with_its_label(hs2021, form_values):
    values = form_values | {"description": "太短了。", "budget_wan": "", "company_profile": "很" * 400}
    checked = validate_demand(hs2021, values, complete=True)
    assert not checked.ok
    assert {"description", "budget_wan", "company_profile"} <= set(checked.errors)
    labelled = {name: label for name, label, _message in checked.labelled}
    assert labelled["budget_wan"] == checked.label("budget_wan") != "budget_wan"
    assert checked.cleaned["title"] == form_values["title"]  # what passed is still at hand


def test_a_draft_only_has_to_be_storable(hs2021, form_values):
    draft = {"company_name": form_values["company_name"], "title": form_values["title"]}
    assert validate_demand(hs2021, draft, complete=False).ok
    assert not validate_demand(hs2021, draft, complete=True).ok


def test_a_refused_save_carries_the_same_errors_and_no_form(hs2021, form_values, enterprise_user):
    values = form_values | {"budget_wan": "一百五十万"}
    expected = validate_demand(hs2021, values, complete=True).errors
    try:
        services.create_demand(hs2021, values, by=enterprise_user, submit=True)
    except services.DemandError as exc:
        assert exc.errors == expected
        assert not hasattr(exc, "form")
    else:
        raise AssertionError("an unreadable budget was accepted")
