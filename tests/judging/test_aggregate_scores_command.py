"""`innochallenge aggregate-scores` on a real score sheet: the same numbers as `aggregate()`."""

import io
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from innochallenge.judging.aggregate import Row, aggregate
from innochallenge.judging.management.commands.aggregate_scores import as_json
from tests.judging.test_aggregate import WEIGHTS, sheet_rows

WEIGHTS_ARG = "completeness=0.4,feasibility=0.3,fit=0.3"
#: A judge who scored one criterion of one entry and forgot the other two.
ZOE = Row("zoe", "alpha", "fit", 10)


@pytest.fixture
def sheet(tmp_path):
    """The worked example of test_aggregate as a typed-up sheet, plus ZOE."""
    book = openpyxl.Workbook()
    book.active.append(["评委", "参赛项目", "评分项", "得分"])
    for row in sheet_rows():
        book.active.append([row.judge, row.entry, row.criterion, row.score])
    book.active.append([ZOE.judge, ZOE.entry, ZOE.criterion, ZOE.score])
    path = tmp_path / "评分表.xlsx"
    book.save(path)
    return path


def run(*args) -> str:
    out = io.StringIO()
    call_command("aggregate_scores", *map(str, args), stdout=out)
    return out.getvalue()


def test_json_is_what_aggregate_gives_on_the_same_rows(sheet):
    printed = json.loads(run(sheet, "--weights", WEIGHTS_ARG, "--trim", "1", "--json"))

    expected = aggregate([*sheet_rows(), ZOE], weights=WEIGHTS, trim=1)
    assert printed == as_json(expected)
    assert printed["incomplete"] == [
        {"judge": "zoe", "entry": "alpha", "missing": ["completeness", "feasibility"]}
    ]


def test_json_has_the_hand_computed_rankings(sheet):
    printed = json.loads(run(sheet, "--weights", WEIGHTS_ARG, "--json"))

    assert list(printed) == ["mean", "trimmed_mean", "zscore", "incomplete"]
    assert [r["entry"] for r in printed["mean"]] == ["bravo", "alpha", "charlie", "delta"]
    assert [r["entry"] for r in printed["trimmed_mean"]] == ["alpha", "bravo", "charlie", "delta"]
    assert printed["zscore"] == [
        {"rank": 1, "entry": "charlie", "score": 0.5, "judges": 4},
        {"rank": 2, "entry": "bravo", "score": 0.2857, "judges": 4},
        {"rank": 3, "entry": "alpha", "score": 0.1429, "judges": 4},
        {"rank": 4, "entry": "delta", "score": -0.9286, "judges": 4},
    ]


def test_table_lists_each_method_and_the_incomplete(sheet):
    printed = run(sheet, "--weights", WEIGHTS_ARG, "--trim", "1")

    assert "trimmed mean (trim 1)" in printed
    assert "   1      7.5500    2 judges  alpha" in printed
    assert "zoe — alpha: missing completeness, feasibility" in printed


def test_csv_in_gb18030(tmp_path):
    path = tmp_path / "scores.csv"
    path.write_bytes("评委,项目,评分项,分数\n张三,节能窗,契合度,6\n".encode("gb18030"))

    printed = json.loads(run(path, "--json"))

    assert printed["mean"] == [{"rank": 1, "entry": "节能窗", "score": 6.0, "judges": 1}]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--weights", "fit=lots"], "'lots' is not a number"),
        (["--weights", "novelty=1"], "'novelty'"),
        (["--trim", "-1"], "trim"),
    ],
)
def test_bad_options_are_command_errors(sheet, args, message):
    with pytest.raises(CommandError, match=message):
        run(sheet, *args)


def test_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        run(tmp_path / "nowhere.xlsx")


def test_unknown_extension_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match=r"only \.xlsx and \.csv"):
        run(tmp_path / "scores.ods")


def test_bad_sheet_is_a_command_error_with_its_messages(tmp_path):
    path = tmp_path / "scores.xlsx"
    path.write_bytes(b"not a workbook")

    with pytest.raises(CommandError, match=r"scores\.xlsx:\n"):
        run(path)
