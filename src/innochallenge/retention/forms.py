from django import forms
from django.utils.translation import gettext_lazy as _

from innochallenge.core import forms as guarded


class ErasureRequestForm(guarded.Form):
    confirm = forms.BooleanField(
        label=_(
            "I ask that my personal information be erased and my account closed once no campaign keeps it."
        ),
        required=True,
    )
