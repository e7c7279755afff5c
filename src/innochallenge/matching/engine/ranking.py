"""The ranking function, in one place, with its weights.

1. **Candidates**: the best `pool` documents by BM25 (tantivy) and the best `pool` by dense
   similarity to the document's text vector, together.
2. **Fusion**: each signal is standardised over the candidates (z-score: how many standard deviations
   above the candidates' mean) and summed with its weight. Standardising, unlike reciprocal-rank fusion,
   keeps how *much* better a document is; a document missing a signal (no vector yet) counts as the
   weakest candidate on it, and with no vectors at all the ranking is BM25's.
3. **Neighbourhood**: the best `smooth_pool` candidates borrow part (`smooth`) of the mean score of their
   `neighbours` nearest candidates (by text vector). Relevant documents for a topic cluster together (the
   cluster hypothesis), so a document surrounded by good matches moves up and a lone lexical accident
   moves down. On csl-dev's topical task this step is worth most of the gain over BM25.
4. **Structure**: bonuses, in the same standard-deviation units, for what the words cannot say: the same
   industry field, a cooperation mode both sides accept, a cost estimate within the budget, maturity
   (closer to production is better for an enterprise demand), and the campaign's preferred region.

The weights below are the defaults; a campaign may set its own (`matching.weights` in the preset).
Every part of every score is returned, so an explanation can show it."""

from collections.abc import Callable, Mapping, Set
from dataclasses import dataclass, field

import numpy as np

from innochallenge.matching.engine.dense import VectorSet
from innochallenge.matching.engine.lexical import Hit

DEFAULT_WEIGHTS: dict[str, float] = {
    "lexical": 0.5,  # BM25
    "dense": 1.0,  # query vs the document's text
    "keywords": 0.5,  # query vs the document's keywords
    "smooth": 0.5,  # share of the neighbours' mean score
    "field": 0.5,  # same industry field
    "mode": 0.2,  # a cooperation mode both accept
    "budget": 0.3,  # cost within budget (minus when over it by more than half)
    "maturity": 0.1,  # per maturity step above laboratory (achievements)
    "region": 0.2,  # in the campaign's preferred region
}
DEFAULT_SHAPE: dict[str, int] = {"pool": 200, "smooth_pool": 100, "neighbours": 5}

#: The least score of a match worth showing or pushing. Scores are in standard deviations over the
#: candidates, so 0 is the candidates' mean: below it a document is a worse answer than the average
#: candidate, the lone lexical accident the neighbourhood pulls down. Only what is shown and pushed is
#: filtered with it; the ranking itself does not use it.
MIN_SCORE = 0.0


@dataclass
class Facts:
    """What is known of a document (or of the demand asking) beyond its words; all optional."""

    field: str = ""
    modes: frozenset[str] = frozenset()
    budget_wan: float | None = None  # the demand's
    cost_wan: float | None = None  # a solution's or provider's estimate
    maturity: int | None = None  # 0 concept … 3 industrial
    region: str = ""  # a provider's country or region code
    regions: frozenset[str] = frozenset()  # the asking side: the campaign's preferred regions


@dataclass
class Ranked:
    key: str
    score: float
    parts: dict[str, float] = field(default_factory=dict)

    @property
    def id(self) -> int:
        return int(self.key.split(":", 1)[1])


def _z(values: np.ndarray, present: np.ndarray) -> np.ndarray:
    """Standardise over the candidates that have the signal; the others get the lowest value."""
    if not present.any():
        return np.zeros_like(values)
    seen = values[present]
    spread = seen.std() or 1.0
    out = (values - seen.mean()) / spread
    return np.where(present, out, out[present].min())


