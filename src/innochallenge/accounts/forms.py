from captcha.fields import CaptchaField
from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from innochallenge.accounts.enums import Role
from innochallenge.accounts.models import User
from innochallenge.core.forms import Form, TextGuard
from innochallenge.privacy.forms import ConsentField


class RegistrationForm(Form):
    role = forms.ChoiceField(
        label=_("I register as"),
        choices=[
            (Role.ENTERPRISE, _("an enterprise filing technology demands")),
            (Role.PROVIDER, _("a solution provider")),
        ],
        widget=forms.RadioSelect,
    )
    organisation_name = forms.CharField(label=_("Enterprise or organisation name"), max_length=200)
    username = forms.CharField(label=_("User name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput, strip=False)
    privacy_consent = ConsentField()

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This user name is taken."))
        return username

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("An account with this e-mail exists; use “forgot password” instead.")
            )
        return email

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            candidate = User(username=data.get("username", ""), email=data.get("email", ""))
            try:
                password_validation.validate_password(p1, candidate)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


def captcha_field() -> CaptchaField:
    """The self-hosted image CAPTCHA the registration form asks for after a few attempts (views.py)."""
    return CaptchaField(
        label=_("Characters in the picture"),
        help_text=_("Type the four characters shown in the picture; capitals or not."),
        error_messages={
            "invalid": _("The characters do not match the picture. Please type the new picture's."),
            "required": _("Please type the characters shown in the picture."),
        },
    )


class ResendVerificationForm(Form):
    email = forms.EmailField(label=_("E-mail you registered with"))


class QueuedPasswordResetForm(TextGuard, PasswordResetForm):
    """Django's reset form, with the mail handed to the task worker after the request: a slow or failing
    mail relay never holds up a web process or breaks the page (which says the same whether the address
    is known or not)."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        from innochallenge.accounts.tasks import task_send_password_reset  # noqa: PLC0415 - tasks import the forms' services: a cycle at load

        user_id, language = context["user"].pk, get_language() or settings.LANGUAGE_CODE
        domain, protocol = context["domain"], context["protocol"]
        transaction.on_commit(lambda: task_send_password_reset.enqueue(user_id, language, domain, protocol))
