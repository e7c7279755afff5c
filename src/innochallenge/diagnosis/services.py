"""The review of a submitted demand (SPEC §4.2): assign a broker, diagnose, decide. Audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innochallenge.accounts.enums import Role
from innochallenge.audit import services as audit
from innochallenge.demands.enums import DemandStatus
from innochallenge.demands.lifecycle import set_demand_state
from innochallenge.demands.models import Demand
from innochallenge.demands.services import DemandError, values_of
from innochallenge.demands.validation import validate_demand
from innochallenge.diagnosis.enums import (
    ANSWERING,
    ASSIGNABLE,
    PROPOSABLE,
    PROPOSING,
    SCORED,
    Decision,
    ProposalStatus,
)
from innochallenge.diagnosis.models import Assignment, Diagnosis, ProposedEdit
from innochallenge.notifications.services import notify_demand

if TYPE_CHECKING:
    from innochallenge.accounts.models import User

#: Where each decision takes the demand.
OUTCOME = {
    Decision.APPROVE: DemandStatus.APPROVED,
    Decision.REVISE: DemandStatus.NEEDS_REVISION,
    Decision.REJECT: DemandStatus.REJECTED,
    Decision.LONG_TERM: DemandStatus.LONG_TERM,
}
#: A budget above this share of the upper end of the enterprise's sales bracket looks implausible.
PLAUSIBLE_SHARE = Decimal("0.5")


def _conflict(message: str) -> DemandError:
    return DemandError(message, {"__all__": [message]}, conflict=True)


@transaction.atomic
def assign(demand: Demand, broker, *, due_on: dt.date, by: User) -> Assignment:
    """Give a submitted demand to a broker of a service team; it is then under diagnosis."""
    demand = Demand.objects.select_for_update().get(pk=demand.pk)
    if demand.status not in ASSIGNABLE:
        raise _conflict(
            _("A demand that is %(status)s cannot be assigned.") % {"status": demand.get_status_display()}
        )
    if broker.role != Role.BROKER or broker.organisation_id is None:
        message = _("Only a broker of a service team can diagnose demands.")
        raise DemandError(message, {"broker": [message]})
    assignment = Assignment.objects.filter(demand=demand).first()
    before = audit.snapshot(assignment, ["broker_id", "due_on"]) if assignment else {}
    assignment = assignment or Assignment(demand=demand)
    assignment.broker, assignment.service_team = broker, broker.organisation
    assignment.due_on, assignment.assigned_by = due_on, by
    assignment.save()
    audit.record(
        actor=by,
        action="demand.assigned",
        obj=demand,
        changes=audit.diff(before, audit.snapshot(assignment, ["broker_id", "due_on"])),
    )
    demand.assignment = assignment
    notify_demand(demand, "demand.assigned", by=by, due=due_on)
    if demand.status == DemandStatus.SUBMITTED:
        set_demand_state(demand, DemandStatus.UNDER_DIAGNOSIS, by=by)
    return assignment


def plausibility_warning(demand: Demand) -> str:
    """A warning when the budget is large against the enterprise's last-year sales."""
    bracket = demand.sales_bracket
    if demand.budget_wan is None or bracket is None or bracket.upper_wan is None:
        return ""
    if demand.budget_wan > bracket.upper_wan * PLAUSIBLE_SHARE:
        return _("A budget of %(budget)s万元 is more than half of sales below %(upper)s万元 last year.") % {
            "budget": format(demand.budget_wan.normalize(), "f"),
            "upper": format(bracket.upper_wan.normalize(), "f"),
        }
    return ""


@transaction.atomic
def diagnose(
    demand: Demand, *, decision: str, reason: str = "", by: User, proposals: dict | None = None, **assessment
) -> Diagnosis:
    """Record a diagnosis and move the demand on: approved, back for revision, rejected or long-term."""
    demand = Demand.objects.select_for_update(of=("self",)).select_related("sales_bracket").get(pk=demand.pk)
    # The organiser may do every step itself, a paper form's diagnosis included, without a broker.
    if demand.status == DemandStatus.SUBMITTED and getattr(by, "role", None) == Role.ORGANISER:
        set_demand_state(demand, DemandStatus.UNDER_DIAGNOSIS, by=by, quiet=True)  # the decision follows
    if demand.status != DemandStatus.UNDER_DIAGNOSIS:
        raise _conflict(
            _("A demand that is %(status)s cannot be diagnosed; assign it to a broker first.")
            % {"status": demand.get_status_display()}
        )
    decision = Decision(decision)
    if decision != Decision.APPROVE and not reason.strip():
        message = _("Tell the enterprise why: a reason is required unless the demand is approved.")
        raise DemandError(message, {"reason": [message]})
    _check_scale(demand.campaign.diagnosis_scale_max, assessment)
    proposals = {k: v for k, v in (proposals or {}).items() if v is not None and v.strip()}
    record = Diagnosis(demand=demand, diagnosed_by=by, decision=decision, reason=reason.strip(), **assessment)
    record.plausibility_warning = plausibility_warning(demand)
    try:
        record.full_clean(exclude=["demand", "diagnosed_by"])
    except ValidationError as exc:
        raise DemandError(_("The diagnosis is not valid."), exc.message_dict) from None
    record.save()
    for field, text in proposals.items():
        _propose(demand, field, text, by=by, diagnosis=record)
    set_demand_state(
        demand, OUTCOME[decision], by=by, reason=record.reason, changes={"diagnosis": [None, record.pk]}
    )
    return record


