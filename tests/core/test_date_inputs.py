"""Every date and time input of the site renders the ISO value HTML date pickers accept, whatever the
language: under zh-hans Django's own inputs write 2026/12/10, which a Chinese browser drops (issue 17)."""

import datetime as dt
import importlib
import pkgutil
import re

import pytest
from django import forms
from django.utils import translation

import innochallenge
from innochallenge.contracts.forms import ContractForm, PaymentForm
from innochallenge.core import widgets
from innochallenge.demands.models import Demand
from innochallenge.diagnosis.forms import AssignmentForm, DiagnosisForm
from innochallenge.events.forms import EventForm
from innochallenge.solutions.models import Solution

DAY = dt.date(2026, 12, 10)
#: 00:30 on 2026-12-03 in Beijing.
INSTANT = dt.datetime(2026, 12, 2, 16, 30, tzinfo=dt.UTC)
TEMPORAL = (forms.DateField, forms.DateTimeField, forms.TimeField)
SHARED = {
    forms.DateField: widgets.DateInput,
    forms.DateTimeField: widgets.DateTimeInput,
    forms.TimeField: widgets.TimeInput,
}

#: form class → (how to make it with initial values, {field: the value its input must carry})
CASES = {
    AssignmentForm: (
        lambda campaign: AssignmentForm(initial={"due_on": DAY}, today=DAY),
        {"due_on": "2026-12-10"},
    ),
    DiagnosisForm: (
        lambda campaign: DiagnosisForm(initial={"site_visit_on": DAY}, scale_max=5),
        {"site_visit_on": "2026-12-10"},
    ),
    EventForm: (
        lambda campaign: EventForm(
            initial={"date": DAY, "first_slot_at": dt.time(9, 5), "registration_deadline": INSTANT},
            campaign=campaign,
        ),
        {"date": "2026-12-10", "first_slot_at": "09:05", "registration_deadline": "2026-12-03T00:30"},
    ),
    ContractForm: (
        lambda campaign: ContractForm(
            initial={"signed_on": DAY}, demands=Demand.objects.none(), solutions=Solution.objects.none()
        ),
        {"signed_on": "2026-12-10"},
    ),
    PaymentForm: (lambda campaign: PaymentForm(initial={"paid_on": DAY}), {"paid_on": "2026-12-10"}),
}


def _project_forms() -> set[type]:
    """Every form class defined in the project that has a date, time or date-and-time field. Admin forms
    are left out: the admin swaps in its own text inputs with a calendar that writes and reads the
    locale's format, so they never reach a browser date picker."""
    for module in pkgutil.walk_packages(innochallenge.__path__, "innochallenge."):
        if not any(part in module.name for part in ("__main__", "wsgi", "settings", ".migrations")):
            importlib.import_module(module.name)
    found, todo = set(), [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        fields = getattr(cls, "base_fields", {}).values()
        ours = cls.__module__.startswith("innochallenge.") and not cls.__module__.endswith(".admin")
        if ours and any(isinstance(f, TEMPORAL) for f in fields):
            found.add(cls)
    return found


def _value_attribute(html: str) -> str:
    match = re.search(r'\svalue="([^"]*)"', html)
    return match.group(1) if match else ""


def test_every_form_with_dates_is_rendered_here():
    assert {f"{c.__module__}.{c.__name__}" for c in _project_forms()} == {
        f"{c.__module__}.{c.__name__}" for c in CASES
    }


def test_every_date_and_time_field_uses_the_shared_iso_inputs():
    for cls in _project_forms():
        for name, field in cls.base_fields.items():
            for kind, widget in SHARED.items():
                if isinstance(field, kind):
                    assert isinstance(field.widget, widget), f"{cls.__module__}.{cls.__name__}.{name}"


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", list(CASES), ids=lambda c: c.__name__)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_date_inputs_render_iso_values_in_every_language(hs2021, form_class, language):
    make, expected = CASES[form_class]
    with translation.override(language):
        form = make(hs2021)
        rendered = {name: _value_attribute(str(form[name])) for name in expected}

    assert rendered == expected


@pytest.mark.django_db
def test_the_assignment_due_date_renders_iso_under_zh_hans():
    """The reported case: the suggested due date a week on, as the liaison's browser receives it."""
    with translation.override("zh-hans"):
        html = str(AssignmentForm(today=dt.date(2026, 12, 3))["due_on"])

    assert 'type="date"' in html and 'value="2026-12-10"' in html and "2026/12/10" not in html


def test_iso_input_is_read_back_under_zh_hans():
    with translation.override("zh-hans"):
        form = PaymentForm({"amount_yuan": "1", "paid_on": "2026-12-10"})
        assert form.is_valid(), form.errors

    assert form.cleaned_data["paid_on"] == DAY
