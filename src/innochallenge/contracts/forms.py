from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from innochallenge.contracts.enums import EvidenceKind
from innochallenge.contracts.validators import validate_meeting_not_after_signing
from innochallenge.core.forms import Form
from innochallenge.core.widgets import DateInput
from innochallenge.events.enums import MeetingState
from innochallenge.events.models import Meeting


def meetings_of(demands):
    """The held or scheduled meetings the enterprises of `demands` had at their campaigns' events."""
    enterprises = demands.values("organisation")
    return (
        Meeting.objects.filter(
            Q(request__sender__organisation__in=enterprises)
            | Q(request__recipient__organisation__in=enterprises),
            event__campaign__in=demands.values("campaign"),
            state__in=(MeetingState.HELD, MeetingState.SCHEDULED),
        )
        .select_related("event", "request__sender__organisation", "request__recipient__organisation")
        .order_by("-event__date", "slot", "table")
    )


def _meeting_label(meeting) -> str:
    sides = f"{meeting.request.sender.organisation.name} – {meeting.request.recipient.organisation.name}"
    return f"{meeting.event.display_name} · {meeting.event.date:%Y-%m-%d} · {sides}"


class ContractForm(Form):
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
    signed_on = forms.DateField(label=_("Signed on"), widget=DateInput())
    meeting = forms.ModelChoiceField(
        label=_("From the matchmaking meeting"),
        queryset=None,
        required=False,
        help_text=_("Leave empty to link the two sides' latest meeting held by the signing date."),
    )

    def __init__(self, *args, demands, solutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["demand"].queryset = demands
        self.fields["solution"].queryset = solutions
        self.fields["meeting"].queryset = meetings_of(demands)
        self.fields["meeting"].label_from_instance = _meeting_label

    def clean(self):
        data = super().clean()
        if data.get("solution") is None:
            self.add_error("solution", _("Choose the solution the contract is signed for."))
        try:
            validate_meeting_not_after_signing(data.get("meeting"), data.get("signed_on"))
        except ValidationError as exc:
            self.add_error("meeting", exc)
        return data


class PaymentForm(Form):
    amount_yuan = forms.DecimalField(label=_("Amount paid (CNY)"), min_value=0, decimal_places=2)
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput())
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class EvidenceForm(Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EvidenceKind.choices)
    file = forms.FileField(label=_("File"))


class SubsidyStateForm(Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
