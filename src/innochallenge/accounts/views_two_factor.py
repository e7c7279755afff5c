"""The second factor's pages: the code after the password, setting up an authenticator, the user's own
status page. The rules and the writes are in accounts/two_factor.py."""

import base64

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from innochallenge.accounts import two_factor
from innochallenge.accounts.middleware import second_factor_page
from innochallenge.core import forms as guarded


class CodeForm(guarded.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


class LoginView(auth_views.LoginView):
    """Django's log-in page; after a correct password, a user who owes a second factor is sent on to it."""

    template_name = "accounts/login.html"

    def get_success_url(self):
        url = super().get_success_url()
        if two_factor.owes_second_factor(self.request.user, self.request.session):
            return f"{reverse(second_factor_page(self.request.user))}?{urlencode({'next': url})}"
        return url


def _verified(request, device) -> None:
    """The session now counts as signed in with two factors: under a new key, so an id learnt before the
    second factor (say, from a shared computer) is worth nothing after it."""
    request.session.cycle_key()
    otp_login(request, device)


def _next_url(request) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=request.is_secure()):
        return url
    return reverse(settings.LOGIN_REDIRECT_URL)


@login_required
def verify(request):
    if not two_factor.owes_second_factor(request.user, request.session):
        return redirect(_next_url(request))
    if not two_factor.is_enrolled(request.user):
        return redirect(f"{reverse('accounts:two-factor-enrol')}?{urlencode({'next': _next_url(request)})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = two_factor.verify_second_factor(request.user, form.cleaned_data["code"])
        except two_factor.TwoFactorError as exc:
            form.add_error("code", str(exc))
        else:
            _verified(request, device)
            if two_factor.recovery_codes_left(request.user) <= 3 and device.name == two_factor.RECOVERY_NAME:
                messages.warning(
                    request, _("Few recovery codes are left. Make new ones on your two-factor page.")
                )
            return redirect(_next_url(request))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)})


def _qr_svg(url: str) -> str:
    """The otpauth:// address as an inline SVG (segno; attributes only, no style, so the CSP holds)."""
    return segno.make(url, error="m", micro=False).svg_inline(scale=5, border=2, svgclass="qr", omitsize=True)


def _spaced(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
def enrol(request):
    """Set up an authenticator: a QR code and the secret in text, then a first code to confirm it. Who has
    one already must have signed in with it before replacing it."""
    user = request.user
    if two_factor.is_enrolled(user) and not user.is_verified():
        return redirect(f"{reverse('accounts:two-factor-verify')}?{urlencode({'next': _next_url(request)})}")
    device = two_factor.start_enrolment(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = two_factor.confirm_enrolment(user, form.cleaned_data["code"])
        except two_factor.TwoFactorError as exc:
            form.add_error("code", str(exc))
        else:
            _verified(request, device)
            return render(
                request, "accounts/two_factor_codes.html", {"codes": codes, "next": _next_url(request)}
            )
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "qr_svg": _qr_svg(device.config_url),
        "secret": _spaced(secret),
        "next": _next_url(request),
        "required": two_factor.is_required(user),
    }
    return render(request, "accounts/two_factor_enrol.html", context)


@login_required
def status(request):
    """The user's own second factor: on or off, recovery codes left, what he may change."""
    user = request.user
    context = {
        "enrolled": two_factor.is_enrolled(user),
        "required": two_factor.is_required(user),
        "codes_left": two_factor.recovery_codes_left(user),
    }
    return render(request, "accounts/two_factor_status.html", context)


@login_required
@require_POST
def regenerate_codes(request):
    try:
        codes = two_factor.regenerate_recovery_codes(request.user)
    except two_factor.TwoFactorError as exc:
        messages.error(request, str(exc))
        return redirect("accounts:two-factor")
    return render(
        request, "accounts/two_factor_codes.html", {"codes": codes, "next": reverse("accounts:two-factor")}
    )


@login_required
@require_POST
def turn_off(request):
    try:
        two_factor.turn_off(request.user)
    except two_factor.TwoFactorError as exc:
        messages.error(request, str(exc))
    else:
        two_factor.forget_at_turn_off(request.session)
        messages.success(request, _("Two-factor sign-in is off. You sign in with your password alone."))
    return redirect("accounts:two-factor")
