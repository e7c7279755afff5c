"""The engine's parts, without the database: terms, the tantivy index, the ranking function."""

import numpy as np
import pytest

from innochallenge.matching.engine import ranking, tokens
from innochallenge.matching.engine.dense import DIM, WIDTH, VectorSet, from_bytes, to_bytes
from innochallenge.matching.engine.lexical import Hit, LexicalIndex


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("隔膜在150℃下热收缩率低于3%", ["150°c", "3%"]),
        ("满足AEC-Q102与ISO 3级要求", ["aec-q102", "iso3级"]),
        ("厚度0.1mm，背隙小于1弧分，GB/T 1040", ["0.1mm", "1弧分", "gb/t1040"]),
        ("keeps its shape at 150 °C; 25 µm thick", ["150°c", "25μm"]),
    ],
)
def test_numbers_units_and_codes_stay_whole(text, kept):
    found = tokens.terms(text)
    for term in kept:
        assert term in found, found


def test_domain_words_are_taught_and_function_words_left_out():
    tokens.teach(["热收缩率"])
    found = tokens.terms("我们需要降低隔膜的热收缩率")
    assert "热收缩率" in found and "的" not in found and "我们" not in found


def test_a_changed_document_is_found_by_its_new_words_without_a_rebuild(tmp_path):
    index = LexicalIndex(tmp_path)
    index.write([("a:1", tokens.terms("锂电池隔膜")), ("a:2", tokens.terms("谐波减速器"))], clear=True)
    index.write([("a:1", tokens.terms("固态电解质"))])
    reader = LexicalIndex(tmp_path)  # another process opening the same folder
    assert [h.key for h in reader.search(tokens.terms("固态电解质"), "a")] == ["a:1"]
    assert reader.search(tokens.terms("锂电池隔膜"), "a") == []
    assert reader.count("a") == 2
    index.write([], delete=["a:2"])
    reader.reload()
    assert reader.count("a") == 1


def test_search_keeps_to_the_kind_asked(tmp_path):
    index = LexicalIndex()
    index.write([("a:1", ["隔膜"]), ("p:1", ["隔膜"]), ("d:1", ["隔膜"])], clear=True)
    assert [h.key for h in index.search(["隔膜"], "p")] == ["p:1"]


def _vectors(rows: dict[str, list[float]]) -> VectorSet:
    matrix = np.zeros((len(rows), WIDTH), dtype=np.float32)
    for i, values in enumerate(rows.values()):
        matrix[i, : len(values)] = values
        matrix[i, :DIM] /= np.linalg.norm(matrix[i, :DIM])
    return VectorSet(list(rows), matrix)


def test_without_vectors_the_order_is_bm25s():
    hits = [Hit("a:1", 3.0), Hit("a:2", 2.0), Hit("a:3", 1.0)]
    assert [r.key for r in ranking.rank(hits)] == ["a:1", "a:2", "a:3"]


def test_a_document_close_in_meaning_but_without_the_words_is_found():
    vectors = _vectors({"a:1": [1, 0, 0], "a:2": [0.9, 0.1, 0], "a:3": [0, 0, 1]})
    query = np.zeros(DIM, dtype=np.float32)
    query[0] = 1
    ranked = ranking.rank([Hit("a:3", 1.0)], query_vector=query, vectors=vectors)
    assert {r.key for r in ranked[:2]} == {"a:1", "a:2"}
    assert set(ranked[0].parts) >= {"lexical", "dense", "keywords", "neighbours"}


def test_structure_adds_its_bonus_and_dismissed_ones_are_left_out():
    hits = [Hit("a:1", 2.0), Hit("a:2", 2.0), Hit("a:3", 1.0)]
    facts = {"a:2": ranking.Facts(field="新材料", cost_wan=80), "a:1": ranking.Facts(cost_wan=500)}
    asked = ranking.Facts(field="新材料", budget_wan=100)
    ranked = ranking.rank(hits, query_facts=asked, facts=facts, exclude={"a:3"})
    assert [r.key for r in ranked] == ["a:2", "a:1"]
    assert ranked[0].parts["field"] > 0 and ranked[0].parts["budget"] > 0 and ranked[1].parts["budget"] < 0


def test_custom_weights_change_the_order():
    hits = [Hit("a:1", 2.0), Hit("a:2", 1.9)]
    facts = {"a:2": ranking.Facts(field="x")}
    asked = ranking.Facts(field="x")
    assert ranking.rank(hits, query_facts=asked, facts=facts, weights={"field": 0})[0].key == "a:1"
    assert ranking.rank(hits, query_facts=asked, facts=facts, weights={"field": 2})[0].key == "a:2"


def test_vectors_survive_storage_as_float16():
    vector = np.linspace(-1, 1, WIDTH).astype(np.float32)
    assert np.allclose(from_bytes(to_bytes(vector)), vector, atol=1e-3)
