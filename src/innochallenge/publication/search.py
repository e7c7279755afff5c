"""Full-text search over the public catalog: rjieba cuts Chinese (and English) text into terms, BM25
(bm25s) ranks, and snippets mark the terms found. Only public (masked) text is ever indexed.

Each process keeps the index in memory and rebuilds it from the stored terms when the catalog changes
(a count and the latest update time tell); the terms were cut when a demand was published, so a rebuild
is only arithmetic."""

import logging
import re
import threading
from dataclasses import dataclass

import bm25s
import numpy as np
import rjieba
from django.db.models import Count, Max
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from innochallenge.publication.models import Publication

logging.getLogger("bm25s").setLevel(logging.WARNING)  # it says "Building index" at every rebuild

_WORDY = re.compile(r"\w", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u9fff]")


def terms(text: str) -> list[str]:
    """Search terms of a text: jieba's search cut (words and their parts), lower-cased, no punctuation."""
    return [t for t in (w.strip().lower() for w in rjieba.cut_for_search(text or "")) if _WORDY.search(t)]


def query_terms(query: str) -> list[str]:
    return list(dict.fromkeys(terms(query)))


@dataclass
class _Index:
    stamp: tuple
    ids: np.ndarray
    retriever: bm25s.BM25 | None


_lock = threading.Lock()
_index: _Index | None = None


def _published():
    return Publication.objects.filter(published_at__isnull=False, demand__status__in=("published", "closed"))


def _stamp() -> tuple:
    row = _published().aggregate(n=Count("pk"), latest=Max("updated_at"))
    return (row["n"], row["latest"])


def _current() -> _Index:
    global _index
    stamp = _stamp()
    with _lock:
        if _index is None or _index.stamp != stamp:
            rows = list(_published().order_by("demand_id").values_list("demand_id", "search_terms"))
            retriever = None
            if rows:
                retriever = bm25s.BM25()
                retriever.index([t.split() or [""] for _, t in rows], show_progress=False)
            _index = _Index(stamp, np.array([i for i, _ in rows], dtype=np.int64), retriever)
        return _index


def rank(query: str, candidates: set[int] | None = None) -> list[int]:
    """Ids of public demands matching `query`, best first, limited to `candidates` when given."""
    words = query_terms(query)
    index = _current()
    if not words or index.retriever is None:
        return []
    scores = index.retriever.get_scores(words)
    if candidates is not None:
        scores = np.where(np.isin(index.ids, np.fromiter(candidates, dtype=np.int64)), scores, 0.0)
    order = np.argsort(-scores, kind="stable")
    hits = order[scores[order] > 0]
    return index.ids[hits].tolist()


def _marks(query: str) -> list[str]:
    """What to mark in a snippet: the words typed and their search terms, longest first. Single Chinese
    characters only when typed alone, or every 热 in a text would light up."""
    typed = [w.lower() for w in query.split() if w.strip()]
    parts = [t for t in query_terms(query) if len(t) > 1 or not _CJK.match(t)]
    return sorted(dict.fromkeys(typed + parts), key=len, reverse=True)


def highlight(text: str, query: str, width: int = 120) -> SafeString:
    """An escaped excerpt of `text` around the first term found, each term wrapped in <mark>."""
    return mark_terms(text, _marks(query), width)


def mark_terms(text: str, marks: list[str], width: int = 120) -> SafeString:
    """An escaped excerpt of `text` around the first of `marks` found, each one wrapped in <mark>."""
    text = " ".join((text or "").split())
    marks = sorted(dict.fromkeys(m for m in marks if m), key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(m) for m in marks), re.IGNORECASE) if marks else None
    first = pattern.search(text) if pattern else None
    start = max(0, first.start() - width // 3) if first else 0
    excerpt = text[start : start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    if pattern is None:
        return mark_safe(escape(prefix + excerpt + suffix))
    out, pos = [], 0
    for match in pattern.finditer(excerpt):
        out.append(escape(excerpt[pos : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        pos = match.end()
    out.append(escape(excerpt[pos:]))
    return mark_safe(escape(prefix) + "".join(out) + escape(suffix))


def reset() -> None:
    """Forget the in-memory index (tests, after a bulk load)."""
    global _index
    with _lock:
        _index = None
