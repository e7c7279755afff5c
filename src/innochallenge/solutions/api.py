"""Providers and solutions over HTTP. Every answer follows the same rules as the pages: a solution the
caller may not see is a 404, an action it may not take a 403."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import paginate

from innochallenge.accounts.api import ErrorOut, bearer
from innochallenge.api_pagination import Pagination
from innochallenge.api_types import RowId
from innochallenge.core.schemas import InputSchema
from innochallenge.publication.public import public_demands
from innochallenge.solutions import services
from innochallenge.solutions.files import link_for
from innochallenge.solutions.models import Attachment, ProviderProfile, Solution
from innochallenge.solutions.queries import solution_count, solution_counts, visible_solutions

providers_router = Router(tags=["solution providers"], auth=bearer)
solutions_router = Router(tags=["solutions"], auth=bearer)
demand_solutions_router = Router(tags=["solutions"], auth=bearer)
_RESPONSES = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class ProviderIn(InputSchema):
    MULTILINE = frozenset({"expertise"})

    name: str = Field("", description="Name in Chinese; at least one of name and name_en.")
    name_en: str = ""
    provider_type: Literal["university", "institute", "enterprise", "team"]
    country: str = Field(description="ISO 3166 code, e.g. CN, DE, SG.")
    expertise: str
    keywords: str = ""
    website: str = ""
    contact_name: str
    contact_email: str
    contact_phone: str = ""


class ProviderOut(Schema):
    id: int
    name: str
    name_en: str
    provider_type: str
    country: str
    expertise: str
    keywords: str
    website: str
    status: str
    review_note: str
    contact_name: str | None = Field(description="Personal data: null unless the caller may see it.")
    contact_email: str | None
    contact_phone: str | None


class ReviewIn(InputSchema):
    MULTILINE = frozenset({"note"})

    verified: bool
    note: str = ""


class SolutionIn(InputSchema):
    MULTILINE = frozenset({"summary", "approach", "indicators", "timeline", "team", "ip_note"})

    title: str | None = None
    summary: str | None = None
    approach: str | None = None
    indicators: str | None = None
    timeline: str | None = None
    cost_wan: Decimal | str | None = Field(None, description="万元 (10k CNY), at most two decimals.")
    cooperation_mode: str | None = Field(None, description="A cooperation mode code of the campaign.")
    team: str | None = None
    ip_status: (
        Literal["patent_granted", "patent_pending", "know_how", "licensed", "to_develop", ""] | None
    ) = None
    ip_note: str | None = None


class AttachmentOut(Schema):
    id: int
    name: str
    kind: str
    size: int
    url: str = Field(description="A link for the caller only, valid for 15 minutes.")


class SolutionOut(Schema):
    id: int
    demand: int
    demand_reference: str
    provider: str
    provider_verified: bool
    status: str
    version: int
    title: str
    summary: str
    approach: str
    indicators: str
    timeline: str
    cost_wan: Decimal | None
    cooperation_mode: str | None
    team: str
    ip_status: str
    ip_note: str
    decline_reason: str
    decision_message: str
    decision_due_on: dt.date | None
    solutions_to_demand: int = Field(
        description=(
            "How many solutions the demand has (drafts and withdrawn aside); one from a provider not "
            "verified yet counts for the organiser and brokers only, who see it."
        )
    )
    submitted_at: dt.datetime | None
    updated_at: dt.datetime
    attachments: list[AttachmentOut]


class DecisionIn(InputSchema):
    MULTILINE = frozenset({"message"})

    decision: Literal["shortlist", "decline"]
    reason: Literal[
        "not_relevant", "indicators", "cost", "timeline", "maturity", "ip", "chose_other", "other", ""
    ] = Field("", description="Required to decline.")
    message: str = ""


class MessageIn(InputSchema):
    MULTILINE = frozenset({"body"})

    body: str


class MessageOut(Schema):
    id: int
    side: str
    body: str
    created_at: dt.datetime


class VersionOut(Schema):
    number: int
    content: dict
    attachment_ids: list[int]
    created_at: dt.datetime


class WithdrawIn(InputSchema):
    MULTILINE = frozenset({"reason"})

    reason: str = ""


def _profile_out(profile: ProviderProfile, user) -> dict:
    organisation = profile.organisation
    out = {
        "id": profile.pk,
        "name": organisation.name,
        "name_en": organisation.name_en,
        "provider_type": profile.provider_type,
        "country": profile.country.code,
        "expertise": profile.expertise,
        "keywords": profile.keywords,
        "website": profile.website,
        "status": profile.status,
        "review_note": profile.review_note,
    }
    own = user.organisation_id == organisation.pk
    shown = own or user.has_perm("solutions.view_provider_contact")
    for name in ("contact_name", "contact_email", "contact_phone"):
        out[name] = getattr(profile, name) if shown else None
    return out


def _solution_out(solution: Solution, user, *, count: int | None = None) -> dict:
    """One solution; `count` is `solution_count` of its demand when the caller has it already, and the
    current files come from `_solutions_out`'s prefetch when there is one."""
    values = {name: getattr(solution, name) for name in SolutionOut.model_fields if hasattr(solution, name)}
    profile = getattr(solution.provider, "provider_profile", None)
    files = getattr(solution, "current_files", None)
    if files is None:
        files = solution.attachments.filter(current=True)
    return values | {
        "demand": solution.demand_id,
        "demand_reference": solution.demand.reference,
        "provider": solution.provider.name,
        "provider_verified": bool(profile and profile.verified),
        "cooperation_mode": solution.cooperation_mode.code if solution.cooperation_mode else None,
        "solutions_to_demand": solution_count(solution.demand, user) if count is None else count,
        "attachments": [
            {"id": a.pk, "name": a.name, "kind": a.kind, "size": a.size, "url": link_for(a, user)}
            for a in files
        ],
    }


