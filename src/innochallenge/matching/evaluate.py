"""`innochallenge eval-matching`: how well the engine ranks, on files, in a temporary index that never
touches the site's data. Our ranking is compared with plain BM25 on the same terms.

Achievements: one JSON object per line, `{"id", "title", "abstract", "keywords", "field"}`.
Queries: `{"id", "text", "field", "relevant": [achievement ids]}`."""

import hashlib
import json
import math
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from innochallenge.matching.engine import dense, ranking, tokens
from innochallenge.matching.engine.lexical import LexicalIndex

CUTOFF = 10


class EvalError(ValueError):
    """A file that cannot be evaluated; the message says which and where."""


@dataclass
class Item:
    id: str
    title: str
    abstract: str
    keywords: str
    field: str

    @property
    def text(self) -> str:
        return "。".join(p for p in (self.title, self.abstract) if p)


def read_jsonl(path: Path, required: tuple[str, ...]) -> list[dict]:
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"{path}: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalError(f"{path}, line {number}: not JSON ({exc.msg})") from exc
        missing = [key for key in required if key not in row]
        if not isinstance(row, dict) or missing:
            raise EvalError(f"{path}, line {number}: missing {', '.join(missing) or 'an object'}")
        rows.append(row)
    if not rows:
        raise EvalError(f"{path}: no rows")
    return rows


def _keywords(value) -> str:
    return "，".join(value) if isinstance(value, list) else str(value or "")


def metrics(ranked: list[str], relevant: set[str]) -> dict[str, float]:
    top = ranked[:CUTOFF]
    gains = [1.0 if item in relevant else 0.0 for item in top]
    ideal = sum(1 / math.log2(k + 2) for k in range(min(CUTOFF, len(relevant))))
    return {
        "recall@10": sum(gains) / len(relevant) if relevant else 0.0,
        "mrr@10": next((1 / (k + 1) for k, g in enumerate(gains) if g), 0.0),
        "ndcg@10": (sum(g / math.log2(k + 2) for k, g in enumerate(gains)) / ideal) if ideal else 0.0,
    }


def _mean(rows: list[dict[str, float]]) -> dict[str, float]:
    return {key: round(sum(r[key] for r in rows) / len(rows), 4) for key in rows[0]} if rows else {}


def _vectors(items: list[Item], cache: Path | None, progress: Callable) -> np.ndarray:
    docs = [(item.text, item.keywords) for item in items]
    digest = hashlib.sha256(json.dumps([dense.MODEL, docs], ensure_ascii=False).encode()).hexdigest()[:16]
    cached = cache / f"vectors-{digest}.npy" if cache else None
    if cached and cached.exists():
        return np.load(cached)
    out = np.zeros((len(docs), dense.WIDTH), dtype=np.float32)
    step = 64
    for start in range(0, len(docs), step):
        out[start : start + step] = dense.encode_documents(docs[start : start + step])
        progress(min(start + step, len(docs)), len(docs))
    if cached:
        cache.mkdir(parents=True, exist_ok=True)
        np.save(cached, out)
    return out


def evaluate(
    achievements: Path,
    queries: Path,
    *,
    use_dense: bool = True,
    cache: Path | None = None,
    progress: Callable = lambda done, total: None,
) -> dict:
    items = [
        Item(
            str(r["id"]),
            r.get("title") or "",
            r.get("abstract") or "",
            _keywords(r.get("keywords")),
            r.get("field") or "",
        )
        for r in read_jsonl(achievements, ("id",))
    ]
    asked = read_jsonl(queries, ("id", "text", "relevant"))
    keys = [f"a:{i}" for i in range(len(items))]
    with tempfile.TemporaryDirectory(prefix="innochallenge-eval-") as folder:
        started = time.perf_counter()
        index = LexicalIndex(Path(folder))
        documents = zip(keys, items, strict=True)
        index.write_joined(
            (
                (key, tokens.document_terms(f"{it.title} {it.abstract} {it.keywords}"))
                for key, it in documents
            ),
            clear=True,
        )
        build_s = time.perf_counter() - started
        vectors, encode_s = None, 0.0
        if use_dense:
            started = time.perf_counter()
            vectors = dense.VectorSet(keys, _vectors(items, cache, progress))
            encode_s = time.perf_counter() - started
        ours, bm25, latencies, rankings = [], [], [], {}
        facts = {key: ranking.Facts(field=it.field) for key, it in zip(keys, items, strict=True)}
        for query in asked:
            relevant = {str(r) for r in query["relevant"]}
            started = time.perf_counter()
            words = tokens.query_terms(query["text"])
            hits = index.search(words, "a", limit=ranking.DEFAULT_SHAPE["pool"])
            ranked = ranking.rank(
                hits,
                query_vector=dense.encode_query(query["text"]) if use_dense else None,
                vectors=vectors,
                query_facts=ranking.Facts(field=query.get("field") or ""),
                facts=facts,
                top=CUTOFF,
            )
            latencies.append((time.perf_counter() - started) * 1000)
            ids = [items[r.id].id for r in ranked]
            rankings[str(query["id"])] = ids
            ours.append(metrics(ids, relevant))
            bm25.append(metrics([items[h.id].id for h in hits], relevant))
    return {
        "ours": _mean(ours),
        "bm25": _mean(bm25),
        "achievements": len(items),
        "queries": len(asked),
        "dense": use_dense,
        "build_s": round(build_s, 3),
        "encode_s": round(encode_s, 3),
        "p50_ms": round(float(np.percentile(latencies, 50)), 2),
        "p95_ms": round(float(np.percentile(latencies, 95)), 2),
        "rankings": rankings,
    }