def _check_scale(top: int, assessment: dict) -> None:
    errors = {}
    for name in SCORED:
        value = assessment.get(name)
        if value is not None and not 1 <= value <= top:
            errors[name] = [_("Rate from 1 to %(top)s.") % {"top": top}]
    if errors:
        raise DemandError(_("The diagnosis is not valid."), errors)


def _check_text(demand: Demand, field: str, text: str) -> str:
    if field not in PROPOSABLE:
        message = _("Only the title and the description can be rewritten.")
        raise DemandError(message, {field: [message]})
    checked = validate_demand(demand.campaign, values_of(demand, key="code") | {field: text}, complete=True)
    if field in checked.errors:
        raise DemandError(_("The proposed text is not valid."), {field: checked.errors[field]})
    return checked.cleaned[field]


def _propose(
    demand: Demand, field: str, text: str, *, by: User, diagnosis=None, note: str = ""
) -> ProposedEdit:
    text = _check_text(demand, field, text)
    ProposedEdit.objects.filter(demand=demand, field=field, status=ProposalStatus.PENDING).update(
        status=ProposalStatus.REJECTED, decided_at=timezone.now()
    )
    edit = ProposedEdit.objects.create(
        demand=demand,
        diagnosis=diagnosis,
        field=field,
        original=getattr(demand, field),
        proposed=text,
        note=note.strip(),
        proposed_by=by,
    )
    audit.record(
        actor=by,
        action="demand.edit_proposed",
        obj=demand,
        changes={field: [edit.original, edit.proposed]},
        note=edit.note,
    )
    notify_demand(demand, "demand.edit_proposed", by=by)
    return edit


@transaction.atomic
def propose_edit(demand: Demand, field: str, text: str, *, by: User, note: str = "") -> ProposedEdit:
    """The broker rewrites the title or description; the enterprise will accept or reject it."""
    demand = Demand.objects.select_for_update().get(pk=demand.pk)
    if demand.status not in PROPOSING:
        raise _conflict(
            _("Changes can be proposed during diagnosis only; this demand is %(status)s.")
            % {"status": demand.get_status_display()}
        )
    return _propose(demand, field, text, by=by, note=note)


@transaction.atomic
def decide_proposal(edit: ProposedEdit, *, accept: bool, by: User) -> ProposedEdit:
    """The enterprise takes the broker's text (its own is kept in the proposal) or keeps its own."""
    edit = ProposedEdit.objects.select_for_update().get(pk=edit.pk)
    demand = Demand.objects.select_for_update().get(pk=edit.demand_id)
    if edit.status != ProposalStatus.PENDING:
        raise _conflict(_("This proposal was already answered."))
    if demand.status not in ANSWERING:
        raise _conflict(
            _("The demand is %(status)s: proposals can no longer be answered.")
            % {"status": demand.get_status_display()}
        )
    edit.status = ProposalStatus.ACCEPTED if accept else ProposalStatus.REJECTED
    edit.decided_by, edit.decided_at = by, timezone.now()
    edit.save()
    if accept:
        before = getattr(demand, edit.field)
        setattr(demand, edit.field, edit.proposed)
        demand.save(update_fields=[edit.field, "updated_at"])
        audit.record(
            actor=by,
            action="demand.edit_accepted",
            obj=demand,
            changes={edit.field: [before, edit.proposed], "proposal": [None, edit.pk]},
        )
    else:
        audit.record(
            actor=by, action="demand.edit_rejected", obj=demand, changes={"proposal": [edit.pk, None]}
        )
    notify_demand(demand, f"demand.edit_{edit.status}", by=by, field=edit.field_label)
    return edit
