"""The judging pages' forms: they only bind and clean input; every rule is in `judging.services` and
`judging.scoring`."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from innochallenge.accounts.enums import Role
from innochallenge.core.forms import Form
from innochallenge.judging.enums import JudgeKind, Stage


class NewRoundForm(Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    name = forms.CharField(label=_("Name of the session"), max_length=200)


class JudgeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        profile = getattr(user, "judge_profile", None)
        name = user.get_full_name() or user.username
        return f"{name}（{profile.affiliation}）" if profile else name


class InviteForm(Form):
    """A judge not yet on the panel of `round`."""

    judge = JudgeChoiceField(label=_("Judge"), queryset=None)

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["judge"].queryset = (
            get_user_model()
            .objects.filter(role=Role.JUDGE, is_active=True)
            .exclude(panel_seats__round=round)
            .select_related("judge_profile")
            .order_by("first_name", "username")
        )


class DeclareForm(Form):
    kind = forms.ChoiceField(label=_("Kind of judge"), choices=JudgeKind.choices)
    affiliation = forms.CharField(label=_("Organisation you work for"), max_length=200)
    past_employers = forms.CharField(
        label=_("Past employers (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The organisations you worked for in the last three years."),
    )
    relations = forms.CharField(
        label=_("Relations (one organisation or person per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Family, shareholdings, advisory roles, joint projects in the last three years."),
    )


class PrescreenForm(Form):
    solution = forms.IntegerField()
    recommend = forms.TypedChoiceField(
        choices=[("yes", _("Recommend")), ("no", _("Do not recommend"))],
        coerce=lambda value: value == "yes",
    )
    note = forms.CharField(max_length=300, required=False)


class AbstainForm(Form):
    reason = forms.CharField(
        label=_("Why you step back"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecideForm(Form):
    """The demand side's choice among the final's `solutions`; cleans `solution` to the Solution. Whether
    a choice other than the panel's needs a reason is the rule of `results.decide`, not of this form."""

    solution = forms.TypedChoiceField(
        coerce=int,
        error_messages={
            "required": _("Choose one of the solutions."),
            "invalid_choice": _("Choose one of the solutions."),
        },
    )
    reason = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args, solutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.solutions = {s.pk: s for s in solutions}
        self.fields["solution"].choices = [(pk, s.title) for pk, s in self.solutions.items()]

    def clean_solution(self):
        return self.solutions[self.cleaned_data["solution"]]
