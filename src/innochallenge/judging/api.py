"""Judging over HTTP, for a tablet app or the hall's own display: a judge's entries and own scores,
saving scores, and a closed session's results by every method. The same rules as the pages: a conflicted
judge gets 403 on the entry, scores are one's own until the session closes, and closed scores never
change."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from innochallenge.accounts.api import ErrorOut, bearer
from innochallenge.api_types import RowId
from innochallenge.core.schemas import InputSchema
from innochallenge.judging import queries, results, scoring
from innochallenge.judging.models import Entry, Round, Score

router = Router(tags=["judging"], auth=bearer)


class EntryOut(Schema):
    id: int
    code: str = Field(description="How the entry is named on score sheets: E01, E02…")
    demand_id: int
    solution_id: int | None
    state: str = Field(description="waiting, scoring or closed")
    my_scores: dict[str, Decimal] = Field(description="The caller's own scores by criterion code.")


class ScoresIn(InputSchema):
    scores: dict[str, Decimal | None] = Field(description="criterion code → score; null clears it")


class RankedOut(Schema):
    rank: int
    entry: str
    demand_id: int
    solution_id: int | None
    score: float
    judges: int


class ResultsOut(Schema):
    round: int
    method: str = Field(description="The campaign's method, which ranks; the others are shown beside it.")
    methods: dict[str, list[RankedOut]]
    tie_breaks: dict[str, str] = Field(description="entry code → how its tie was broken")


def _entry_out(entry: Entry, user) -> dict:
    scores = getattr(entry, "my_scores", None)  # prefetched by `round_entries`
    if scores is None:
        scores = Score.objects.filter(entry=entry, judge=user)
    mine = {s.criterion: s.value for s in scores}
    return {
        "id": entry.pk,
        "code": entry.code,
        "demand_id": entry.demand_id,
        "solution_id": entry.solution_id,
        "state": entry.state,
        "my_scores": mine,
    }


@router.get("/rounds/{round_id}/entries", response={200: list[EntryOut], 403: ErrorOut, 404: ErrorOut})
def round_entries(request, round_id: RowId):
    """The entries the caller judges (the organiser: all of them), with the caller's own scores."""
    round = get_object_or_404(Round, pk=round_id)
    user = request.auth
    if not user.has_perm("judging.view_round", round):
        raise HttpError(403, _("You are not on this panel."))
    entries = (
        round.entries.all() if user.has_perm("judging.manage_rounds") else queries.entries_for(user, round)
    )
    mine = Prefetch("scores", queryset=Score.objects.filter(judge=user), to_attr="my_scores")
    return [_entry_out(e, user) for e in entries.prefetch_related(mine).order_by("order")]


@router.put(
    "/entries/{entry_id}/scores",
    response={200: EntryOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
)
def save_scores(request, entry_id: RowId, payload: ScoresIn):
    """Save the caller's scores of one entry, criterion by criterion (all or none)."""
    entry = get_object_or_404(Entry.objects.select_related("round__campaign", "demand"), pk=entry_id)
    user = request.auth
    if not user.has_perm("judging.score_entry", entry):
        raise HttpError(403, _("You do not judge this entry."))
    with transaction.atomic():
        for criterion, value in payload.scores.items():
            scoring.save_score(entry, judge=user, criterion=criterion, value=value)
    entry.refresh_from_db()
    return _entry_out(entry, user)


@router.get("/rounds/{round_id}/results", response={200: ResultsOut, 403: ErrorOut, 404: ErrorOut})
def round_results(request, round_id: RowId):
    """A closed session's ranking by mean, trimmed mean and z-scores (403 while scoring runs)."""
    round = get_object_or_404(Round.objects.select_related("campaign"), pk=round_id)
    if not request.auth.has_perm("judging.view_results", round):
        raise HttpError(403, _("Results open when the session closes."))
    outcome = results.session_results(round)
    methods = {}
    for method in outcome.methods:
        ranked = sorted(
            (r for r in outcome.ranking if method in r.by_method), key=lambda r: r.by_method[method].rank
        )
        methods[method] = [
            {
                "rank": r.by_method[method].rank,
                "entry": r.entry.code,
                "demand_id": r.entry.demand_id,
                "solution_id": r.entry.solution_id,
                "score": round_score(r.by_method[method].score),
                "judges": r.by_method[method].judges,
            }
            for r in ranked
        ]
    tie_breaks = {r.entry.code: r.reason for r in outcome.ranking if r.reason}
    return {"round": round.pk, "method": outcome.method, "methods": methods, "tie_breaks": tie_breaks}


def round_score(value: float) -> float:
    return float(f"{value:.4f}")