def _solutions_out(solutions: QuerySet[Solution], user) -> list[dict]:
    """A list of solutions in a fixed number of queries: their current files prefetched, their demands'
    solution counts in one."""
    current = Prefetch(
        "attachments", queryset=Attachment.objects.filter(current=True), to_attr="current_files"
    )
    rows = list(solutions.prefetch_related(current))
    counts = solution_counts({s.demand_id for s in rows}, user)
    return [_solution_out(s, user, count=counts.get(s.demand_id, 0)) for s in rows]


def _given(payload: SolutionIn) -> dict:
    return payload.dict(exclude_unset=True)


def _provider_org(request):
    if not request.user.has_perm("solutions.answer_demands") or request.user.organisation is None:
        raise HttpError(403, _("Only solution providers do this."))
    return request.user.organisation


# --- providers -----------------------------------------------------------------------------------------


@providers_router.get(
    "/me", response={200: ProviderOut, 403: ErrorOut, 404: ErrorOut}, summary="My provider profile"
)
def my_profile(request):
    organisation = _provider_org(request)
    return _profile_out(get_object_or_404(ProviderProfile, organisation=organisation), request.user)


@providers_router.put("/me", response={200: ProviderOut} | _RESPONSES, summary="Create or change my profile")
def save_my_profile(request, payload: ProviderIn):
    organisation = _provider_org(request)
    profile = services.save_profile(organisation, payload.dict(), by=request.user)
    return _profile_out(profile, request.user)


@providers_router.get("", response={200: list[ProviderOut], 403: ErrorOut}, summary="Providers (organiser)")
@paginate(Pagination, page_size=50)
def list_providers(request, status: str = ""):
    if not request.user.has_perm("solutions.verify_providers"):
        raise HttpError(403, _("Only the organiser lists providers."))
    profiles = ProviderProfile.objects.select_related("organisation")
    if status:
        profiles = profiles.filter(status=status)
    return [_profile_out(p, request.user) for p in profiles]


@providers_router.post(
    "/{profile_id}/review", response={200: ProviderOut} | _RESPONSES, summary="Verify a provider"
)
def review_provider(request, profile_id: RowId, payload: ReviewIn):
    if not request.user.has_perm("solutions.verify_providers"):
        raise HttpError(403, _("Only the organiser verifies providers."))
    profile = get_object_or_404(ProviderProfile, pk=profile_id)
    profile = services.review_provider(profile, verified=payload.verified, note=payload.note, by=request.user)
    return _profile_out(profile, request.user)


def _read_mode(campaign, given: dict) -> dict:
    """The API names a cooperation mode by its code (as it answers it); the form takes the row. An unknown
    code is left as given, for the form to refuse with its field error."""
    if given.get("cooperation_mode"):
        mode = campaign.cooperation_modes.filter(code=given["cooperation_mode"]).first()
        given = given | {"cooperation_mode": mode.pk if mode else given["cooperation_mode"]}
    return given


# --- solutions of a demand -------------------------------------------------------------------------------


@demand_solutions_router.post(
    "/{demand_id}/solutions", response={201: SolutionOut} | _RESPONSES, summary="Start a solution (draft)"
)
def create_solution(request, demand_id: RowId, payload: SolutionIn):
    organisation = _provider_org(request)
    demand = get_object_or_404(public_demands(), pk=demand_id)
    given = _read_mode(demand.campaign, _given(payload))
    solution = services.create_solution(demand, organisation, given, by=request.user)
    return Status(201, _solution_out(solution, request.user))


@demand_solutions_router.get(
    "/{demand_id}/solutions",
    response={200: list[SolutionOut], 403: ErrorOut},
    summary="Solutions to a demand",
)
@paginate(Pagination, page_size=50)
def demand_solutions(request, demand_id: RowId):
    return _solutions_out(visible_solutions(request.user).filter(demand_id=demand_id), request.user)


@demand_solutions_router.post(
    "/{demand_id}/confidentiality",
    response={204: None} | _RESPONSES,
    summary="Accept the confidentiality terms",
)
def accept_terms(request, demand_id: RowId):
    organisation = _provider_org(request)
    demand = get_object_or_404(public_demands(), pk=demand_id)
    services.accept_terms(demand.campaign, organisation, by=request.user)
    return Status(204, None)


