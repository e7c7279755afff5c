"""A judge at work: scores saved one change at a time, pre-screening of solutions, abstention. Every
step checks the same things — the session is open, the entry is being scored, the judge sits on the
panel and nothing keeps him off the entry — so a locked score can never change."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from innochallenge.audit import services as audit
from innochallenge.judging import queries
from innochallenge.judging.config import criteria
from innochallenge.judging.enums import ConflictKind, EntryState, RoundState, Stage
from innochallenge.judging.errors import JudgingError
from innochallenge.judging.models import Conflict, Entry, Panelist, Prescreen, Score
from innochallenge.solutions.enums import COUNTED


def check_may_score(entry: Entry, judge) -> None:
    if not Panelist.objects.filter(round_id=entry.round_id, judge=judge).exists() or queries.blocked(
        entry, judge
    ):
        raise JudgingError(_("You do not judge this entry."))
    if entry.round.state != RoundState.OPEN or entry.state != EntryState.SCORING:
        raise JudgingError(_("Scoring of this entry is closed."), conflict=True)


def parse_value(raw, scale_max: int) -> Decimal:
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError) as exc:
        raise JudgingError(_("A score is a number.")) from exc
    if not value.is_finite() or value < 0 or value > scale_max:
        raise JudgingError(_("A score runs from 0 to %(max)s.") % {"max": scale_max})
    if value != value.quantize(Decimal("0.01")):
        raise JudgingError(_("A score has at most two decimals."))
    return value


@transaction.atomic
def save_score(entry: Entry, *, judge, criterion: str, value) -> Score | None:
    """Save one score as the judge types it; an empty value clears it. Returns the score (None when
    cleared)."""
    entry = Entry.objects.select_for_update().select_related("round__campaign").get(pk=entry.pk)
    check_may_score(entry, judge)
    scale = {c.code: c.scale_max for c in criteria(entry.round.campaign, entry.round.stage)}
    if criterion not in scale:
        raise JudgingError(_("This session has no such criterion."))
    existing = Score.objects.filter(entry=entry, judge=judge, criterion=criterion).first()
    before = str(existing.value) if existing else None
    if value is None or str(value).strip() == "":
        if existing:
            existing.delete()
            audit.record(
                actor=judge, action="judging.score_cleared", obj=entry, changes={criterion: [before, None]}
            )
        return None
    number = parse_value(value, scale[criterion])
    score, _created = Score.objects.update_or_create(
        entry=entry, judge=judge, criterion=criterion, defaults={"value": number}
    )
    if before != str(number):
        audit.record(
            actor=judge, action="judging.scored", obj=entry, changes={criterion: [before, str(number)]}
        )
    return score


@transaction.atomic
def prescreen(entry: Entry, solution, *, judge, recommend: bool, note: str = "") -> Prescreen:
    """In the special competition, an expert recommends a candidate demand's solution for the final, or
    not."""
    entry = Entry.objects.select_for_update().select_related("round").get(pk=entry.pk)
    if entry.round.stage != Stage.SPECIAL:
        raise JudgingError(_("Solutions are pre-screened in the special competition."))
    check_may_score(entry, judge)
    solution = entry.demand.solutions.filter(pk=solution.pk, status__in=COUNTED).first()
    if solution is None:
        raise JudgingError(_("This solution is not one of this demand's."))
    item, _created = Prescreen.objects.update_or_create(
        entry=entry,
        solution=solution,
        judge=judge,
        defaults={"recommend": bool(recommend), "note": note.strip()[:300]},
    )
    audit.record(
        actor=judge,
        action="judging.prescreened",
        obj=entry,
        changes={f"solution {solution.pk}": [None, bool(recommend)]},
    )
    return item


@transaction.atomic
def abstain(entry: Entry, *, judge, reason: str = "") -> Conflict:
    """A judge steps back from an entry: he no longer sees or scores it, and what he had scored is not
    counted."""
    entry = Entry.objects.select_for_update().select_related("round").get(pk=entry.pk)
    if not Panelist.objects.filter(round_id=entry.round_id, judge=judge).exists():
        raise JudgingError(_("You do not judge this entry."))
    if entry.round.state == RoundState.CLOSED or entry.state == EntryState.CLOSED:
        raise JudgingError(_("Scoring of this entry is closed."), conflict=True)
    conflict, _created = Conflict.objects.get_or_create(
        entry=entry, judge=judge, kind=ConflictKind.ABSTAINED, defaults={"detail": reason.strip()[:300]}
    )
    dropped = Score.objects.filter(entry=entry, judge=judge).delete()[0]
    Prescreen.objects.filter(entry=entry, judge=judge).delete()
    audit.record(
        actor=judge, action="judging.abstained", obj=entry, changes={"scores": [dropped, 0]}, note=reason
    )
    return conflict
