"""The person's erasure request and the organisers' list of requests and erasures."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innochallenge.retention import services
from innochallenge.retention.enums import RequestState
from innochallenge.retention.forms import ErasureRequestForm
from innochallenge.retention.models import Erasure, ErasureRequest


@login_required
def request_erasure(request):
    pending = ErasureRequest.objects.filter(user=request.user, state=RequestState.PENDING).first()
    form = ErasureRequestForm(request.POST or None)
    if request.method == "POST" and pending is None and form.is_valid():
        services.request_erasure(request.user)
        messages.success(request, _("Your request is recorded."))
        return redirect("retention:request")
    return render(request, "retention/request.html", {"form": form, "pending": pending})


@login_required
def erasures(request):
    if not request.user.has_perm("retention.view_erasure"):
        raise PermissionDenied
    # The day each request's data is kept until as last computed (on asking, then by each daily sweep);
    # erasing at once checks it afresh.
    today = timezone.localdate()
    pending = list(ErasureRequest.objects.filter(state=RequestState.PENDING))
    for req in pending:
        req.may_erase_now = req.kept_until is None or today > req.kept_until
    done = list(Erasure.objects.select_related("by", "campaign"))
    for erasure in done:
        erasure.shown = [_described(item) for item in erasure.items]
    return render(request, "retention/list.html", {"pending": pending, "done": done})


@login_required
@require_POST
def erase_now(request, pk: int):
    if not request.user.has_perm("retention.erase_now"):
        raise PermissionDenied
    req = get_object_or_404(ErasureRequest, pk=pk, state=RequestState.PENDING)
    try:
        services.erase_now(req, by=request.user)
    except services.NotYetError:
        messages.error(request, _("A campaign still keeps this person's data; it cannot be erased yet."))
    else:
        messages.success(request, _("The personal information is erased."))
    return redirect("retention:list")


def _described(item: dict) -> dict:
    """A recorded item in the reader's words: the model's and the fields' names, not their codes."""
    try:
        meta = apps.get_model(item["model"])._meta
    except (LookupError, ValueError):
        return {"model": item["model"], "fields": item["fields"], "count": item["count"]}
    names = []
    for name in item["fields"]:
        try:
            names.append(str(meta.get_field(name).verbose_name))
        except LookupError:
            names.append(name)
    return {"model": str(meta.verbose_name), "fields": names, "count": item["count"]}
