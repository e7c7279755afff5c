from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from innochallenge.campaigns.enums import EventKind
from innochallenge.core.forms import Form
from innochallenge.core.widgets import DateInput, DateTimeInput, TimeInput
from innochallenge.events.enums import Priority


class EventForm(Form):
    """A new event; its name comes from the campaign's template and the district or industry chosen."""

    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    district = forms.ModelChoiceField(label=_("District (regional session)"), queryset=None, required=False)
    industry_field = forms.ModelChoiceField(
        label=_("Industry field (industry session)"), queryset=None, required=False
    )
    organising_unit = forms.CharField(label=pgettext_lazy("event", "Organising unit"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    venue = forms.CharField(label=_("Venue"), max_length=200)
    tables = forms.IntegerField(label=_("Tables"), min_value=1, max_value=500, initial=20)
    interpreter_tables = forms.IntegerField(
        label=_("Tables with an interpreter"), min_value=0, max_value=500, initial=0
    )
    first_slot_at = forms.TimeField(
        label=_("First meeting starts at"),
        initial="09:00",
        widget=TimeInput(),
    )
    slot_minutes = forms.IntegerField(
        label=_("Meeting length (minutes)"), min_value=5, max_value=240, initial=20
    )
    break_minutes = forms.IntegerField(
        label=_("Break between meetings (minutes)"), min_value=0, max_value=120, initial=5
    )
    slots = forms.IntegerField(label=_("Meeting slots"), min_value=1, max_value=48, initial=12)
    registration_deadline = forms.DateTimeField(
        label=_("Registration deadline"),
        widget=DateTimeInput(),
    )

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = campaign.districts.all()
        self.fields["industry_field"].queryset = campaign.industry_fields.all()

    def clean(self):
        data = super().clean()
        subject = (
            data.get("district") if data.get("kind") == EventKind.REGIONAL else data.get("industry_field")
        )
        if subject is None:
            self.add_error(
                "district" if data.get("kind") == EventKind.REGIONAL else "industry_field",
                _("Choose the district of a regional session or the field of an industry session."),
            )
        data["subject"] = subject
        return data


class RegisterForm(Form):
    demands = forms.ModelMultipleChoiceField(
        label=_("Demands you bring"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, demands, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["demands"].queryset = demands


class RequestForm(Form):
    priority = forms.TypedChoiceField(
        label=_("Priority"), choices=Priority.choices, coerce=int, initial=Priority.SHOULD
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
    needs_interpreter = forms.BooleanField(label=_("We need an interpreter"), required=False)


class AvailabilityForm(Form):
    unavailable = forms.TypedMultipleChoiceField(
        label=_("Slots you cannot attend"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unavailable"].choices = [
            (s, f"{start:%H:%M}–{end:%H:%M}") for s, start, end in event.slot_times()
        ]
