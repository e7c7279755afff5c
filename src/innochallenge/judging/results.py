"""What a session's scores say, computed by `judging.aggregate` (the code `aggregate-scores` runs on paper
sheets) from the scores of closed entries only — nobody sees a result while its scoring runs.

- Every method is shown side by side; the campaign's `judging.method` (z-scores by default) ranks.
- Special competition: candidate demands ranked; a tie on the aggregate is broken by more solutions,
  then the higher mean score on the first criterion (funding capacity in hs2021), then the earlier
  publication; each tie-break is written out. The first `judging.finalists` go to the final with the
  solutions most pre-screeners recommended.
- Final: each demand's solutions ranked; the first is the panel's recommendation; the demand side
  confirms the best solution (another one only with a reason), which is the nominee for 最佳解决方案奖."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from innochallenge.audit import services as audit
from innochallenge.judging import queries
from innochallenge.judging.aggregate import METHODS, Ranked, Row, aggregate, rank_entries
from innochallenge.judging.config import criteria, rules_of
from innochallenge.judging.enums import EntryState, RoundState, Stage
from innochallenge.judging.errors import JudgingError
from innochallenge.judging.models import Decision, Entry, Prescreen, Round, Score
from innochallenge.solutions.enums import COUNTED

if TYPE_CHECKING:
    from innochallenge.accounts.models import User

TIE = 1e-9


@dataclass
class EntryResult:
    entry: Entry
    by_method: dict[str, Ranked]
    rank: int = 0  # under the campaign's method, within the session (special) or the demand (final)
    reason: str = ""  # how a tie was broken

    def score(self, method: str) -> float | None:
        ranked = self.by_method.get(method)
        return ranked.score if ranked else None


@dataclass
class Results:
    round: Round
    method: str
    ranking: list[EntryResult]  # by the campaign's method
    judge_names: dict[str, str] = field(default_factory=dict)
    incomplete: list = field(default_factory=list)

    @property
    def methods(self) -> tuple[str, ...]:
        return METHODS

    def by_demand(self) -> dict[int, list[EntryResult]]:
        groups: dict[int, list[EntryResult]] = defaultdict(list)
        for result in self.ranking:
            groups[result.entry.demand_id].append(result)
        for group in groups.values():  # equal aggregates share a rank; the earlier presented comes first
            for position, result in enumerate(group, 1):
                ahead = group[position - 2] if position > 1 else None
                tied = ahead is not None and abs(ahead.score(self.method) - result.score(self.method)) < TIE
                result.rank = ahead.rank if tied else position
        return dict(groups)

    def ranks(self, group: list[EntryResult]) -> dict[str, dict[str, Ranked]]:
        """Entry code → method → rank, aggregate and judges, for a group of this session's results: the
        session's ranking in the special competition, the demand's in the final (a group of
        `by_demand()`). Under the campaign's method the rank is the entry's own `rank`, ties broken."""
        table: dict[str, dict[str, Ranked]] = {r.entry.code: {} for r in group}
        for method in METHODS:
            if self.round.is_final:
                found = {r.entry.code: (r.by_method[method].score, r.by_method[method].judges) for r in group}
                ranked = {x.entry: x for x in rank_entries(found)}
            else:
                ranked = {r.entry.code: r.by_method[method] for r in group}
            for result in group:
                mine = ranked[result.entry.code]
                table[result.entry.code][method] = (
                    replace(mine, rank=result.rank) if method == self.method else mine
                )
        return table


def counted_rows(round: Round, *, closed_only: bool = True) -> tuple[list[Row], dict[str, Entry]]:
    """The scores that count: of closed entries, by judges nothing keeps off them now."""
    entries = round.entries.select_related(
        "demand__campaign", "demand__organisation", "demand__publication", "solution__provider"
    )
    if closed_only:
        entries = entries.filter(state=EntryState.CLOSED)
    by_code = {e.code: e for e in entries}
    by_pk = {e.pk: e for e in by_code.values()}
    allowed = {
        pk: {j.pk for j in judges} for pk, judges in queries.eligibility(round, by_pk.values()).items()
    }
    rows = [
        Row(str(score.judge_id), by_pk[score.entry_id].code, score.criterion, float(score.value))
        for score in Score.objects.filter(entry__in=list(by_pk))
        if score.judge_id in allowed[score.entry_id]
    ]
    return rows, by_code


def session_results(round: Round) -> Results:
    rules = rules_of(round.campaign)
    codes = criteria(round.campaign, round.stage)
    rows, entries = counted_rows(round)
    result = aggregate(
        rows, weights={c.code: c.weight for c in codes}, trim=rules.trim, criteria=[c.code for c in codes]
    )
    by_entry: dict[str, dict[str, Ranked]] = defaultdict(dict)
    for method, ranked in result.methods.items():
        for r in ranked:
            by_entry[r.entry][method] = r
    items = [EntryResult(entries[code], methods) for code, methods in by_entry.items()]
    items.sort(key=lambda r: (-r.by_method[rules.method].score, r.entry.order))
    if round.stage == Stage.SPECIAL:
        _break_ties(items, rules.method, rows, codes[0].code)
    return Results(round, rules.method, items, incomplete=result.incomplete)


def _break_ties(items: list[EntryResult], method: str, rows: list[Row], first: str) -> None:
    counts = dict(
        queries.candidates(items[0].entry.round.campaign).values_list("pk", "solution_count") if items else []
    )
    firsts: dict[str, list[float]] = defaultdict(list)
    for row in rows:
        if row.criterion == first:
            firsts[row.entry].append(row.score)

    def key(r: EntryResult):
        first_mean = sum(firsts[r.entry.code]) / len(firsts[r.entry.code]) if firsts[r.entry.code] else 0
        published = getattr(getattr(r.entry.demand, "publication", None), "published_at", None)
        return (
            -round(r.by_method[method].score, 9),
            -counts.get(r.entry.demand_id, 0),
            -first_mean,
            published.timestamp() if published else float("inf"),
            r.entry.demand.number,
        )

    items.sort(key=key)
    for rank, (before, after) in enumerate(zip([None, *items], items, strict=False), 1):
        after.rank = rank
        if before is None or key(before)[0] != key(after)[0]:
            continue
        a, b = key(before), key(after)
        if a[1] != b[1]:
            why = _("more solutions (%(a)s against %(b)s)") % {"a": -a[1], "b": -b[1]}
        elif a[2] != b[2]:
            why = _("a higher mean on %(criterion)s (%(a).2f against %(b).2f)") % {
                "criterion": first,
                "a": -a[2],
                "b": -b[2],
            }
        elif a[3] != b[3]:
            why = _("published earlier")
        else:
            why = _("the lower demand number")
        before_code = before.entry.demand.reference
        after.reason = _("Tied with %(other)s; %(other)s goes first by %(why)s.") % {
            "other": before_code,
            "why": why,
        }


def finalists(round: Round) -> list[EntryResult]:
    round = Round.objects.select_related("campaign").get(pk=round.pk)
    if round.stage != Stage.SPECIAL or round.state != RoundState.CLOSED:
        raise JudgingError(_("Finalists are known once the special competition is closed."), conflict=True)
    return session_results(round).ranking[: rules_of(round.campaign).finalists]


def recommended_solutions(entry: Entry) -> list:
    """The solutions of a candidate demand that most of its pre-screeners recommended (all of its
    solutions when nobody pre-screened)."""
    votes: dict[int, list[bool]] = defaultdict(list)
    allowed = {j.pk for j in queries.eligible_judges(entry)}
    for item in Prescreen.objects.filter(entry=entry, judge_id__in=allowed):
        votes[item.solution_id].append(item.recommend)
    solutions = list(entry.demand.solutions.filter(status__in=COUNTED).order_by("pk"))
    if not votes:
        return solutions
    return [s for s in solutions if sum(votes[s.pk]) * 2 > len(votes[s.pk])]


@transaction.atomic
def create_final(special: Round, *, name: str, by: User) -> Round:
    """The final, from the special competition's finalists and their recommended solutions."""
    from innochallenge.judging.services import create_round  # noqa: PLC0415 - judging.services imports the results: a cycle at load

    chosen = finalists(special)
    final = create_round(special.campaign, stage=Stage.FINAL, name=name, by=by)
    final.source = special
    final.save(update_fields=["source"])
    order = 0
    for item in chosen:
        for solution in recommended_solutions(item.entry):
            order += 1
            Entry.objects.create(round=final, demand=item.entry.demand, solution=solution, order=order)
    return final


