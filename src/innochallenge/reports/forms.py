from django import forms

from innochallenge.core.forms import ModelForm
from innochallenge.reports.models import FinancingRegistration


class FinancingForm(ModelForm):
    """The financing meeting's sign-up. What each party must state is the model's rule (`clean`)."""

    class Meta:
        model = FinancingRegistration
        fields = [
            "kind",
            "organisation_name",
            "contact_name",
            "contact_phone",
            "contact_email",
            "need_wan",
            "purpose",
            "offer_wan",
            "fields_of_interest",
            "note",
        ]
        widgets = {"fields_of_interest": forms.CheckboxSelectMultiple, "kind": forms.RadioSelect}

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.campaign = campaign
        self.fields["fields_of_interest"].queryset = campaign.industry_fields.all()
