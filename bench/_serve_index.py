"""Run by bench/matching_index.py in a fresh process: open a built index as a web process would, time
the queries (lexical; hybrid with random vectors of the true shape), and report its resident memory.

argv: index folder, number of documents, src folder, queries file, "lexical" or "hybrid"."""

import json
import sys
import time
from pathlib import Path

import numpy as np


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0.0


def timed(queries, ask) -> list[float]:
    out = []
    for query in queries:
        started = time.perf_counter()
        ask(query)
        out.append((time.perf_counter() - started) * 1000)
    return out


def main() -> None:
    folder, n, src, queries_file, mode = (
        Path(sys.argv[1]),
        int(sys.argv[2]),
        sys.argv[3],
        sys.argv[4],
        sys.argv[5],
    )
    sys.path.insert(0, src)
    from innochallenge.matching.engine import dense, ranking, tokens
    from innochallenge.matching.engine.lexical import LexicalIndex

    with open(queries_file, encoding="utf-8") as lines:
        queries = [json.loads(line)["text"] for line in lines if line.strip()][:300]
    index = LexicalIndex(folder)
    for query in queries[:20]:  # warm the caches, as a running server has them
        index.search(tokens.query_terms(query), "a")
    lexical = timed(queries, lambda q: ranking.rank(index.search(tokens.query_terms(q), "a", limit=200)))
    out = {
        "lexical_p50_ms": float(np.percentile(lexical, 50)),
        "lexical_p95_ms": float(np.percentile(lexical, 95)),
        "rss_mb_without_vectors": rss_mb(),
    }
    if mode == "hybrid":
        rng = np.random.default_rng(3)
        matrix = rng.standard_normal((n, dense.WIDTH), dtype=np.float32)
        matrix[:, : dense.DIM] /= np.linalg.norm(matrix[:, : dense.DIM], axis=1, keepdims=True)
        matrix[:, dense.DIM :] /= np.linalg.norm(matrix[:, dense.DIM :], axis=1, keepdims=True)
        vectors = dense.VectorSet([f"a:{i}" for i in range(n)], matrix)
        del matrix
        dense.encode_query("预热")

        def ask(query):
            hits = index.search(tokens.query_terms(query), "a", limit=200)
            ranking.rank(hits, query_vector=dense.encode_query(query), vectors=vectors)

        hybrid = timed(queries, ask)
        out |= {
            "hybrid_p50_ms": float(np.percentile(hybrid, 50)),
            "hybrid_p95_ms": float(np.percentile(hybrid, 95)),
            "rss_mb_with_vectors": rss_mb(),
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
