"""The lexical first stage: tantivy over pre-cut terms (whitespace tokenizer), BM25 scoring.

One index holds every kind of document (achievements, providers, demands), each under a key such as
"a:12"; a search names the kind it wants. The index lives in a folder (VAR_DIR/index/matching for the
site, a temporary folder for `eval-matching`) or in memory. One process writes at a time (tantivy's own
lock file, and `matching.index` holds a file lock around each write); any number of processes read,
reloading the searcher to see new commits."""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import tantivy

KINDS = ("a", "p", "d")  # achievement, provider, demand
WRITER_HEAP = 200_000_000


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("key", stored=True, tokenizer_name="raw")
    builder.add_text_field("kind", stored=False, tokenizer_name="raw")
    builder.add_text_field("terms", stored=False, tokenizer_name="whitespace", index_option="freq")
    return builder.build()


@dataclass(frozen=True)
class Hit:
    key: str
    score: float

    @property
    def kind(self) -> str:
        return self.key.split(":", 1)[0]

    @property
    def id(self) -> int:
        return int(self.key.split(":", 1)[1])


class LexicalIndex:
    def __init__(self, path: Path | None = None):
        self.schema = _schema()
        if path is None:
            self.index = tantivy.Index(self.schema)
        else:
            path.mkdir(parents=True, exist_ok=True)
            self.index = tantivy.Index(self.schema, path=str(path), reuse=True)

    def write(self, documents: Iterable[tuple[str, list[str]]], *, delete: Iterable[str] = (), clear=False):
        """Add or replace documents (key, terms) and delete keys, in one commit."""
        return self.write_joined(((k, " ".join(w)) for k, w in documents), delete=delete, clear=clear)

    def write_joined(
        self, documents: Iterable[tuple[str, str]], *, delete: Iterable[str] = (), clear=False
    ) -> int:
        """As `write`, with each document's terms already joined by spaces."""
        count = 0
        writer = self.index.writer(heap_size=WRITER_HEAP, num_threads=0)
        try:
            if clear:
                writer.delete_all_documents()
            for key in delete:
                writer.delete_documents_by_term("key", key)
            for key, joined in documents:
                if not clear:
                    writer.delete_documents_by_term("key", key)
                writer.add_document(tantivy.Document(key=key, kind=key.split(":", 1)[0], terms=joined))
                count += 1
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            writer.rollback()
            raise
        self.index.reload()
        return count

    def search(self, words: list[str], kind: str, limit: int = 200) -> list[Hit]:
        """BM25 over the terms given (any of them may match), only documents of `kind`, best first."""
        words = list(dict.fromkeys(w for w in words if w))
        if not words:
            return []
        should = [(tantivy.Occur.Should, tantivy.Query.term_query(self.schema, "terms", w)) for w in words]
        query = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, tantivy.Query.boolean_query(should)),
                (tantivy.Occur.Must, tantivy.Query.term_query(self.schema, "kind", kind)),
            ]
        )
        searcher = self.index.searcher()
        hits = searcher.search(query, limit).hits
        return [Hit(searcher.doc(address)["key"][0], score) for score, address in hits]

    def count(self, kind: str | None = None) -> int:
        searcher = self.index.searcher()
        if kind is None:
            return searcher.num_docs
        query = tantivy.Query.term_query(self.schema, "kind", kind)
        return searcher.search(query, 1, count=True).count  # type: ignore[attr-defined]  # missing in the stub

    def reload(self) -> None:
        self.index.reload()
