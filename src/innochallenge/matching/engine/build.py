"""Building the lexical index from raw text fast: the text is cut into terms by worker processes (rjieba
holds the GIL) while this process feeds tantivy, whose own threads index in the background."""

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from itertools import islice

from innochallenge.matching.engine import tokens
from innochallenge.matching.engine.lexical import LexicalIndex

CHUNK = 2000


def _cut(chunk: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(key, tokens.document_terms(text)) for key, text in chunk]


def _chunks(documents: Iterable[tuple[str, str]]) -> Iterator[list[tuple[str, str]]]:
    it = iter(documents)
    while chunk := list(islice(it, CHUNK)):
        yield chunk


def cut_all(documents: Iterable[tuple[str, str]], workers: int | None = None) -> Iterator[tuple[str, str]]:
    """(key, text) → (key, space-joined terms), in order, on `workers` processes (all cores by default;
    one means here, in this process)."""
    workers = workers or os.cpu_count() or 1
    if workers == 1:
        for chunk in _chunks(documents):
            yield from _cut(chunk)
        return
    words = sorted(tokens.taught())
    context = multiprocessing.get_context(
        "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    )
    with context.Pool(workers, initializer=tokens.teach, initargs=(words,)) as pool:
        for cut in pool.imap(_cut, _chunks(documents)):
            yield from cut


def build(index: LexicalIndex, documents: Iterable[tuple[str, str]], *, workers: int | None = None) -> int:
    """Replace everything in `index` with `documents` (key, raw text); returns how many."""
    return index.write_joined(cut_all(documents, workers), clear=True)
