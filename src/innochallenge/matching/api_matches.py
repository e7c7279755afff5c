"""Matches over HTTP: a demand's ranked achievements and providers with their reasons, the broker's
verdicts, and the library's search on the same engine."""

from typing import Literal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from innochallenge.accounts.api import ErrorOut, bearer
from innochallenge.api_types import RowId
from innochallenge.core.schemas import InputSchema
from innochallenge.matching import documents, services
from innochallenge.matching.enums import MatchVerdict, TargetKind
from innochallenge.matching.models import Achievement
from innochallenge.publication.public import public_demands
from innochallenge.solutions.models import ProviderProfile

demand_matches_router = Router(tags=["matching"], auth=bearer)
search_router = Router(tags=["achievements"], auth=bearer)


class ScoreParts(Schema):
    lexical: float = 0
    dense: float = 0
    keywords: float = 0
    neighbours: float = 0
    field: float = 0
    mode: float = 0
    budget: float = 0
    maturity: float = 0
    region: float = 0


class MatchOut(Schema):
    kind: Literal["achievement", "provider", "demand"]
    id: int
    title: str
    score: float
    parts: ScoreParts = Field(description="The score's parts; they add up to `score`.")
    shared_terms: list[str] = Field(description="Key terms both texts contain.")
    snippet: str = Field(description="The matched text, shared terms in <mark> (HTML, escaped).")
    demand_snippet: str = Field(description="The asking text, shared terms in <mark>.")
    field_agrees: bool
    modes_agree: bool
    verdict: Literal["", "confirmed", "dismissed"] = ""


class MatchesOut(Schema):
    demand: int
    achievements: list[MatchOut]
    providers: list[MatchOut]


class MatchReviewIn(InputSchema):
    target_kind: Literal["achievement", "provider"]
    #: The column is a PositiveIntegerField: out of its range is a 422, not a database error.
    target_id: int = Field(ge=1, le=2_147_483_647)
    verdict: Literal["confirmed", "dismissed"]


def match_out(match: services.Match) -> dict:
    return {
        "kind": {"a": "achievement", "p": "provider", "d": "demand"}[match.kind],
        "id": match.id,
        "title": match.title,
        "score": match.score,
        "parts": match.parts,
        "shared_terms": match.shared_terms,
        "snippet": str(match.snippet),
        "demand_snippet": str(match.query_snippet),
        "field_agrees": match.field_agrees,
        "modes_agree": match.modes_agree,
        "verdict": match.verdict,
    }


def _demand(request, demand_id: RowId):
    demand = get_object_or_404(public_demands().filter(status="published"), pk=demand_id)
    if not request.user.has_perm("matching.view_matches", demand):
        raise HttpError(403, _("Only the organiser and the demand's broker see its matches."))
    return demand


@demand_matches_router.get(
    "/{demand_id}/matches",
    response={200: MatchesOut, 403: ErrorOut, 404: ErrorOut},
    summary="Achievements and providers for a published demand, with reasons",
)
def demand_matches(request, demand_id: RowId, top: int = Query(10, ge=1, le=50)):
    demand = _demand(request, demand_id)
    found = services.matches_for_demand(demand, top=top)
    return {
        "demand": demand.pk,
        "achievements": [match_out(m) for m in found[documents.ACHIEVEMENT]],
        "providers": [match_out(m) for m in found[documents.PROVIDER]],
    }


@demand_matches_router.post(
    "/{demand_id}/matches/review",
    response={200: MatchOut | None, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Confirm or dismiss one match (dismissed ones do not come back)",
)
def review(request, demand_id: RowId, payload: MatchReviewIn):
    demand = _demand(request, demand_id)
    # A match that is not (or no longer) among the demand's answers 404 (Refusal.NOT_FOUND).
    services.review_match(
        demand,
        TargetKind(payload.target_kind),
        payload.target_id,
        MatchVerdict(payload.verdict),
        by=request.user,
    )
    return None


class SearchOut(Schema):
    id: int
    title: str
    owner: str
    field: str
    kind: str
    maturity: str
    score: float
    snippet: str


@search_router.get(
    "/search",
    response={200: list[SearchOut], 403: ErrorOut},
    summary="Search the achievement library (words and meaning)",
)
def search(request, q: str = Query(..., min_length=1, max_length=500), top: int = Query(20, ge=1, le=100)):
    if not request.user.has_perm("matching.view_achievements"):
        raise HttpError(403, _("Only the organiser and brokers use the achievement library."))
    found = services.search_library(q, top=top)
    achievements = Achievement.objects.in_bulk([m.id for m in found])
    return [
        {
            "id": m.id,
            "title": achievements[m.id].title,
            "owner": achievements[m.id].owner,
            "field": achievements[m.id].field,
            "kind": achievements[m.id].kind,
            "maturity": achievements[m.id].maturity,
            "score": m.score,
            "snippet": str(m.snippet),
        }
        for m in found
        if m.id in achievements
    ]


@search_router.get(
    "/{achievement_id}/demands",
    response={200: list[MatchOut], 403: ErrorOut, 404: ErrorOut},
    summary="Published demands an achievement could answer",
)
def achievement_demands(request, achievement_id: RowId, top: int = Query(10, ge=1, le=50)):
    if not request.user.has_perm("matching.view_achievements"):
        raise HttpError(403, _("Only the organiser and brokers use the achievement library."))
    achievement = get_object_or_404(Achievement, pk=achievement_id)
    return [match_out(m) for m in services.demands_for(f"{documents.ACHIEVEMENT}:{achievement.pk}", top=top)]


provider_demands_router = Router(tags=["solution providers"], auth=bearer)


@provider_demands_router.get(
    "/me/demands",
    response={200: list[MatchOut], 403: ErrorOut, 404: ErrorOut},
    summary="Published demands that match my expertise (verified providers)",
)
def my_demands(request, top: int = Query(10, ge=1, le=50)):

    profile = ProviderProfile.objects.filter(organisation_id=request.user.organisation_id).first()
    if request.user.role != "provider" or profile is None:
        raise HttpError(403, _("Only solution providers with a profile have matching demands."))
    if not profile.verified:
        raise HttpError(403, _("Your organisation is not verified yet."))
    return [match_out(m) for m in services.demands_for(f"{documents.PROVIDER}:{profile.pk}", top=top)]
