"""Matches, with their reasons, and the brokers' verdicts on them.

`matches_for_demand` ranks achievements and verified providers for a published demand;
`demands_for` ranks published demands for an achievement or a provider. Every match carries why: the
key terms both texts share (marked in both), whether field and cooperation mode agree, and each part of
its score. A dismissed match never comes back; a confirmed one is kept as a label for evaluation.

What is shown is filtered, never re-ranked: a match scoring below `ranking.MIN_SCORE` is not listed
(unless a broker confirmed it), and generic words (`generic_terms.txt`: 技术, 系统, 设备…) are never shown
as shared key terms. `is_real_match` is the one test of a match good enough to push."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from innochallenge.audit import services as audit
from innochallenge.core.errors import Refusal, StepRefused
from innochallenge.matching import documents, index
from innochallenge.matching.documents import ACHIEVEMENT, DEMAND, PROVIDER, Doc
from innochallenge.matching.engine import dense, ranking, tokens
from innochallenge.matching.enums import MatchVerdict, TargetKind
from innochallenge.matching.models import Achievement, MatchReview
from innochallenge.publication.search import mark_terms
from innochallenge.solutions.models import ProviderProfile

if TYPE_CHECKING:
    from innochallenge.accounts.models import User

KIND_OF_TARGET = {ACHIEVEMENT: TargetKind.ACHIEVEMENT, PROVIDER: TargetKind.PROVIDER}
TARGET_PREFIX: dict[str, str] = {TargetKind.ACHIEVEMENT: ACHIEVEMENT, TargetKind.PROVIDER: PROVIDER}
SHOWN_TERMS = 8
GENERIC_TERMS_FILE = Path(__file__).with_name("generic_terms.txt")
_NUMBER = re.compile(r"[\d.]+")


@dataclass
class Match:
    key: str
    score: float
    parts: dict[str, float]
    title: str
    shared_terms: list[str]
    snippet: SafeString  # the matched document, shared terms marked
    query_snippet: SafeString  # the asking text, shared terms marked
    field_agrees: bool
    modes_agree: bool
    verdict: str = ""
    facts: ranking.Facts = field(default_factory=ranking.Facts)

    @property
    def kind(self) -> str:
        return documents.kind_of(self.key)

    @property
    def id(self) -> int:
        return documents.id_of(self.key)

    @property
    def target_kind(self) -> str:
        return KIND_OF_TARGET.get(self.kind, "demand")


def _weights(campaign) -> dict:
    return dict(getattr(campaign, "matching_weights", None) or {})


def rank_for(
    query: Doc, kind: str, *, top: int = 10, exclude=frozenset(), keep=frozenset(), weights=None
) -> list[Match]:
    """The best documents of `kind` for the asking document, each with its explanation; those scoring
    below `ranking.MIN_SCORE` are left out unless their key is in `keep` (a broker confirmed them)."""
    index.teach_domain_words()
    words = tokens.query_terms(query.text)
    hits = index.reader().search(words, kind, limit=ranking.DEFAULT_SHAPE["pool"])
    vectors = index.vectors(kind)
    query_vector = dense.encode_query(query.text) if vectors is not None and len(vectors) else None
    ranked = ranking.rank(
        hits,
        query_vector=query_vector,
        vectors=vectors,
        query_facts=query.facts,
        facts=_facts,
        weights=weights,
        exclude=set(exclude) | {query.key},
        top=top,
    )
    found, _gone = documents.docs_for([r.key for r in ranked])
    docs = {d.key: d for d in found}
    query_terms = set(words)
    out = []
    for result in ranked:
        doc = docs.get(result.key)
        if doc is None:  # deleted since it was indexed
            continue
        if result.score < ranking.MIN_SCORE and result.key not in keep:
            continue
        match = _explain(query, doc, result, query_terms)
        if match.shared_terms or result.parts.get("dense", 0) > 0:  # a reason to show it, or none
            out.append(match)
    return out


def _facts(keys: list[str]) -> dict[str, ranking.Facts]:
    found, _gone = documents.docs_for(keys)
    return {d.key: d.facts for d in found}


@functools.cache
def generic_terms() -> frozenset[str]:
    """The stop-list of generic terms, read once from `generic_terms.txt` (comments after #)."""
    text = GENERIC_TERMS_FILE.read_text(encoding="utf-8")
    return frozenset(word.lower() for line in text.splitlines() for word in line.split("#", 1)[0].split())


def is_generic(term: str) -> bool:
    """A term that says nothing of what two texts share: a listed generic word or a bare number."""
    return term.lower() in generic_terms() or bool(_NUMBER.fullmatch(term))


def key_terms(terms) -> list[str]:
    """The shared terms worth showing: generic ones left out, longest first, without the parts of a
    longer one (聚酰亚胺, not also 酰亚胺 and 亚胺), single characters left out."""
    chosen: list[str] = []
    for term in sorted((t for t in terms if not is_generic(t)), key=len, reverse=True):
        if len(term) > 1 and not any(term in longer for longer in chosen):
            chosen.append(term)
    return chosen[:SHOWN_TERMS]


def is_real_match(match: Match) -> bool:
    """Good enough to push to someone: a score at or above the engine's threshold and at least one
    shared key term that is not generic — meaning alone, or a shared 技术, is not enough to mail."""
    return match.score >= ranking.MIN_SCORE and bool(key_terms(match.shared_terms))


def _explain(query: Doc, doc: Doc, result: ranking.Ranked, query_terms: set[str]) -> Match:
    shared = key_terms(t for t in dict.fromkeys(tokens.terms(doc.text)) if t in query_terms)
    asked, facts = query.facts, doc.facts
    return Match(
        key=doc.key,
        score=round(result.score, 4),
        parts=result.parts,
        title=doc.title,
        shared_terms=shared,
        snippet=mark_terms(doc.text, shared, 160),
        query_snippet=mark_terms(query.text, shared, 160),
        field_agrees=bool(asked.field and facts.field and asked.field == facts.field),
        modes_agree=bool(asked.modes and facts.modes and asked.modes & facts.modes),
        facts=facts,
    )


def matches_for_demand(demand, *, top: int = 10, kinds=(ACHIEVEMENT, PROVIDER)) -> dict[str, list[Match]]:
    """Achievements and providers for a published demand, best first; dismissed ones left out, and those
    below the engine's threshold unless a broker confirmed them."""
    query = documents.demand_doc(demand)
    reviews = {
        f"{TARGET_PREFIX[r.target_kind]}:{r.target_id}": r.verdict
        for r in MatchReview.objects.filter(demand=demand)
    }
    dismissed = {k for k, v in reviews.items() if v == MatchVerdict.DISMISSED}
    confirmed = {k for k, v in reviews.items() if v == MatchVerdict.CONFIRMED}
    out = {}
    for kind in kinds:
        found = rank_for(
            query, kind, top=top, exclude=dismissed, keep=confirmed, weights=_weights(demand.campaign)
        )
        for match in found:
            match.verdict = reviews.get(match.key, "")
        out[kind] = found
    return out


def search_library(text: str, *, top: int = 20) -> list[Match]:
    """The achievements that best answer a free text (the library's search box and API)."""
    query = Doc(key="q:0", title=text, text=text, keywords="")
    return rank_for(query, ACHIEVEMENT, top=top)


def demands_for(key: str, *, top: int = 10) -> list[Match]:
    """Published demands an achievement ("a:…") or a provider ("p:…") could answer."""
    query = documents.doc_of(key)
    if query is None:
        return []
    return rank_for(query, DEMAND, top=top)


class MatchError(StepRefused):
    """A review the engine cannot record, with the reason for the broker."""


def _target_exists(target_kind: str, target_id: int) -> bool:

    model = Achievement if target_kind == TargetKind.ACHIEVEMENT else ProviderProfile
    return 0 < target_id <= 2_147_483_647 and model.objects.filter(pk=target_id).exists()


@transaction.atomic
def review_match(
    demand, target_kind: str, target_id: int, verdict: str, *, by: User, score=None
) -> MatchReview:
    """A broker confirms or dismisses one match of a demand (changing its mind is allowed). The target
    must exist: a review of a made-up id would sit in the table for ever."""
    if not _target_exists(target_kind, target_id):
        raise MatchError(
            _("There is no such match to confirm or dismiss; reload the page."), kind=Refusal.NOT_FOUND
        )
    review, _created = MatchReview.objects.update_or_create(
        demand=demand,
        target_kind=target_kind,
        target_id=target_id,
        defaults={"verdict": verdict, "by": by, "score": score},
    )
    audit.record(
        actor=by,
        action=f"match.{verdict}",
        obj=demand,
        note=f"{target_kind}:{target_id}",
    )
    return review
