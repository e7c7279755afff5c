"""A demand's life (SPEC §4) has one owner: every change of its status goes through `set_demand_state`,
which checks the table in `demands.enums`, saves, records the step in the audit trail and tells the
people concerned. Services decide *whether* a step may be taken by whom; this module makes it happen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from innochallenge.audit import services as audit
from innochallenge.demands.enums import DemandStatus, demand_may_go
from innochallenge.demands.errors import DemandError
from innochallenge.demands.models import Demand
from innochallenge.notifications.services import notify_demand

if TYPE_CHECKING:
    from innochallenge.accounts.models import User

_S = DemandStatus
#: Each step's name in the audit trail and the notice it sends (`demands.enums.DEMAND_TRANSITIONS`
#: says which steps exist; a test checks that every one of them is named here).
STEPS: dict[tuple[str, str], tuple[str, str]] = {
    (_S.DRAFT, _S.SUBMITTED): ("demand.submitted", "demand.submitted"),
    (_S.NEEDS_REVISION, _S.SUBMITTED): ("demand.submitted", "demand.submitted"),
    # A revision handed back goes straight to the broker who asked for it.
    (_S.NEEDS_REVISION, _S.UNDER_DIAGNOSIS): ("demand.submitted", "demand.resubmitted"),
    (_S.SUBMITTED, _S.UNDER_DIAGNOSIS): ("demand.diagnosis_started", "demand.diagnosis_started"),
    (_S.UNDER_DIAGNOSIS, _S.APPROVED): ("demand.diagnosed.approve", "demand.diagnosed.approve"),
    (_S.UNDER_DIAGNOSIS, _S.NEEDS_REVISION): ("demand.diagnosed.revise", "demand.diagnosed.revise"),
    (_S.UNDER_DIAGNOSIS, _S.REJECTED): ("demand.diagnosed.reject", "demand.diagnosed.reject"),
    (_S.UNDER_DIAGNOSIS, _S.LONG_TERM): ("demand.diagnosed.long_term", "demand.diagnosed.long_term"),
    (_S.APPROVED, _S.PUBLISHED): ("demand.published", "demand.published"),
    (_S.PUBLISHED, _S.CLOSED): ("demand.closed", "demand.closed"),
}
#: Withdrawing is one step from wherever the demand stands.
WITHDRAWN = ("demand.withdrawn", "demand.withdrawn")
del _S


def step(old: str, new: str) -> tuple[str, str]:
    """The audit action and the notice of the step from `old` to `new` (which the table allows)."""
    return WITHDRAWN if new == DemandStatus.WITHDRAWN else STEPS[(old, new)]


@transaction.atomic
def set_demand_state(
    demand: Demand,
    new: str,
    *,
    by: User,
    reason: str = "",
    fields: tuple[str, ...] = (),
    changes: dict | None = None,
    quiet: bool = False,
    **params,
) -> Demand:
    """Move `demand` (locked by the caller with select_for_update) to `new`.

    `fields` are other columns the caller changed for this step, saved with the status; `changes` their
    audit diff; `reason` goes to the audit note and to the notice. `quiet` records without telling anyone
    (an import, or a step the same person takes again at once). Refused with `DemandError` (a conflict)
    when the table does not allow the step; the demand is then left as it was."""
    old = demand.status
    if not demand_may_go(old, new):
        raise DemandError(
            _("A demand that is %(status)s cannot become %(new)s.")
            % {"status": demand.get_status_display(), "new": DemandStatus(new).label},
            conflict=True,
        )
    action, notice = step(old, new)
    demand.status = new
    demand.save(update_fields=["status", "updated_at", *fields])
    audit.record(
        actor=by, action=action, obj=demand, changes={**(changes or {}), "status": [old, new]}, note=reason
    )
    if not quiet:
        notify_demand(demand, notice, by=by, reason=reason, **params)
    return demand