@transaction.atomic
def decide(round: Round, demand, *, solution, reason: str = "", by: User) -> Decision:
    """The demand side confirms the best solution to its demand once all its solutions are closed."""
    if round.stage != Stage.FINAL:
        raise JudgingError(_("The best solution is confirmed after the final."))
    entries = list(round.entries.filter(demand=demand))
    if not entries or any(e.state != EntryState.CLOSED for e in entries):
        raise JudgingError(_("Every solution to this demand must be scored and closed first."), conflict=True)
    if solution.pk not in {e.solution_id for e in entries}:
        raise JudgingError(_("This solution was not in the final."))
    group = session_results(round).by_demand().get(demand.pk, [])
    recommended = group[0].entry.solution if group else None
    reason = (reason or "").strip()
    if recommended is not None and recommended.pk != solution.pk and not reason:
        raise JudgingError(_("Say why you choose another solution than the panel recommends."))
    previous = Decision.objects.filter(round=round, demand=demand).first()
    decision, _created = Decision.objects.update_or_create(
        round=round,
        demand=demand,
        defaults={"recommended": recommended, "confirmed": solution, "reason": reason, "confirmed_by": by},
    )
    audit.record(
        actor=by,
        action="judging.decided",
        obj=decision,
        changes={"confirmed": [previous.confirmed_id if previous else None, solution.pk]},
        note=reason,
    )
    return decision
