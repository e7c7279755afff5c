from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from innochallenge.accounts import services
from innochallenge.accounts.forms import RegistrationForm, ResendVerificationForm, captcha_field
from innochallenge.accounts.throttling import client_ip
from innochallenge.core import throttle

#: Registration attempts per address in the current hour, for the CAPTCHA (not the throttle's count).
_ATTEMPTS = "registration_attempt"


def _attempts(request) -> int:
    return throttle.peek(_ATTEMPTS, client_ip(request), period=3600)


@throttle.throttled("register")
def register(request):
    # "I have a solution" on a public demand sends providers here with the role chosen for them.
    after = settings.REGISTRATION_CAPTCHA_AFTER
    form = RegistrationForm(request.POST or None, initial={"role": request.GET.get("role", "")})
    if _attempts(request) >= after:
        form.fields["captcha"] = captcha_field()
    if request.method == "POST":
        throttle.hit(_ATTEMPTS, client_ip(request), rate=f"{after}/h")
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.register_account(
                    role=data["role"],
                    username=data["username"],
                    email=data["email"],
                    password=data["password1"],
                    organisation_name=data["organisation_name"],
                    language=get_language(),
                    consented=data["privacy_consent"],  # required by the form
                )
            except services.AccountError as exc:
                form.add_error(exc.field, str(exc))
            else:
                return render(request, "accounts/register_done.html", {"email": data["email"]})
        if "captcha" not in form.fields and _attempts(request) >= after:
            form.fields["captcha"] = captcha_field()  # from the next attempt on
    return render(request, "accounts/register.html", {"form": form})


@throttle.throttled("verification_mail", recipient_field="email")
def resend_verification(request):
    form = ResendVerificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.resend_verification_mail(email=form.cleaned_data["email"], language=get_language())
        return render(request, "accounts/resend_verification.html", {"sent_to": form.cleaned_data["email"]})
    return render(request, "accounts/resend_verification.html", {"form": form})


def verify_email(request, token: str):
    try:
        services.verify_email(token)
    except services.AccountError as exc:
        return render(request, "accounts/verify_failed.html", {"reason": str(exc)}, status=400)
    messages.success(request, _("Your e-mail address is verified. You can now log in."))
    return redirect("accounts:login")
