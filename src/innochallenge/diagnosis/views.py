"""The broker's pages: the work queue, and the assignment, diagnosis and proposal forms of a demand."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from innochallenge.accounts.enums import Role
from innochallenge.demands.services import DemandError
from innochallenge.demands.views import visible_demand
from innochallenge.diagnosis import services
from innochallenge.diagnosis.enums import ProposalStatus
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


def panel_context(request, demand, *, assignment_form=None, diagnosis_form=None) -> dict:
    """What the demand page shows of the review: forms for those who act, proposals for the enterprise."""
    user = request.user
    can_assign = user.has_perm("diagnosis.assign_demand", demand) and demand.status in services.ASSIGNABLE
    can_diagnose = user.has_perm("diagnosis.diagnose_demand", demand) and (
        demand.status == "under_diagnosis" or (demand.status == "submitted" and user.role == Role.ORGANISER)
    )
    if can_assign and assignment_form is None:
        assignment = getattr(demand, "assignment", None)
        initial = {"broker": assignment.broker_id, "due_on": assignment.due_on} if assignment else None
        assignment_form = AssignmentForm(initial=initial, today=timezone.localdate())
    if can_diagnose and diagnosis_form is None:
        diagnosis_form = DiagnosisForm(scale_max=demand.campaign.diagnosis_scale_max)
    proposals = demand.proposed_edits.select_related("proposed_by")
    return {
        "assignment_form": assignment_form if can_assign else None,
        "diagnosis_form": diagnosis_form if can_diagnose else None,
        "proposals": proposals,
        "can_answer": user.has_perm("diagnosis.answer_proposal", demand)
        and demand.status in services.ANSWERING,
        "pending_proposals": [p for p in proposals if p.status == ProposalStatus.PENDING],
    }


def _detail(request, demand, **forms):
    from innochallenge.demands.views import demand_detail

    return demand_detail(request, demand.pk, extra=panel_context(request, demand, **forms), status=422)


@login_required
@require_POST
def assign(request, demand_id: int):
    demand = visible_demand(request, demand_id)
    if not request.user.has_perm("diagnosis.assign_demand", demand):
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
    if not request.user.has_perm("diagnosis.diagnose_demand", demand):
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
    if answer not in ("accept", "reject") or not request.user.has_perm("diagnosis.answer_proposal", demand):
        raise PermissionDenied
    try:
        services.decide_proposal(edit, accept=answer == "accept", by=request.user)
    except DemandError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your answer is recorded."))
    return redirect("demands:detail", demand_id=demand.pk)