# --- one solution ----------------------------------------------------------------------------------------


def _solution(request, solution_id: RowId, perm: str | None = None) -> Solution:
    solution = get_object_or_404(visible_solutions(request.user), pk=solution_id)
    if perm and not request.user.has_perm(perm, solution):
        raise HttpError(403, _("You may not do this with this solution."))
    return solution


class SolutionFilter(InputSchema):
    demand: RowId | None = None
    status: str | None = None


@solutions_router.get("", response=list[SolutionOut], summary="The solutions the caller may see")
@paginate(Pagination, page_size=50)
def list_solutions(request, filters: Query[SolutionFilter]):
    solutions = visible_solutions(request.user)
    if filters.demand:
        solutions = solutions.filter(demand_id=filters.demand)
    if filters.status:
        solutions = solutions.filter(status=filters.status)
    return _solutions_out(solutions, request.user)


@solutions_router.get("/{solution_id}", response={200: SolutionOut, 404: ErrorOut}, summary="One solution")
def get_solution(request, solution_id: RowId):
    return _solution_out(_solution(request, solution_id), request.user)


@solutions_router.patch(
    "/{solution_id}", response={200: SolutionOut} | _RESPONSES, summary="Change a solution"
)
def update_solution(request, solution_id: RowId, payload: SolutionIn):
    solution = _solution(request, solution_id, "solutions.edit_solution")
    values = {
        k: getattr(solution, k)
        for k in ("title", "summary", "approach", "indicators", "timeline", "team", "ip_status", "ip_note")
    }
    values |= {"cost_wan": solution.cost_wan, "cooperation_mode": solution.cooperation_mode_id}
    given = _read_mode(solution.demand.campaign, _given(payload))
    solution = services.update_solution(solution, values | given, by=request.user)
    return _solution_out(solution, request.user)


def _act(request, solution_id: RowId, perm: str, action):
    return _solution_out(action(_solution(request, solution_id, perm)), request.user)


@solutions_router.post(
    "/{solution_id}/submit", response={200: SolutionOut} | _RESPONSES, summary="Submit a draft"
)
def submit(request, solution_id: RowId):
    return _act(
        request,
        solution_id,
        "solutions.edit_solution",
        lambda s: services.submit_solution(s, by=request.user),
    )


@solutions_router.post(
    "/{solution_id}/withdraw", response={200: SolutionOut} | _RESPONSES, summary="Withdraw"
)
def withdraw(request, solution_id: RowId, payload: WithdrawIn):
    return _act(
        request,
        solution_id,
        "solutions.withdraw_solution",
        lambda s: services.withdraw_solution(s, by=request.user, reason=payload.reason),
    )


@solutions_router.post(
    "/{solution_id}/decision",
    response={200: SolutionOut} | _RESPONSES,
    summary="Shortlist or decline (enterprise)",
)
def decision(request, solution_id: RowId, payload: DecisionIn):
    return _act(
        request,
        solution_id,
        "solutions.decide_solution",
        lambda s: services.decide(
            s,
            shortlist=payload.decision == "shortlist",
            reason=payload.reason,
            message=payload.message,
            by=request.user,
        ),
    )


@solutions_router.post(
    "/{solution_id}/attachments",
    response={201: AttachmentOut} | _RESPONSES,
    summary="Attach a file (multipart)",
)
def attach(request, solution_id: RowId, file: File[UploadedFile]):
    solution = _solution(request, solution_id, "solutions.edit_solution")
    attachment = services.add_attachment(solution, file, by=request.user)
    return Status(
        201,
        {
            "id": attachment.pk,
            "name": attachment.name,
            "kind": attachment.kind,
            "size": attachment.size,
            "url": link_for(attachment, request.user),
        },
    )


@solutions_router.delete(
    "/{solution_id}/attachments/{attachment_id}", response={204: None} | _RESPONSES, summary="Remove a file"
)
def detach(request, solution_id: RowId, attachment_id: RowId):
    solution = _solution(request, solution_id, "solutions.edit_solution")
    attachment = get_object_or_404(solution.attachments.filter(current=True), pk=attachment_id)
    services.remove_attachment(attachment, by=request.user)
    return Status(204, None)


@solutions_router.get(
    "/{solution_id}/versions", response={200: list[VersionOut], 404: ErrorOut}, summary="Earlier versions"
)
def versions(request, solution_id: RowId):
    return list(_solution(request, solution_id).versions.all())


@solutions_router.get(
    "/{solution_id}/messages", response={200: list[MessageOut], 404: ErrorOut}, summary="The Q&A thread"
)
def thread(request, solution_id: RowId):
    return list(_solution(request, solution_id).messages.all())


@solutions_router.post(
    "/{solution_id}/messages", response={201: MessageOut} | _RESPONSES, summary="Ask or answer"
)
def post_message(request, solution_id: RowId, payload: MessageIn):
    solution = _solution(request, solution_id, "solutions.discuss_solution")
    message = services.post_message(solution, payload.body, by=request.user)
    return Status(201, message)
