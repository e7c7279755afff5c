"""Score aggregation: the one place where judges' scores become a ranking.

The website's results page and `innochallenge aggregate-scores` both call `aggregate()`, so a published
ranking can always be recomputed from the score sheet. The module is plain Python (no models, no
settings; the methods' names come from `judging.enums.AggregationMethod`) so that it can be tested, and
checked by hand, on its own.

Definitions:

- **criteria**: the `criteria` given, else every criterion seen in the rows (sorted). A criterion missing
  from `weights` weighs 1; a weight for an unknown criterion is a ValueError naming it. Scores for a
  criterion outside an explicit `criteria` list are ignored.
- **total** of a judge for an entry = Σ weight_c × score_c over the criteria. A (judge, entry) that lacks
  some criterion is left out of every method and listed in `incomplete`; a duplicate (judge, entry,
  criterion) row is a ValueError naming the three.
- **mean**: the plain mean of the judges' totals for the entry.
- **trimmed_mean**: drop the `trim` highest and `trim` lowest totals of the entry when it has more than
  2 × trim of them; otherwise the plain mean of all of them.
- **zscore**: for each judge, z = (total − that judge's mean over the entries he scored) / that judge's
  population standard deviation; a judge with one entry or zero spread contributes z = 0 for his
  entries. The entry's aggregate is the mean of its judges' z. This cancels a lenient or a harsh judge,
  and one who uses a wider or narrower part of the scale than the others.
- **ranking**, per method: by aggregate, descending; aggregates within 1e-9 of each other share a rank
  (competition ranking: 1, 2, 2, 4) and are listed by entry name.

An entry without any complete judge has no aggregate and is not ranked. The results do not depend on the
order of the rows: totals are summed in the order of the criteria, means with `statistics.fmean`
(an exactly rounded sum) over (judge, entry) pairs taken in sorted order.
"""

import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from innochallenge.judging.enums import AggregationMethod

METHODS: tuple[str, ...] = tuple(AggregationMethod.values)
#: Aggregates closer than this are equal (they share a rank); a judge with a smaller spread has none.
EPSILON = 1e-9


@dataclass(frozen=True)
class Row:
    """One score of one judge for one entry on one criterion; `line` is its row as the sheet's program
    shows it (0 when it came from elsewhere), for messages only."""

    judge: str
    entry: str
    criterion: str
    score: float
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Ranked:
    rank: int
    entry: str
    score: float
    #: How many judges' totals went into the aggregate (after trimming, for trimmed_mean).
    judges: int


@dataclass(frozen=True)
class Incomplete:
    judge: str
    entry: str
    #: The criteria the judge did not score for this entry, in the order of `Aggregation.criteria`.
    missing: tuple[str, ...]


@dataclass
class Aggregation:
    methods: dict[str, list[Ranked]]
    totals: dict[tuple[str, str], float]
    incomplete: list[Incomplete]
    criteria: list[str]


def _check_weight(criterion: str, weight: float) -> float:
    weight = float(weight)
    if not math.isfinite(weight) or weight < 0:
        raise ValueError(f"the weight of {criterion!r} must be a number ≥ 0, not {weight!r}")
    return weight


def parse_weights(text: str) -> dict[str, float]:
    """`"completeness=0.4,feasibility=0.3,fit=0.3"` → {criterion: weight}; Chinese commas are accepted."""
    weights: dict[str, float] = {}
    for item in text.replace("，", ",").split(","):
        if not item.strip():
            continue
        name, equals, value = item.partition("=")
        name = name.strip()
        if not equals or not name:
            raise ValueError(f"bad weight {item.strip()!r}: write criterion=weight")
        if name in weights:
            raise ValueError(f"criterion {name!r} is weighted twice")
        try:
            number = float(value)
        except ValueError:
            raise ValueError(f"bad weight {item.strip()!r}: {value.strip()!r} is not a number") from None
        weights[name] = _check_weight(name, number)
    return weights


