"""The aggregation of judges' scores, checked against a ranking computed by hand."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innochallenge.judging.aggregate import (
    METHODS,
    Incomplete,
    Ranked,
    Row,
    aggregate,
    parse_weights,
)

WEIGHTS = {"completeness": 0.4, "feasibility": 0.3, "fit": 0.3}

#: (completeness, feasibility, fit) of each judge for each entry.
SHEET = {
    "ann": {"alpha": (7, 7, 8), "bravo": (6, 5, 6), "charlie": (9, 6, 7), "delta": (7, 6, 7)},
    "ben": {"alpha": (7, 8, 9), "bravo": (7, 9, 8), "charlie": (5, 4, 5), "delta": (5, 5, 4)},
    "lee": {"alpha": (9, 7, 7), "bravo": (10, 9, 9), "charlie": (10, 9, 9), "delta": (9, 6, 8)},
    "hu": {"alpha": (5, 3, 3), "bravo": (5, 4, 4), "charlie": (4, 5, 5), "delta": (4, 2, 2)},
}


def sheet_rows(sheet=SHEET) -> list[Row]:
    return [
        Row(judge, entry, criterion, score)
        for judge, entries in sheet.items()
        for entry, scores in entries.items()
        for criterion, score in zip(WEIGHTS, scores, strict=True)
    ]


def test_worked_example_gives_three_different_winners():
    """4 judges × 4 entries × 3 criteria, weights completeness 0.4, feasibility 0.3, fit 0.3, trim 1.

    Ann and Ben are ordinary judges (Ben uses a wide part of the scale), Lee is lenient, Hu is harsh.

    Totals (0.4·completeness + 0.3·feasibility + 0.3·fit):

                 alpha  bravo  charlie  delta   judge's mean   σ (population)
        ann       7.3    5.7     7.5     6.7        6.8        √(1.96/4) = 0.7
        ben       7.9    7.9     4.7     4.7        6.3        1.6
        lee       7.8    9.4     9.4     7.8        8.6        0.8
        hu        3.8    4.4     4.6     2.8        3.9        √(1.96/4) = 0.7

    e.g. ann/alpha = 0.4·7 + 0.3·7 + 0.3·8 = 2.8 + 2.1 + 2.4 = 7.3; ann's deviations from 6.8 are
    0.5, −1.1, 0.7, −0.1, whose squares sum to 1.96.

    mean:          alpha 26.8/4 = 6.7, bravo 27.4/4 = 6.85, charlie 26.2/4 = 6.55, delta 22.0/4 = 5.5
                   → bravo, alpha, charlie, delta
    trimmed mean (drop the highest and the lowest of the four, average the middle two):
                   alpha (7.3 + 7.8)/2 = 7.55, bravo (5.7 + 7.9)/2 = 6.8,
                   charlie (4.7 + 7.5)/2 = 6.1, delta (4.7 + 6.7)/2 = 5.7
                   → alpha, bravo, charlie, delta (Hu's 3.8 no longer pulls alpha down)
    z = (total − judge's mean) / judge's σ:

                 alpha   bravo   charlie   delta
        ann       5/7   −11/7      1       −1/7
        ben        1       1      −1        −1
        lee       −1       1       1        −1
        hu       −1/7    5/7       1      −11/7
        mean      1/7     2/7     1/2     −13/14     (= 0.1429, 0.2857, 0.5, −0.9286)

                   → charlie, bravo, alpha, delta (every judge but Ben put charlie above his own mean)
    """
    result = aggregate(sheet_rows(), weights=WEIGHTS, trim=1)

    assert list(result.methods) == list(METHODS)
    assert result.totals[("ann", "alpha")] == pytest.approx(7.3)
    assert result.totals[("hu", "delta")] == pytest.approx(2.8)
    expected = {
        "mean": [("bravo", 6.85, 4), ("alpha", 6.7, 4), ("charlie", 6.55, 4), ("delta", 5.5, 4)],
        "trimmed_mean": [("alpha", 7.55, 2), ("bravo", 6.8, 2), ("charlie", 6.1, 2), ("delta", 5.7, 2)],
        "zscore": [("charlie", 1 / 2, 4), ("bravo", 2 / 7, 4), ("alpha", 1 / 7, 4), ("delta", -13 / 14, 4)],
    }
    for method, ranking in expected.items():
        got = result.methods[method]
        assert [(r.rank, r.entry, r.judges) for r in got] == [
            (rank, entry, judges) for rank, (entry, _score, judges) in enumerate(ranking, start=1)
        ]
        assert [r.score for r in got] == pytest.approx([score for _entry, score, _judges in ranking])
    assert result.incomplete == []
    assert result.criteria == ["completeness", "feasibility", "fit"]


def test_ties_share_a_rank_and_are_listed_by_name():
    rows = [Row("j", e, "c", s) for e, s in [("d", 5), ("b", 7), ("c", 7), ("a", 9)]]

    ranked = aggregate(rows).methods["mean"]

    assert [(r.rank, r.entry) for r in ranked] == [(1, "a"), (2, "b"), (2, "c"), (4, "d")]


def test_ties_within_float_noise_share_a_rank():
    rows = [Row("j", "x", "c", 0.1 + 0.2), Row("j", "y", "c", 0.3)]

    ranked = aggregate(rows).methods["mean"]

    assert [(r.rank, r.entry) for r in ranked] == [(1, "x"), (1, "y")]


def test_incomplete_judge_is_left_out_and_reported():
    rows = [*sheet_rows(), Row("zoe", "alpha", "fit", 10)]

    result = aggregate(rows, weights=WEIGHTS)

    assert result.incomplete == [Incomplete("zoe", "alpha", ("completeness", "feasibility"))]
    assert ("zoe", "alpha") not in result.totals
    assert result.methods == aggregate(sheet_rows(), weights=WEIGHTS).methods


def test_entry_without_a_complete_judge_is_not_ranked():
    rows = [Row("j", "x", "a", 1), Row("j", "x", "b", 1), Row("j", "y", "a", 1)]

    result = aggregate(rows)

    assert [r.entry for r in result.methods["mean"]] == ["x"]
    assert result.incomplete == [Incomplete("j", "y", ("b",))]


def test_duplicate_row_is_an_error_naming_it():
    rows = [*sheet_rows(), Row("ben", "delta", "fit", 3)]

    with pytest.raises(ValueError, match=r"'ben'.*'delta'.*'fit'"):
        aggregate(rows)


def test_weight_of_unknown_criterion_is_an_error_naming_it():
    with pytest.raises(ValueError, match="'novelty'"):
        aggregate(sheet_rows(), weights={**WEIGHTS, "novelty": 0.1})


def test_criterion_missing_from_weights_weighs_one():
    rows = [Row("j", "x", "a", 2), Row("j", "x", "b", 3)]

    assert aggregate(rows, weights={"a": 0.5}).totals == {("j", "x"): 4.0}


def test_trim_with_too_few_judges_falls_back_to_mean():
    rows = [Row(j, "x", "c", s) for j, s in [("a", 1), ("b", 2), ("c", 9)]]

    result = aggregate(rows, trim=2)

    assert result.methods["trimmed_mean"] == [Ranked(1, "x", 4.0, 3)]


def test_trim_drops_highest_and_lowest():
    rows = [Row(j, "x", "c", s) for j, s in [("a", 1), ("b", 2), ("c", 3), ("d", 4), ("e", 100)]]

    assert aggregate(rows, trim=2).methods["trimmed_mean"] == [Ranked(1, "x", 3.0, 1)]


def test_zero_spread_judge_contributes_zero():
    rows = [Row("flat", e, "c", 5) for e in ("x", "y")] + [Row("solo", "x", "c", 9)]

    ranked = aggregate(rows).methods["zscore"]

    assert [(r.rank, r.entry, r.score, r.judges) for r in ranked] == [(1, "x", 0.0, 2), (1, "y", 0.0, 1)]


@pytest.mark.parametrize(
    ("text", "weights"),
    [
        ("completeness=0.4,feasibility=0.3,fit=0.3", WEIGHTS),
        (" 创新性 = 2 ，可行性=1, ", {"创新性": 2.0, "可行性": 1.0}),
        ("", {}),
    ],
)
def test_parse_weights(text, weights):
    assert parse_weights(text) == weights


@pytest.mark.parametrize("text", ["fit", "=1", "fit=high", "fit=-0.1", "fit=1,fit=2", "fit=nan"])
def test_parse_weights_refuses_bad_items(text):
    with pytest.raises(ValueError, match=r"fit|=1"):
        parse_weights(text)


names = st.sampled_from(["a", "b", "c", "d"])
sheets = st.dictionaries(
    st.tuples(names, names, st.sampled_from(["x", "y"])), st.integers(0, 10), min_size=1, max_size=30
).map(lambda cells: [Row(j, e, c, s) for (j, e, c), s in cells.items()])


@given(sheets, names, st.integers(-20, 20))
def test_zscore_ranking_ignores_a_judges_offset(rows, judge, offset):
    shifted = [
        Row(r.judge, r.entry, r.criterion, r.score + offset if r.judge == judge else r.score) for r in rows
    ]

    def ranking(rows):
        return [
            (r.rank, r.entry)
            for r in aggregate(rows, weights={"x": 2}, criteria=["x", "y"]).methods["zscore"]
        ]

    assert ranking(shifted) == ranking(rows)


@given(st.data(), sheets)
def test_row_order_does_not_matter(data, rows):
    permuted = data.draw(st.permutations(rows))

    assert aggregate(permuted, trim=1) == aggregate(rows, trim=1)


def test_score_that_is_not_a_number_is_an_error():
    with pytest.raises(ValueError, match="not a number"):
        aggregate([Row("j", "x", "c", float("nan"))])
