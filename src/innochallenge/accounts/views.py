from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from innochallenge.accounts import services
from innochallenge.accounts.forms import RegistrationForm


def register(request):
    # "I have a solution" on a public demand sends providers here with the role chosen for them.
    form = RegistrationForm(request.POST or None, initial={"role": request.GET.get("role", "")})
    if request.method == "POST" and form.is_valid():
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
    return render(request, "accounts/register.html", {"form": form})


def verify_email(request, token: str):
    try:
        services.verify_email(token)
    except services.AccountError as exc:
        return render(request, "accounts/verify_failed.html", {"reason": str(exc)}, status=400)
    messages.success(request, _("Your e-mail address is verified. You can now log in."))
    return redirect("accounts:login")
