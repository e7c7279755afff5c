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
_STOPWORDS_TEXT = (
    "的 了 和 与 及 或 在 对 为 是 等 中 上 下 其 并 将 以 由 于 从 被 把 所 该 此 这 那 也 而 且 之 "
    "及其 以及 一种 一个 进行 通过 采用 基于 具有 可以 能够 要求 需要 实现 提高 我们 公司 企业 "
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


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "")


def terms(text: str) -> list[str]:
    """The terms of a text, in order, repeated as often as they occur (BM25 counts them)."""
    text = _normal(text)
    out: list[str] = []
    last = 0
    for found in _KEEP.finditer(text):
        out.extend(_words(text[last : found.start()]))
        out.append(re.sub(r"\s+", "", found.group()).lower())
        last = found.end()
    out.extend(_words(text[last:]))
    return out


def _words(chunk: str) -> list[str]:
    if not chunk.strip():
        return []
    result = []
    for word in rjieba.cut_for_search(chunk):
        word = word.strip().lower()
        if word and _WORDY.search(word) and word not in STOPWORDS:
            result.append(word)
    return result


def query_terms(text: str) -> list[str]:
    """Distinct terms of a query, in order."""
    return list(dict.fromkeys(terms(text)))
