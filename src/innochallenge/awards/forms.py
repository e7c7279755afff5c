from django import forms
from django.utils.translation import gettext_lazy as _

from innochallenge.awards.enums import EvidenceKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ContractForm(forms.Form):
    """A signed technology contract for one of the demands the user may register contracts for."""

    demand = forms.ModelChoiceField(label=_("Demand"), queryset=None)
    solution = forms.ModelChoiceField(
        label=_("Solution"), queryset=None, required=False, help_text=_("The solution the contract follows.")
    )
    number = forms.CharField(label=_("Contract number"), max_length=100)
    registration_number = forms.CharField(
        label=_("Technology-market registration number"), max_length=100, required=False
    )
    amount_yuan = forms.DecimalField(label=_("Contract amount (CNY)"), min_value=0, decimal_places=2)
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE)

    def __init__(self, *args, demands, solutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["demand"].queryset = demands
        self.fields["solution"].queryset = solutions

    def clean(self):
        data = super().clean()
        if data.get("solution") is None:
            self.add_error("solution", _("Choose the solution the contract is signed for."))
        return data


class PaymentForm(forms.Form):
    amount_yuan = forms.DecimalField(label=_("Amount paid (CNY)"), min_value=0, decimal_places=2)
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EvidenceKind.choices)
    file = forms.FileField(label=_("File"))


class SubsidyStateForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
