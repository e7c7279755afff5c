"""The user's own security pages: his signed-in sessions (end one, or all others) and his API tokens
(make one, shown once; revoke one). Each page shows only the user's own rows; another user's id is a 404."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from innochallenge.accounts import signins, tokens
from innochallenge.core import forms as guarded


@login_required
def sessions(request):
    signins.forget_expired(request.user)
    rows = signins.live_sign_ins(request.user).order_by("-last_seen_at")
    return render(
        request,
        "accounts/sessions.html",
        {"sign_ins": rows, "current_key": request.session.session_key},
    )


@login_required
@require_POST
def end_session(request, sign_in_id: int):
    if signins.live_sign_ins(request.user).filter(pk=sign_in_id, session_key=request.session.session_key):
        messages.error(request, _("This is the session you are using: log out to end it."))
    elif signins.end_session(request.user, sign_in_id, by=request.user):
        messages.success(request, _("The session was ended. That device must sign in again."))
    return redirect("accounts:sessions")


@login_required
@require_POST
def end_other_sessions(request):
    count = signins.end_other_sessions(request.user, keep=request.session.session_key, by=request.user)
    messages.success(
        request,
        ngettext("%(n)d other session was ended.", "%(n)d other sessions were ended.", count) % {"n": count},
    )
    return redirect("accounts:sessions")


class TokenForm(guarded.Form):
    label = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("What the token is for, e.g. the monthly report script."),
    )


@login_required
def api_tokens(request):
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = tokens.create_api_token(
            request.user, label=form.cleaned_data["label"], by=request.user
        )
        form = TokenForm()
    response = render(
        request,
        "accounts/tokens.html",
        {"form": form, "tokens": tokens.tokens_of(request.user), "secret": secret},
    )
    if secret:
        response["Cache-Control"] = "no-store"  # the secret is on this page only once
    return response


@login_required
@require_POST
def revoke_api_token(request, token_id: int):
    token = get_object_or_404(tokens.tokens_of(request.user), pk=token_id)
    tokens.revoke_api_token(token, by=request.user)
    messages.success(request, _("The token was revoked. Programs using it can no longer sign in."))
    return redirect("accounts:tokens")
