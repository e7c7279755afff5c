"""The rules of the demand form (SPEC.md §3), in one place for the page, the API and the importers.

`validate_demand(campaign, data, complete=...)` is what services and importers call: it takes raw values
— strings as typed on a phone, JSON from the API, text read out of a Word or Excel file — and gives
either clean values or errors keyed by field.
A draft (`complete=False`) only has to be storable; a submission (`complete=True`) must satisfy every rule.
`DemandForm` holds the rules as a Django form; pages build their own from it to show what was typed.
"""

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from innochallenge.campaigns.models import Campaign
from innochallenge.core.forms import Form
from innochallenge.core.validators import validate_phone
from innochallenge.demands.fields import BY_NAME, SHEET_COLUMNS, squash

PROFILE_MAX = 300
DESCRIPTION_MIN = 50
BUDGET_MAX = Decimal("9999999999.99")

_UNIT = re.compile(r"(人民币)?(万元|万|wan|10kcny|rmb10k|cny10k)$", re.IGNORECASE)
_CURRENCY = re.compile(r"^(rmb|cny|¥|￥)", re.IGNORECASE)
_TRUE = {"1", "true", "yes", "y", "是", "√", "✓", "✔", "☑", "☒", "■", "x", "on"}
_FALSE = {"", "0", "false", "no", "n", "否", "□", "☐", "off", "none"}


def characters(text: str) -> int:
    """How many characters a reader sees: NFC, surrounding white space (also full-width) not counted."""
    return len(unicodedata.normalize("NFC", text or "").strip())


def parse_wan(value) -> Decimal | None:
    """A budget in 万元 as people write it: "150", "150万元", "1,200.5 万", "１５０", "￥80万"."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int | float):
        return Decimal(str(value))
    text = re.sub(r"[\s,，]", "", unicodedata.normalize("NFKC", str(value)))
    text = _CURRENCY.sub("", _UNIT.sub("", text))
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValidationError(
            _("Enter the budget as a number of 10k CNY (万元), for example 150 or 12.5."), code="invalid"
        ) from None
    if not number.is_finite():
        raise ValidationError(_("Enter the budget as a number of 10k CNY (万元)."), code="invalid")
    return number


class BudgetField(forms.Field):
    def to_python(self, value):
        return parse_wan(value)

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if value <= 0:
            raise ValidationError(_("The budget must be more than zero."), code="min_value")
        if value > BUDGET_MAX:
            raise ValidationError(_("The budget is too large."), code="max_value")
        if value.normalize().as_tuple().exponent < -2:
            raise ValidationError(
                _("Give the budget with at most two decimals (万元)."), code="max_decimal_places"
            )


class LenientBooleanField(forms.Field):
    """Yes or no as sheets and Word forms say it (是/否, √, true/false, 1/0)."""

    def to_python(self, value):
        if isinstance(value, bool):
            return value
        text = squash(str(value or ""))
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValidationError(_("Answer yes (是) or no (否)."), code="invalid")

    def validate(self, value):
        return None


def _option_key(obj) -> set[str]:
    return {squash(obj.code), squash(obj.name), squash(obj.name_en)} - {""}


class _Options:
    """Match what a person typed against a campaign's option list: code, Chinese or English name."""

    def __init__(self, queryset):
        self.objects = list(queryset)

    def find(self, value):
        if hasattr(value, "pk"):
            return value if value in self.objects else None
        key = squash(str(value))
        return next((o for o in self.objects if key in _option_key(o)), None)


class OptionField(forms.ChoiceField):
    def __init__(self, queryset, *, blank: bool = True, **kwargs):
        self.options = _Options(queryset)
        choices = [(o.code, o) for o in self.options.objects]
        super().__init__(choices=[("", "---------"), *choices] if blank else choices, **kwargs)

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        found = self.options.find(value)
        if found is None:
            raise ValidationError(
                _("“%(value)s” is not one of the choices."), code="invalid_choice", params={"value": value}
            )
        return found

    def validate(self, value):
        if value is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")

    def valid_value(self, value):
        return True


