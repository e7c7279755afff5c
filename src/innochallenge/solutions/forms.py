"""Forms of solutions and providers, shared by the pages and the API (the API feeds them its JSON)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from innochallenge.core.forms import Form, ModelForm
from innochallenge.demands.validation import BudgetField
from innochallenge.solutions.enums import DeclineReason
from innochallenge.solutions.models import ProviderProfile, Solution


class ProviderForm(ModelForm):
    name = forms.CharField(label=_("Name in Chinese"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = ProviderProfile
        fields = [
            "provider_type",
            "country",
            "expertise",
            "keywords",
            "website",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        widgets = {"expertise": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "expertise": _("One field per line, e.g. lithium battery materials; they help us match demands."),
            "keywords": _("Separated by commas."),
        }

    def clean(self):
        data = super().clean()
        if not (data.get("name") or "").strip() and not (data.get("name_en") or "").strip():
            self.add_error("name_en", _("Give your organisation's name in Chinese or in English."))
        return data


class SolutionForm(ModelForm):
    cost_wan = BudgetField(label=_("Cost estimate (10k CNY)"), required=False)

    class Meta:
        model = Solution
        fields = [
            "title",
            "summary",
            "approach",
            "indicators",
            "timeline",
            "cost_wan",
            "cooperation_mode",
            "team",
            "ip_status",
            "ip_note",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": rows})
            for name, rows in (
                ("summary", 4),
                ("approach", 6),
                ("indicators", 4),
                ("timeline", 3),
                ("team", 3),
            )
        }

    def __init__(self, *args, campaign, complete: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cooperation_mode"].queryset = campaign.cooperation_modes.all()
        self.fields["cooperation_mode"].label_from_instance = lambda mode: mode.display_name
        for name in ("approach", "indicators", "timeline", "cooperation_mode", "team", "ip_status"):
            self.fields[name].required = complete


class DecisionForm(Form):
    decision = forms.ChoiceField(choices=[("shortlist", _("Shortlist")), ("decline", _("Decline"))])
    reason = forms.ChoiceField(label=_("Reason"), choices=[("", "—"), *DeclineReason.choices], required=False)
    message = forms.CharField(
        label=_("Message to the provider"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class MessageForm(Form):
    body = forms.CharField(label=_("Message"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class AttachmentForm(Form):
    file = forms.FileField(label=_("Add a file"), help_text=_("PDF, Word, PowerPoint or an image."))