def rank_entries(aggregates: Mapping[str, tuple[float, int]]) -> list[Ranked]:
    """Competition ranking of {entry: (aggregate, judges counted)}; a group of equal aggregates is
    measured from its first (highest) member. Used for the session and for any group within it."""
    ordered = sorted(aggregates.items(), key=lambda item: (-item[1][0], item[0]))
    ranked: list[Ranked] = []
    leader = math.inf
    rank = 0
    for position, (entry, (score, judges)) in enumerate(ordered, start=1):
        if leader - score > EPSILON:
            leader, rank = score, position
        ranked.append(Ranked(rank=rank, entry=entry, score=score, judges=judges))
    # Equal aggregates are listed by name even when float noise ordered them otherwise.
    return sorted(ranked, key=lambda r: (r.rank, r.entry))


def _trimmed(totals: list[float], trim: int) -> list[float]:
    totals = sorted(totals)
    return totals[trim:-trim] if trim and len(totals) > 2 * trim else totals


def _zscores(totals: dict[tuple[str, str], float]) -> dict[tuple[str, str], float]:
    by_judge: dict[str, list[tuple[str, float]]] = {}
    for (judge, entry), total in totals.items():
        by_judge.setdefault(judge, []).append((entry, total))
    z = {}
    for judge, scored in by_judge.items():
        values = [total for _entry, total in scored]
        mean = statistics.fmean(values)
        spread = statistics.pstdev(values) if len(values) > 1 else 0.0
        for entry, total in scored:
            z[judge, entry] = 0.0 if spread <= EPSILON else (total - mean) / spread
    return z


def _by_entry(values: dict[tuple[str, str], float]) -> dict[str, list[float]]:
    entries: dict[str, list[float]] = {}
    for (_judge, entry), value in values.items():
        entries.setdefault(entry, []).append(value)
    return entries


def aggregate(
    rows: Iterable[Row],
    *,
    weights: Mapping[str, float] | None = None,
    trim: int = 1,
    criteria: Sequence[str] | None = None,
) -> Aggregation:
    """The three rankings of the entries, the judges' totals and the incomplete (judge, entry) pairs."""
    if trim < 0:
        raise ValueError(f"trim must be ≥ 0, not {trim}")
    scores: dict[tuple[str, str], dict[str, float]] = {}
    seen: set[str] = set()
    for row in rows:
        if not math.isfinite(row.score):
            raise ValueError(
                f"the score of judge {row.judge!r} for entry {row.entry!r} on {row.criterion!r} "
                f"is not a number: {row.score!r}"
            )
        cell = scores.setdefault((row.judge, row.entry), {})
        if row.criterion in cell:
            raise ValueError(
                f"judge {row.judge!r} scored entry {row.entry!r} on criterion {row.criterion!r} twice"
            )
        cell[row.criterion] = float(row.score)
        seen.add(row.criterion)
    names = list(dict.fromkeys(criteria)) if criteria is not None else sorted(seen)
    unknown = sorted(set(weights or {}) - set(names))
    if unknown:
        raise ValueError(f"weight for unknown criterion {', '.join(map(repr, unknown))}")
    weight = {c: _check_weight(c, (weights or {}).get(c, 1.0)) for c in names}

    totals: dict[tuple[str, str], float] = {}
    incomplete: list[Incomplete] = []
    for key in sorted(scores):
        cell = scores[key]
        missing = tuple(c for c in names if c not in cell)
        if missing:
            incomplete.append(Incomplete(judge=key[0], entry=key[1], missing=missing))
        else:
            totals[key] = math.fsum(weight[c] * cell[c] for c in names)

    entries = _by_entry(totals)
    means = {e: (statistics.fmean(t), len(t)) for e, t in entries.items()}
    trimmed = {}
    for entry, values in entries.items():
        kept = _trimmed(values, trim)
        trimmed[entry] = (statistics.fmean(kept), len(kept))
    zscores = {e: (statistics.fmean(z), len(z)) for e, z in _by_entry(_zscores(totals)).items()}
    return Aggregation(
        methods={
            AggregationMethod.MEAN.value: rank_entries(means),
            AggregationMethod.TRIMMED_MEAN.value: rank_entries(trimmed),
            AggregationMethod.ZSCORE.value: rank_entries(zscores),
        },
        totals=totals,
        incomplete=incomplete,
        criteria=names,
    )
