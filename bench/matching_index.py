"""The matching engine at library scale (issue #7 targets, on this 2-core machine):

- 100,000 achievements of ~300 characters: lexical build from raw text, terms cut included (≤ 15 s);
  query p95 lexical (≤ 10 ms) and hybrid — query embedding, dense similarity over every vector, ranking
  (≤ 50 ms); resident memory of a process serving queries, without vectors (≤ 500 MB); the throughput of
  document encoding (docs/s).
- 1,000,000 achievements: lexical build (≤ 60 s) and query p95 (≤ 50 ms).

Text: the real Chinese abstracts of ../shared/data/csl-dev give the words and their frequencies; the
long tail a big library has (names of materials, devices, compounds) is made by joining two real words,
and words are drawn from a Zipf law over the whole vocabulary, ~300 characters per achievement, with
punctuation; the text has no spaces, so rjieba must cut it as it would real text. Queries are the
topical queries of csl-dev (a paper's keyword list). For the hybrid figure the vectors are random unit
vectors of the true shape (encoding 100,000 documents takes hours — that is what the throughput says);
the query is encoded for real.

`python bench/matching_index.py [N ...]` (default: 100000 1000000).
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _common import machine

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "csl-dev"
RESULTS = Path(__file__).resolve().parent / "results"
TARGETS = {
    100_000: {"build_s": 15, "lexical_p95_ms": 10, "hybrid_p95_ms": 50, "rss_mb": 500},
    1_000_000: {"build_s": 60, "lexical_p95_ms": 50},
}
PUNCTUATION = "，，，。；、"


def _rows(name: str) -> list[dict]:
    if not DATA.exists():
        raise SystemExit(f"The CSL development set is needed beside the project: {DATA}")
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line]


def vocabulary(size: int = 400_000, seed: int = 7) -> list[str]:
    import rjieba

    counts: dict[str, int] = {}
    for row in _rows("achievements.jsonl"):
        for word in rjieba.cut(row["abstract"] + row["keywords"]):
            if word.strip() and word[0].isalnum():
                counts[word] = counts.get(word, 0) + 1
    real = sorted(counts, key=counts.get, reverse=True)
    rng = np.random.default_rng(seed)
    tail = {real[a] + real[b] for a, b in rng.integers(100, len(real), size=(size, 2))}
    return real + sorted(tail - set(real))[: size - len(real)]


def texts(n: int, words: list[str], seed: int = 11) -> list[str]:
    rng = np.random.default_rng(seed)
    per_doc = 130
    ranks = np.minimum(rng.zipf(1.15, size=(n, per_doc)) - 1, len(words) - 1)
    punct = rng.integers(0, len(PUNCTUATION), size=(n, per_doc // 10))
    out = []
    for i in range(n):
        picked = [words[r] for r in ranks[i]]
        for j, p in enumerate(punct[i]):
            picked[(j + 1) * 10 - 1] += PUNCTUATION[p]
        out.append("".join(picked)[:300])
    return out


def build(n: int, folder: Path) -> dict:
    from innochallenge.matching.engine.build import build as build_index
    from innochallenge.matching.engine.lexical import LexicalIndex

    corpus = texts(n, vocabulary())
    chars = sum(map(len, corpus))
    started = time.perf_counter()
    count = build_index(LexicalIndex(folder), ((f"a:{i}", t) for i, t in enumerate(corpus)), workers=2)
    build_s = time.perf_counter() - started
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    return {
        "documents": count,
        "mean_chars": round(chars / n, 1),
        "build_s": round(build_s, 2),
        "index_mb": round(size / 2**20, 1),
    }


def serve(folder: Path, n: int, hybrid: bool) -> dict:
    src = str(Path(__file__).resolve().parents[1] / "src")
    answer = subprocess.run(
        [
            sys.executable,
            str(Path(__file__).with_name("_serve_index.py")),
            str(folder),
            str(n),
            src,
            str(DATA / "queries-topical.jsonl"),
            "hybrid" if hybrid else "lexical",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return {k: round(v, 2) for k, v in json.loads(answer.stdout.strip().splitlines()[-1]).items()}


def encoding_throughput() -> dict:
    from innochallenge.matching.engine import dense

    rows = _rows("achievements.jsonl")[:48]
    docs = [(r["abstract"], r["keywords"]) for r in rows]
    dense.encode_documents(docs[:2])
    started = time.perf_counter()
    dense.encode_documents(docs)
    seconds = time.perf_counter() - started
    return {
        "encoded_documents": len(docs),
        "mean_chars": round(statistics.mean(len(t) for t, _ in docs)),
        "docs_per_s": round(len(docs) / seconds, 2),
    }


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [100_000, 1_000_000]
    figures, reached = {}, {}
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="innochallenge-bench-index-") as folder:
            built = build(n, Path(folder))
            served = serve(Path(folder), n, hybrid=n <= 100_000)
        figures[str(n)] = built | served | {"measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        for name, limit in TARGETS.get(n, {}).items():
            value = figures[str(n)].get(name if name != "rss_mb" else "rss_mb_without_vectors")
            reached[f"{n}:{name}≤{limit}"] = value is not None and value <= limit
        print(json.dumps({n: figures[str(n)]}), flush=True)
    figures["encoding"] = encoding_throughput()
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / "matching_index.json"
    if path.exists():  # sizes not run this time keep their last figures (each says when it was measured)
        earlier = json.loads(path.read_text())
        for size, values in earlier.get("figures", {}).items():
            figures.setdefault(size, values)
        for name, value in earlier.get("reached", {}).items():
            reached.setdefault(name, value)
    result = {
        "benchmark": "matching_index",
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": machine(),
        "figures": figures,
        "targets": {str(k): v for k, v in TARGETS.items() if str(k) in figures},
        "reached": reached,
    }
    path.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    main()
