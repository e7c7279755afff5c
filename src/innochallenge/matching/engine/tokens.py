"""Terms for matching: rjieba's search cut (words and their parts), with numbers and their units, codes
and standards kept whole ("150℃", "3%", "0.1mm", "ISO 3级", "AEC-Q102"), lower-cased, punctuation and
the commonest function words left out. Domain words (热收缩率, 背隙…) are taught to rjieba once per
process, from the campaign or the library."""

import re
import threading
import unicodedata

import rjieba

#: Numbers with their unit, codes such as AEC-Q102 or GB/T 1040, and standards with a grade ("ISO 3级").
_KEEP = re.compile(
    r"(?:[A-Z]{2,}(?:/[A-Z])?[- ]?[A-Z]{0,2}\d+(?:[.-]\d+)*(?:\s?级)?)"  # ISO 3级, AEC-Q102, GB/T 1040, IP67
    r"|(?:\d+(?:\.\d+)?\s?(?i:%|‰|°C|°|mm|μm|um|nm|cm|km|kg|mg|kw|kv|mah|ah|khz|mhz|ghz|hz|mpa|gpa|pa|"
    r"rpm|db|ms|m|g|t|w|v|h|s|弧分|小时|万元|元|年|级|倍|层|米|毫米|微米|纳米|千克|克|吨|度|伏|瓦|兆帕)(?![A-Za-z]))"
    r"|(?:\d+(?:\.\d+)?)"
)
_WORDY = re.compile(r"\w", re.UNICODE)
_SPACE = re.compile(r"\s+")
_STOPWORDS_TEXT = (
    "的 了 和 与 及 或 在 对 为 是 等 中 上 下 其 并 将 以 由 于 从 被 把 所 该 此 这 那 也 而 且 之 "
    "及其 以及 一种 一个 进行 通过 采用 基于 具有 可以 能够 要求 需要 实现 提高 我们 公司 企业 "
    # how requirements are phrased: they say nothing of the subject
    "以内 以上 以下 低于 高于 不低于 不高于 不少于 不大于 不超过 大于 小于 达到 超过 现有 目前 连续 降低 "
    "问题 方面 相关 其中 同时 以及 满足 "
    "a an and are as at be by for from in into is it of on or that the this to with we our"
)
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

_lock = threading.Lock()
_taught: set[str] = set()


def teach(words) -> None:
    """Add domain words to rjieba's dictionary (once each per process)."""
    with _lock:
        for word in words:
            word = (word or "").strip()
            if word and word not in _taught and not rjieba.has_word(word):
                rjieba.add_word(word, None, None)
            _taught.add(word)


def taught() -> set[str]:
    """The domain words taught so far (worker processes are taught the same)."""
    with _lock:
        return set(_taught)


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "")


def _prepare(text: str) -> tuple[str, list[str]]:
    """The text normalised and lower-cased, and the numbers-with-units and codes found in it (read before
    lower-casing: a code is upper-case letters)."""
    text = _normal(text)
    kept = [_SPACE.sub("", found.group()).lower() for found in _KEEP.finditer(text)]
    return text.lower(), kept


def terms(text: str) -> list[str]:
    """The terms of a text, repeated as often as they occur (BM25 counts them): rjieba's words, then the
    numbers-with-units and codes found in it. Punctuation and the commonest function words are left out."""
    text, kept = _prepare(text)
    words = [
        w
        for w in rjieba.cut_for_search(text)
        if (w.isalnum() or _WORDY.search(w)) and w not in STOPWORDS and not (kept and w.isdigit())
    ]
    return words + kept


def document_terms(text: str) -> str:
    """The terms of a document for the index, joined by spaces — the fast path of `terms` for building:
    no filtering (function words and punctuation are never asked for, so they never match; they only
    lengthen the document a little), which makes a million documents a minute's work on two cores."""
    text, kept = _prepare(text)
    return " ".join(rjieba.cut_for_search(text)) + " " + " ".join(kept)


def query_terms(text: str) -> list[str]:
    """Distinct terms of a query, in order; single characters (低, c) only when there is nothing else —
    as query terms they match almost anything."""
    found = list(dict.fromkeys(terms(text)))
    return [t for t in found if len(t) > 1] or found
