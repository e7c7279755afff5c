from django import forms
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from innochallenge.core import forms as guarded

FIELD = "privacy_consent"


def _notice_link() -> SafeString:
    return format_html(
        '<a href="{}" target="_blank" rel="noopener">{}</a>',
        reverse("privacy:notice"),
        gettext("Read the privacy notice (opens in a new window)"),
    )


class ConsentField(forms.BooleanField):
    """The box a person ticks to accept the privacy notice; required, with a link to the notice."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("I have read and agree to the Privacy Notice"))
        kwargs.setdefault("help_text", lazy(_notice_link, SafeString)())
        kwargs.setdefault(
            "error_messages", {"required": _("Please tick the box to accept the Privacy Notice.")}
        )
        super().__init__(required=True, **kwargs)


class ConsentForm(guarded.Form):
    """The consent box on its own, for pages whose main form is not a Django form of ours to extend."""

    privacy_consent = ConsentField()


class AcceptForm(guarded.Form):
    privacy_consent = ConsentField(label=_("I have read and agree to the new version of the Privacy Notice"))
