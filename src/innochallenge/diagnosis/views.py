"""The broker's pages: the work queue, and the assignment, diagnosis and proposal forms of a demand."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from innochallenge.demands.pages import demand_page, visible_demand
from innochallenge.demands.services import DemandError
from innochallenge.diagnosis import services
from innochallenge.diagnosis.forms import AssignmentForm, DiagnosisForm
from innochallenge.diagnosis.models import ProposedEdit
from innochallenge.diagnosis.queries import work_queue


@login_required
@permission_required("diagnosis.view_queue", raise_exception=True)
def queue(request):
    today = timezone.localdate()
    return render(
        request, "diagnosis/queue.html", {"assignments": work_queue(request.user, today), "today": today}
    )


def _detail(request, demand, **forms):
    """The demand page again, its review panel holding the form the user sent, with its errors."""
    return demand_page(request, demand, given={"review": forms}, status=422)


@login_required
@require_POST
def assign(request, demand_id: int):
    demand = visible_demand(request, demand_id)
    if not request.user.has_perm("diagnosis.assign_demand.role", demand):
        raise PermissionDenied
    form = AssignmentForm(request.POST, today=timezone.localdate())
    if form.is_valid():
        try:
            services.assign(
                demand, form.cleaned_data["broker"], due_on=form.cleaned_data["due_on"], by=request.user
            )
        except DemandError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Assigned."))
            return redirect("demands:detail", demand_id=demand.pk)
    return _detail(request, demand, assignment_form=form)


@login_required
@require_POST
def diagnose(request, demand_id: int):
    demand = visible_demand(request, demand_id)
    if not request.user.has_perm("diagnosis.diagnose_demand.role", demand):
        raise PermissionDenied
    form = DiagnosisForm(request.POST, scale_max=demand.campaign.diagnosis_scale_max)
    if form.is_valid():
        try:
            record = services.diagnose(demand, by=request.user, **form.assessment())
        except DemandError as exc:
            for field, errors in exc.errors.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(
                request, _("Diagnosis saved: %(decision)s.") % {"decision": record.get_decision_display()}
            )
            return redirect("demands:detail", demand_id=demand.pk)
    return _detail(request, demand, diagnosis_form=form)


@login_required
@require_POST
def answer(request, proposal_id: int, answer: str):
    edit = get_object_or_404(ProposedEdit, pk=proposal_id)
    demand = visible_demand(request, edit.demand_id)
    if answer not in ("accept", "reject") or not request.user.has_perm(
        "diagnosis.answer_proposal.role", demand
    ):
        raise PermissionDenied
    try:
        services.decide_proposal(edit, accept=answer == "accept", by=request.user)
    except DemandError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your answer is recorded."))
    return redirect("demands:detail", demand_id=demand.pk)
