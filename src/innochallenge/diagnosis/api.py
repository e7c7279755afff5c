"""The review of a demand over HTTP: assign it to a broker, post a diagnosis."""

import datetime as dt
from typing import Literal

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from innochallenge.accounts.api import ErrorOut, bearer
from innochallenge.api_types import RowId
from innochallenge.core.schemas import InputSchema
from innochallenge.demands import queries
from innochallenge.demands.api import DemandOut, demand_out
from innochallenge.diagnosis import services
from innochallenge.diagnosis.enums import Decision

router = Router(tags=["diagnosis"], auth=bearer)
_RESPONSES = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class AssignmentIn(InputSchema):
    broker: str = Field(description="User name of a broker of a service team.")
    due_on: dt.date


class DiagnosisIn(InputSchema):
    MULTILINE = frozenset({"reason", "refinement_notes", "proposed_description"})

    decision: Decision
    reason: str = Field("", description="Shown to the enterprise; required unless approved.")
    site_visit_done: bool = False
    site_visit_on: dt.date | None = None
    site_visit_by: str = ""
    technical_advancement: int | None = Field(None, ge=1, le=10, description="1 to the campaign's top mark.")
    solvability: int | None = Field(None, ge=1, le=10)
    funding_capacity: int | None = Field(None, ge=1, le=10)
    refinement_notes: str = ""
    indicators_stated: bool = False
    field_right: bool = False
    budget_credible: bool = False
    solvable_as_written: bool = False
    proposed_title: str | None = Field(None, description="A rewrite the enterprise may accept or reject.")
    proposed_description: str | None = None


class ProposalOut(Schema):
    id: int
    field: str
    original: str
    proposed: str
    note: str
    status: str
    proposed_at: dt.datetime
    decided_at: dt.datetime | None


class ProposalIn(InputSchema):
    MULTILINE = frozenset({"text", "note"})

    field: str = Field(description="title or description")
    text: str
    note: str = ""


class DiagnosisOut(Schema):
    id: int
    decision: str
    reason: str
    plausibility_warning: str
    proposals: list[ProposalOut]
    demand: DemandOut


def _demand(request, demand_id: RowId):
    return get_object_or_404(queries.visible_demands(request.user), pk=demand_id)


@router.post("/{demand_id}/assignment", response={200: DemandOut} | _RESPONSES, summary="Assign to a broker")
def assign(request, demand_id: RowId, payload: AssignmentIn):
    demand = _demand(request, demand_id)
    if not request.user.has_perm("diagnosis.assign_demand.role", demand):
        raise HttpError(403, _("Only the organiser and the district's liaison assign demands."))
    broker = get_user_model().objects.filter(username=payload.broker).first()
    if broker is None:
        raise HttpError(422, _("No such broker: %(name)s") % {"name": payload.broker})
    services.assign(demand, broker, due_on=payload.due_on, by=request.user)
    demand.refresh_from_db()
    return demand_out(demand, request.user)


@router.post("/{demand_id}/diagnosis", response={200: DiagnosisOut} | _RESPONSES, summary="Diagnose a demand")
def diagnose(request, demand_id: RowId, payload: DiagnosisIn):
    demand = _demand(request, demand_id)
    if not request.user.has_perm("diagnosis.diagnose_demand.role", demand):
        raise HttpError(403, _("Only the organiser and the assigned broker diagnose this demand."))
    values = payload.dict()
    proposals = {"title": values.pop("proposed_title"), "description": values.pop("proposed_description")}
    record = services.diagnose(demand, by=request.user, proposals=proposals, **values)
    demand.refresh_from_db()
    return {
        "id": record.pk,
        "decision": record.decision,
        "reason": record.reason,
        "plausibility_warning": record.plausibility_warning,
        "proposals": list(record.proposed_edits.all()),
        "demand": demand_out(demand, request.user),
    }


@router.get(
    "/{demand_id}/proposals", response={200: list[ProposalOut]} | _RESPONSES, summary="Proposed edits"
)
def proposals(request, demand_id: RowId):
    return list(_demand(request, demand_id).proposed_edits.all())


@router.post("/{demand_id}/proposals", response={201: ProposalOut} | _RESPONSES, summary="Propose an edit")
def propose(request, demand_id: RowId, payload: ProposalIn):
    demand = _demand(request, demand_id)
    if not request.user.has_perm("diagnosis.propose_edit.role", demand):
        raise HttpError(403, _("Only the organiser and the assigned broker propose changes."))
    edit = services.propose_edit(demand, payload.field, payload.text, by=request.user, note=payload.note)
    return Status(201, edit)


@router.post(
    "/{demand_id}/proposals/{proposal_id}/{answer}",
    response={200: ProposalOut} | _RESPONSES,
    summary="Accept or reject a proposed edit (answer: accept or reject)",
)
def answer(request, demand_id: RowId, proposal_id: RowId, answer: Literal["accept", "reject"]):
    demand = _demand(request, demand_id)
    if not request.user.has_perm("diagnosis.answer_proposal.role", demand):
        raise HttpError(403, _("Only the enterprise answers its broker's proposals."))
    edit = get_object_or_404(demand.proposed_edits, pk=proposal_id)
    return services.decide_proposal(edit, accept=answer == "accept", by=request.user)
