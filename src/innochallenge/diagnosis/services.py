"""The review of a submitted demand (SPEC §4.2): assign a broker, diagnose, decide. Audited."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from innochallenge.accounts.enums import Role
from innochallenge.audit import services as audit
from innochallenge.demands.enums import DemandStatus
from innochallenge.demands.models import Demand
from innochallenge.demands.services import DemandError
from innochallenge.diagnosis.enums import Decision
from innochallenge.diagnosis.models import Assignment, Diagnosis

#: Where each decision takes the demand.
OUTCOME = {
    Decision.APPROVE: DemandStatus.APPROVED,
    Decision.REVISE: DemandStatus.NEEDS_REVISION,
    Decision.REJECT: DemandStatus.REJECTED,
    Decision.LONG_TERM: DemandStatus.LONG_TERM,
}
ASSIGNABLE = frozenset({DemandStatus.SUBMITTED, DemandStatus.UNDER_DIAGNOSIS, DemandStatus.NEEDS_REVISION})
#: A budget above this share of the upper end of the enterprise's sales bracket looks implausible.
PLAUSIBLE_SHARE = Decimal("0.5")


def _conflict(message: str) -> DemandError:
    return DemandError(message, {"__all__": [message]}, conflict=True)


@transaction.atomic
def assign(demand: Demand, broker, *, due_on: dt.date, by) -> Assignment:
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
    if demand.status == DemandStatus.SUBMITTED:
        demand.status = DemandStatus.UNDER_DIAGNOSIS
        demand.save(update_fields=["status", "updated_at"])
        audit.record(
            actor=by,
            action="demand.diagnosis_started",
            obj=demand,
            changes={"status": ["submitted", demand.status]},
        )
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
def diagnose(demand: Demand, *, decision: str, reason: str = "", by, **assessment) -> Diagnosis:
    """Record a diagnosis and move the demand on: approved, back for revision, rejected or long-term."""
    demand = Demand.objects.select_for_update(of=("self",)).select_related("sales_bracket").get(pk=demand.pk)
    if demand.status != DemandStatus.UNDER_DIAGNOSIS:
        raise _conflict(
            _("A demand that is %(status)s cannot be diagnosed; assign it to a broker first.")
            % {"status": demand.get_status_display()}
        )
    decision = Decision(decision)
    if decision != Decision.APPROVE and not reason.strip():
        message = _("Tell the enterprise why: a reason is required unless the demand is approved.")
        raise DemandError(message, {"reason": [message]})
    record = Diagnosis(demand=demand, diagnosed_by=by, decision=decision, reason=reason.strip(), **assessment)
    record.plausibility_warning = plausibility_warning(demand)
    try:
        record.full_clean(exclude=["demand", "diagnosed_by"])
    except ValidationError as exc:
        raise DemandError(_("The diagnosis is not valid."), exc.message_dict) from None
    record.save()
    before = demand.status
    demand.status = OUTCOME[decision]
    demand.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=by,
        action=f"demand.diagnosed.{decision}",
        obj=demand,
        changes={"status": [before, demand.status], "diagnosis": [None, record.pk]},
        note=record.reason,
    )
    return record
