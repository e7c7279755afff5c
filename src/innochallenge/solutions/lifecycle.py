"""A solution's life has one owner: every change of its status goes through `set_solution_state`, which
checks the table in `solutions.enums`, saves, records the step and tells the parties who may see it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from innochallenge.accounts.enums import Role
from innochallenge.audit import services as audit
from innochallenge.notifications.services import notify
from innochallenge.solutions.enums import SolutionStatus, solution_may_go
from innochallenge.solutions.errors import conflict
from innochallenge.solutions.models import Solution

if TYPE_CHECKING:
    from innochallenge.accounts.models import User

#: Who hears of each step: the enterprise and its broker of a solution handed in or withdrawn, the
#: provider of the enterprise's decision.
TOLD = {
    SolutionStatus.SUBMITTED: {"enterprise": True, "broker": True},
    SolutionStatus.WITHDRAWN: {"enterprise": True, "broker": True},
    SolutionStatus.SHORTLISTED: {"provider": True},
    SolutionStatus.DECLINED: {"provider": True},
}


def parties(solution: Solution, *, enterprise: bool = False, provider: bool = False, broker: bool = False):
    User = get_user_model()
    users: list = []
    if enterprise and solution.demand.organisation_id:
        users += User.objects.filter(role=Role.ENTERPRISE, organisation_id=solution.demand.organisation_id)
    if provider:
        users += User.objects.filter(role=Role.PROVIDER, organisation_id=solution.provider_id)
    assignment = getattr(solution.demand, "assignment", None)
    if broker and assignment is not None:
        users.append(assignment.broker)
    return users


def audience(solution: Solution, by: User | None, **chosen) -> list:
    """The parties of `solution` who may open it now, except whoever did the step: nobody hears of a
    solution they cannot see (the enterprise sees none from a provider awaiting verification)."""
    actor = getattr(by, "pk", None)
    return [
        u
        for u in parties(solution, **chosen)
        if u.pk != actor and u.has_perm("solutions.view_solution", solution)
    ]


def tell(solution: Solution, event: str, users, *, url: str = "") -> None:
    params = {
        "reference": solution.demand.reference,
        "title": solution.title,
        "demand": solution.demand.title,
    }
    notify(users, event, params, url or reverse("solutions:detail", args=[solution.pk]))


@transaction.atomic
def set_solution_state(
    solution: Solution, new: str, *, by: User, reason: str = "", changes: dict | None = None
) -> Solution:
    """Move `solution` (locked by the caller) to `new`, saving whatever else the caller set on it.

    The parties told are those who could see the solution before the step or can see it after: the
    enterprise learns of a solution handed in, and of one withdrawn that it saw (its notice then leads
    to the demand, the solution being closed to it). Refused with `SolutionError` (a conflict) when the
    table does not allow the step; nothing changes then."""
    old = solution.status
    if not solution_may_go(old, new):
        raise conflict(
            _("A solution that is %(status)s cannot become %(new)s.")
            % {"status": solution.get_status_display(), "new": SolutionStatus(new).label}
        )
    chosen = TOLD[SolutionStatus(new)]
    before = {u.pk: u for u in audience(solution, by, **chosen)}
    solution.status = new
    solution.save()
    audit.record(
        actor=by,
        action=f"solution.{new}",
        obj=solution,
        changes={"status": [old, new], **(changes or {})},
        note=reason,
    )
    told = before | {u.pk: u for u in audience(solution, by, **chosen)}
    url = reverse("demands:detail", args=[solution.demand_id]) if new == SolutionStatus.WITHDRAWN else ""
    tell(solution, f"solution.{new}", told.values(), url=url)
    return solution