class OptionsField(OptionField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, blank=False, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return []
        if isinstance(value, str):
            value = [v for v in re.split(r"[、,，;；/\n]", value)]
        picked = []
        for item in value:
            if not str(item).strip():
                continue
            found = self.options.find(item)
            if found is None:
                raise ValidationError(
                    _("“%(value)s” is not one of the choices."), code="invalid_choice", params={"value": item}
                )
            if found not in picked:
                picked.append(found)
        return sorted(picked, key=self.options.objects.index)  # the campaign's order, as on the form

    def validate(self, value):
        if not value and self.required:
            raise ValidationError(self.error_messages["required"], code="required")


FORM_ORDER = (
    *SHEET_COLUMNS[: SHEET_COLUMNS.index("industry_field") + 1],
    "industry_field_other",
    "description",
    "cooperation_modes",
    "cooperation_other",
    "broker_name",
    "broker_phone",
    "is_leading_enterprise",
)


#: What to do when a required field is empty, named for the rule (not Django's generic "This field is
#: required."): the same words on the web form, the phone form, the API and the import reports.
REQUIRED_MESSAGES = {
    "company_name": _("Company name is required: enter the full name on the business licence."),
    "district": _("District is required: choose the district where the company is registered."),
    "contact_name": _("Contact person is required: enter the name of the person we may call."),
    "contact_phone": _("Contact phone is required: enter a mobile or landline number."),
    "contact_email": _("E-mail is required: enter the contact person's e-mail address."),
    "sales_bracket": _("Sales last year is required: choose the bracket of last year's sales."),
    "title": _("Demand title is required: name the technology the company needs in a few words."),
    "budget_wan": _("Budget is required: enter the amount in 10k CNY (万元)."),
    "industry_field": _("Industry field is required: choose the field of the demand."),
    "description": _("Demand description is required: describe the problem, the targets and the specs."),
    "cooperation_modes": _("Cooperation modes are required: choose at least one way to cooperate."),
}


def _label(name: str):
    return BY_NAME[name].label


class DemandForm(Form):
    """The official form. Field names are the API's; labels come from `demands.fields`."""

    company_name = forms.CharField(max_length=200)
    contact_name = forms.CharField(max_length=50)
    contact_phone = forms.CharField(max_length=40)
    contact_title = forms.CharField(max_length=100)
    contact_email = forms.CharField(max_length=254, widget=forms.EmailInput)
    company_profile = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    title = forms.CharField(max_length=200)
    budget_wan = BudgetField(widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    industry_field_other = forms.CharField(max_length=100)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}))
    cooperation_other = forms.CharField(max_length=100)
    broker_name = forms.CharField(max_length=50)
    broker_phone = forms.CharField(max_length=40)
    is_leading_enterprise = LenientBooleanField(widget=forms.CheckboxInput)

    #: Required on submission (the rest are optional on the paper form too).
    REQUIRED = (
        "company_name",
        "district",
        "contact_name",
        "contact_phone",
        "contact_email",
        "sales_bracket",
        "title",
        "budget_wan",
        "industry_field",
        "description",
        "cooperation_modes",
    )

    def __init__(self, campaign: Campaign, data=None, *, complete: bool = True, **kwargs):
        super().__init__(data, **kwargs)
        self.campaign = campaign
        self.complete = complete
        self.fields["district"] = OptionField(campaign.districts.all())
        self.fields["sales_bracket"] = OptionField(
            campaign.sales_brackets.all(), blank=False, widget=forms.RadioSelect
        )
        self.fields["industry_field"] = OptionField(
            campaign.industry_fields.all(), blank=False, widget=forms.RadioSelect
        )
        self.fields["cooperation_modes"] = OptionsField(campaign.cooperation_modes.all())
        self.fields = {name: self.fields[name] for name in FORM_ORDER}
        for name, field in self.fields.items():
            field.label = _label(name)
            field.required = complete and name in self.REQUIRED
            if name in REQUIRED_MESSAGES:
                field.error_messages["required"] = REQUIRED_MESSAGES[name]
        self.fields["company_profile"].help_text = _("At most %(n)s characters.") % {"n": PROFILE_MAX}
        self.fields["description"].help_text = _(
            "At least %(n)s characters: the problem to solve, the target technical indicators, the specs."
        ) % {"n": DESCRIPTION_MIN}
        self.fields["budget_wan"].help_text = _("In 10k CNY (万元), e.g. 150 or 12.5.")

    # Field-level rules. Formats are checked on submission; a draft may hold a half-typed phone.
    def _check(self, name, validator):
        value = self.cleaned_data.get(name, "")
        if value and self.complete:
            validator(value)
        return value

    def clean_contact_phone(self):
        return self._check("contact_phone", validate_phone)

    def clean_broker_phone(self):
        return self._check("broker_phone", validate_phone)

    def clean_contact_email(self):
        def email(value):
            try:
                validate_email(value)
            except ValidationError:
                raise ValidationError(_("Enter a valid e-mail address."), code="invalid") from None

        return self._check("contact_email", email)

    def clean_company_profile(self):
        value = self.cleaned_data.get("company_profile", "")
        count = characters(value)
        if count > PROFILE_MAX:
            raise ValidationError(
                _("The company profile has %(count)s characters; at most %(max)s are allowed."),
                code="max_length",
                params={"count": count, "max": PROFILE_MAX},
            )
        return value

    def clean_description(self):
        value = self.cleaned_data.get("description", "")
        count = characters(value)
        if value and self.complete and count < DESCRIPTION_MIN:
            raise ValidationError(
                _("The description has %(count)s characters; at least %(min)s are needed."),
                code="min_length",
                params={"count": count, "min": DESCRIPTION_MIN},
            )
        return value

    def clean(self):
        data = super().clean()
        field = data.get("industry_field")
        if field is not None and not field.requires_text:
            data["industry_field_other"] = ""
        elif field is not None and self.complete and not data.get("industry_field_other"):
            self.add_error(
                "industry_field_other",
                ValidationError(
                    _("Say which field, since “%(option)s” is chosen."),
                    code="required",
                    params={"option": field.name},
                ),
            )
        modes = data.get("cooperation_modes") or []
        other = next((m for m in modes if m.requires_text), None)
        if other is None and "cooperation_modes" in data:
            data["cooperation_other"] = ""
        elif other is not None and self.complete and not data.get("cooperation_other"):
            self.add_error(
                "cooperation_other",
                ValidationError(
                    _("Say which cooperation mode, since “%(option)s” is chosen."),
                    code="required",
                    params={"option": other.name},
                ),
            )
        return data

    def labelled_errors(self) -> list[tuple[str, str, str]]:
        """`(field, label, message)` for every error, in the form's order: for reports and summaries."""
        order = list(self.fields)
        rows = []
        for name in sorted(self.errors, key=lambda n: order.index(n) if n in order else len(order)):
            label = str(self.fields[name].label) if name in self.fields else ""
            rows.extend((name, label, str(message)) for message in self.errors[name])
        return rows


@dataclass(frozen=True)
class Checked:
    """What the rules make of raw values: `cleaned` (the fields that passed, all of them when `ok`) and
    `errors` by field (`__all__` for the rest), also as `(field, label, message)` rows in the form's order."""

    cleaned: dict
    errors: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    labelled: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def label(self, name: str) -> str:
        return str(BY_NAME[name].label) if name in BY_NAME else name


def validate_demand(campaign: Campaign, data, *, complete: bool) -> Checked:
    """The demand form's rules over raw values (a dict, a QueryDict, JSON, a row read from a file)."""
    form = DemandForm(campaign, data, complete=complete)
    if form.is_valid():
        return Checked(form.cleaned_data)
    errors = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
    return Checked(form.cleaned_data, errors, form.labelled_errors())
