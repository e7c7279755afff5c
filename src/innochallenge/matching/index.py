"""The site's matching index: where it lives, who writes it, how readers follow.

- **Lexical**: a tantivy index in `MATCHING_INDEX_DIR` (default `VAR_DIR/index/matching`), persisted,
  so a restart does not rebuild it. Writers (the task worker after a change, `innochallenge reindex`)
  take a file lock beside it, so one writes at a time; every web process opens the same folder and
  reloads its searcher before each search, seeing each commit. Several machines: put the folder on
  shared storage, or let each machine's worker rebuild its own copy from PostgreSQL (the system of
  record) with `innochallenge reindex`.
- **Dense**: vectors in the `Vector` table, made by the encoding task a batch at a time in the
  background; each process loads them once and reloads only when the table changed. While a document
  has no vector it is matched by its words alone.
"""

import fcntl
import logging
import threading
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db.models import Count, Max

from innochallenge.campaigns.models import Campaign
from innochallenge.matching import documents
from innochallenge.matching.engine import dense, tokens
from innochallenge.matching.engine.build import build as build_lexical
from innochallenge.matching.engine.lexical import LexicalIndex
from innochallenge.matching.models import Vector

log = logging.getLogger(__name__)
ENCODE_BATCH = 64

_lock = threading.Lock()
_readers: dict[Path, LexicalIndex] = {}
_vectors: dict[tuple[Path, str], tuple[tuple, dense.VectorSet]] = {}


def folder() -> Path:
    return Path(settings.MATCHING_INDEX_DIR)


def dense_enabled() -> bool:
    return bool(settings.MATCHING_DENSE)


@contextmanager
def _writing():
    path = folder()
    path.mkdir(parents=True, exist_ok=True)
    with open(path.parent / f"{path.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield LexicalIndex(path)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def reader() -> LexicalIndex:
    path = folder()
    with _lock:
        index = _readers.get(path)
        if index is None:
            index = _readers[path] = LexicalIndex(path)
    index.reload()
    return index


_words_stamp: object = None


def teach_domain_words() -> None:
    """Teach rjieba every campaign's domain words, once per process and again when a campaign changed,
    before anything is cut: documents and queries must be cut alike."""
    global _words_stamp

    stamp = tuple(Campaign.objects.aggregate(n=Count("pk"), latest=Max("updated_at")).values())
    if stamp == _words_stamp:
        return
    for words in Campaign.objects.values_list("matching_words", flat=True):
        tokens.teach(words or [])
    _words_stamp = stamp


def update(keys: Iterable[str]) -> tuple[int, int]:
    """Bring these documents up to date in the lexical index (added, changed or gone) and drop the
    vectors of the gone ones; returns (written, deleted)."""
    keys = list(dict.fromkeys(keys))
    if not keys:
        return 0, 0

    teach_domain_words()
    found, gone = documents.docs_for(keys)
    with _writing() as index:
        index.write_joined(((d.key, tokens.document_terms(d.text)) for d in found), delete=gone)
    Vector.objects.filter(key__in=gone).delete()
    return len(found), len(gone)


def rebuild(progress: Callable = lambda done, total, message="": None) -> int:
    """Everything again from the database (after a dictionary change, or on a new machine)."""
    teach_domain_words()
    docs = list(documents.all_docs())
    progress(0, len(docs), "lexical")
    with _writing() as index:
        count = build_lexical(index, ((d.key, d.text) for d in docs))
    Vector.objects.exclude(key__in=[d.key for d in docs]).delete()
    progress(count, len(docs), "lexical")
    return count


def pending(limit: int | None = None) -> list[documents.Doc]:
    """Documents whose vectors are missing or were made from another text."""
    have = dict(Vector.objects.values_list("key", "text_sha"))
    out = []
    for doc in documents.all_docs():
        if have.get(doc.key) != doc.sha:
            out.append(doc)
            if limit and len(out) >= limit:
                break
    return out


def encode(docs: list[documents.Doc]) -> int:
    """Encode and store the vectors of these documents."""
    if not docs:
        return 0
    matrix = dense.encode_documents([(d.text, d.keywords) for d in docs])
    for doc, row in zip(docs, matrix, strict=True):
        Vector.objects.update_or_create(
            key=doc.key, defaults={"text_sha": doc.sha, "vector": dense.to_bytes(row)}
        )
    return len(docs)


def encode_pending(batch: int = ENCODE_BATCH, progress: Callable | None = None) -> int:
    """Encode every pending document, a batch at a time (progress after each batch)."""
    waiting = pending()
    for start in range(0, len(waiting), batch):
        encode(waiting[start : start + batch])
        if progress:
            progress(min(start + batch, len(waiting)), len(waiting), "vectors")
    return len(waiting)


def vectors(kind: str) -> dense.VectorSet | None:
    """The vectors of one kind of document, loaded once per process and again after a change."""
    if not dense_enabled():
        return None
    rows = Vector.objects.filter(key__startswith=f"{kind}:")
    stamp = tuple(rows.aggregate(n=Count("pk"), latest=Max("updated_at")).values())
    cache_key = (folder(), kind)
    with _lock:
        cached = _vectors.get(cache_key)
        if cached and cached[0] == stamp:
            return cached[1]
    keys, chunks = [], []
    for key, data in rows.order_by("pk").values_list("key", "vector").iterator(chunk_size=5000):
        keys.append(key)
        chunks.append(dense.from_bytes(data))
    loaded = dense.VectorSet(keys, np.vstack(chunks) if chunks else np.zeros((0, dense.WIDTH), np.float32))
    with _lock:
        _vectors[cache_key] = (stamp, loaded)
    return loaded
