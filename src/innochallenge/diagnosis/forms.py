"""The broker's pages: assign a demand, record a diagnosis (with proposed rewrites)."""

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from innochallenge.accounts.enums import Role
from innochallenge.core.forms import Form, ModelForm
from innochallenge.core.widgets import DateInput
from innochallenge.diagnosis.enums import SCORED, Decision
from innochallenge.diagnosis.models import Diagnosis

DEFAULT_DAYS = 7


class AssignmentForm(Form):
    broker = forms.ModelChoiceField(label=_("Broker"), queryset=get_user_model().objects.none())
    due_on = forms.DateField(label=_("Diagnosis due"), widget=DateInput())

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["broker"].queryset = (
            get_user_model()
            .objects.filter(role=Role.BROKER, is_active=True, organisation__isnull=False)
            .select_related("organisation")
            .order_by("organisation__name", "username")
        )
        self.fields["broker"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username} · {u.organisation.name}"
        )
        self.fields["due_on"].initial = today + dt.timedelta(days=DEFAULT_DAYS)


class DiagnosisForm(ModelForm):
    proposed_title = forms.CharField(
        label=_("Proposed title"), required=False, help_text=_("Leave empty to keep the enterprise's title.")
    )
    proposed_description = forms.CharField(
        label=_("Proposed description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A rewrite with the target indicators stated; the enterprise accepts or rejects it."),
    )

    class Meta:
        model = Diagnosis
        fields = [
            "site_visit_done",
            "site_visit_on",
            "site_visit_by",
            *SCORED,
            "indicators_stated",
            "field_right",
            "budget_credible",
            "solvable_as_written",
            "refinement_notes",
            "decision",
            "reason",
        ]
        widgets = {
            "site_visit_on": DateInput(),
            "refinement_notes": forms.Textarea(attrs={"rows": 3}),
            "reason": forms.Textarea(attrs={"rows": 3}),
            "decision": forms.RadioSelect,
        }

    def __init__(self, *args, scale_max: int, **kwargs):
        super().__init__(*args, **kwargs)
        marks = [("", "—"), *((i, str(i)) for i in range(1, scale_max + 1))]
        for name in SCORED:
            field = self.fields[name]
            self.fields[name] = forms.TypedChoiceField(
                label=field.label, choices=marks, coerce=int, empty_value=None, required=False
            )
        self.fields["decision"].choices = Decision.choices

    def assessment(self) -> dict:
        data = dict(self.cleaned_data)
        proposals = {"title": data.pop("proposed_title"), "description": data.pop("proposed_description")}
        return data | {"proposals": proposals}
