"""The review's panel of the demand page (demands/panels.py): the assignment and diagnosis forms for
those who may take the step now, the proposed edits, and the answer buttons for the enterprise."""

from django.utils import timezone

from innochallenge.diagnosis.enums import ProposalStatus
from innochallenge.diagnosis.forms import AssignmentForm, DiagnosisForm


def review(request, demand, *, assignment_form=None, diagnosis_form=None) -> dict:
    user = request.user
    can_assign = user.has_perm("diagnosis.assign_demand", demand)
    can_diagnose = user.has_perm("diagnosis.diagnose_demand", demand)
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
        "can_answer": user.has_perm("diagnosis.answer_proposal", demand),
        "pending_proposals": [p for p in proposals if p.status == ProposalStatus.PENDING],
    }
