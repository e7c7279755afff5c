from django import forms
from django.utils.translation import gettext_lazy as _

from innochallenge.core.forms import Form
from innochallenge.publication.enums import BudgetDisplay


class DisplayForm(Form):
    """What the enterprise lets the public see."""

    show_company_name = forms.TypedChoiceField(
        label=_("Company name"),
        choices=[("1", _("Show our name")), ("0", _("Hide it: show “某企业” with district and field only"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        initial="0",
    )
    budget_display = forms.ChoiceField(
        label=_("Budget"),
        choices=BudgetDisplay.choices,
        widget=forms.RadioSelect,
        initial=BudgetDisplay.RANGE,
    )


class PublishForm(Form):
    """The broker's English version; without it the demand goes out in Chinese, English pending."""

    title_en = forms.CharField(label=_("Title in English"), max_length=300, required=False)
    description_en = forms.CharField(
        label=_("Description in English"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