def rank(
    hits: list[Hit],
    *,
    query_vector: np.ndarray | None = None,
    vectors: VectorSet | None = None,
    query_facts: Facts | None = None,
    facts: Mapping[str, Facts] | Callable[[list[str]], Mapping[str, Facts]] | None = None,
    weights: Mapping[str, float] | None = None,
    shape: Mapping[str, int] | None = None,
    exclude: Set[str] = frozenset(),
    top: int = 10,
) -> list[Ranked]:
    w = DEFAULT_WEIGHTS | dict(weights or {})
    s = DEFAULT_SHAPE | dict(shape or {})
    lexical = {hit.key: hit.score for hit in hits}
    dense_text = None
    keys = list(lexical)
    if query_vector is not None and vectors is not None and len(vectors):
        # Candidates by meaning come from the text vectors; the keywords vectors only score candidates
        # (half the memory read per query, the slowest step at 100,000 documents).
        dense_text = vectors.text_similarities(query_vector)
        pool = min(s["pool"], len(vectors))
        best = np.argpartition(-dense_text, pool - 1)[:pool] if pool < len(vectors) else range(len(vectors))
        keys.extend(vectors.keys[i] for i in best)
    keys = [k for k in dict.fromkeys(keys) if k not in exclude]
    if not keys:
        return []
    n = len(keys)
    bm25 = np.array([lexical.get(k, 0.0) for k in keys])
    parts = {"lexical": w["lexical"] * _z(bm25, np.ones(n, bool))}
    rows = np.array([vectors.row.get(k, -1) if vectors is not None else -1 for k in keys])
    has_vector = rows >= 0
    if dense_text is not None and vectors is not None and query_vector is not None:
        safe = np.where(has_vector, rows, 0)
        parts["dense"] = w["dense"] * _z(dense_text[safe], has_vector)
        dense_keywords = vectors.keyword_similarities(query_vector, safe)
        parts["keywords"] = w["keywords"] * _z(dense_keywords, has_vector)
    fused = sum(parts.values())
    parts["neighbours"] = _neighbourhood(fused, rows, has_vector, vectors, w["smooth"], s)
    score = fused + parts["neighbours"]
    if query_facts is not None and facts:
        if callable(facts):
            facts = facts(keys)
        for name, bonus in _structure(keys, query_facts, facts, w).items():
            parts[name] = bonus
            score = score + bonus
    order = np.argsort(-score, kind="stable")[:top]
    return [
        Ranked(keys[i], float(score[i]), {name: round(float(v[i]), 4) for name, v in parts.items()})
        for i in order
    ]


def _neighbourhood(fused, rows, has_vector, vectors, share, shape) -> np.ndarray:
    """Each of the best candidates moves toward the mean score of its nearest candidates."""
    out = np.zeros_like(fused)
    if not share or vectors is None or has_vector.sum() < 2:
        return out
    pool = [i for i in np.argsort(-fused, kind="stable") if has_vector[i]][: shape["smooth_pool"]]
    if len(pool) < 2:
        return out
    best = np.array(pool)
    text = vectors.text[rows[best]]
    similar = text @ text.T
    np.fill_diagonal(similar, -np.inf)
    k = min(shape["neighbours"], len(best) - 1)
    nearest = np.argpartition(-similar, k - 1, axis=1)[:, :k]
    mine = fused[best]
    out[best] = share * (mine[nearest].mean(axis=1) - mine)
    return out


def _structure(keys, asked: Facts, facts: Mapping[str, Facts], w) -> dict[str, np.ndarray]:
    n = len(keys)
    bonus = {name: np.zeros(n) for name in ("field", "mode", "budget", "maturity", "region")}
    for i, key in enumerate(keys):
        f = facts.get(key)
        if f is None:
            continue
        if asked.field and f.field and asked.field == f.field:
            bonus["field"][i] = w["field"]
        if asked.modes and f.modes and asked.modes & f.modes:
            bonus["mode"][i] = w["mode"]
        if asked.budget_wan and f.cost_wan is not None:
            if f.cost_wan <= asked.budget_wan:
                bonus["budget"][i] = w["budget"]
            elif f.cost_wan > 1.5 * asked.budget_wan:
                bonus["budget"][i] = -w["budget"]
        if f.maturity is not None:
            bonus["maturity"][i] = w["maturity"] * (f.maturity - 1)
        if asked.regions and f.region and f.region in asked.regions:
            bonus["region"][i] = w["region"]
    return {name: values for name, values in bonus.items() if values.any()}
