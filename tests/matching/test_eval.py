"""`innochallenge eval-matching` on a small set of three topics (tests/data/matching)."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from innochallenge.matching.evaluate import evaluate, metrics

DATA = Path(__file__).parents[1] / "data" / "matching"


def test_metrics_by_hand():
    figures = metrics(["x", "a", "y", "b"], {"a", "b"})
    assert figures["recall@10"] == 1.0 and figures["mrr@10"] == 0.5
    assert figures["ndcg@10"] == pytest.approx((1 / 1.585 + 1 / 2.322) / (1 + 1 / 1.585), abs=1e-3)


def test_the_json_answer_has_the_promised_shape(capsys):
    call_command(
        "eval_matching",
        "--achievements",
        str(DATA / "achievements.jsonl"),
        "--queries",
        str(DATA / "queries.jsonl"),
        "--json",
    )
    result = json.loads(capsys.readouterr().out)
    for side in ("ours", "bm25"):
        assert set(result[side]) == {"recall@10", "mrr@10", "ndcg@10"}
    assert {"build_s", "p50_ms", "p95_ms"} <= set(result)
    assert set(result["rankings"]) == {"q1", "q2", "q3", "q4"}
    # each topic's own achievements come first, by words or by meaning
    assert set(result["rankings"]["q1"][:2]) == {"m1", "m2"}
    assert result["rankings"]["q3"][0] in {"v1", "v2"}
    assert result["ours"]["ndcg@10"] >= result["bm25"]["ndcg@10"]


def test_meaning_finds_what_the_words_miss():
    """产品外观质检的人工智能 shares no term with the two vision achievements; the dense stage finds them."""
    lexical = evaluate(DATA / "achievements.jsonl", DATA / "queries.jsonl", use_dense=False)
    hybrid = evaluate(DATA / "achievements.jsonl", DATA / "queries.jsonl")
    assert lexical["rankings"]["q4"] == []
    assert set(hybrid["rankings"]["q4"][:2]) == {"v1", "v2"}
    assert hybrid["ours"]["recall@10"] > hybrid["bm25"]["recall@10"]


def test_a_bad_file_is_named_with_its_line(tmp_path):
    bad = tmp_path / "q.jsonl"
    bad.write_text('{"id": "q1", "text": "x", "relevant": []}\n{"id": "q2"\n', encoding="utf-8")
    with pytest.raises(CommandError, match="line 2"):
        call_command(
            "eval_matching", "--achievements", str(DATA / "achievements.jsonl"), "--queries", str(bad)
        )
