"""Reading paper score sheets typed up as .xlsx or .csv, with Chinese or English headers."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.utils import translation

from innochallenge.judging import sheets
from innochallenge.judging.aggregate import Row
from innochallenge.judging.sheets import SheetError, read_sheet


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English; the Chinese catalog may translate them."""
    with translation.override("en"):
        yield


def xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows: list[list], encoding: str) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(encoding)


CHINESE = [
    ["评委", "参赛项目", "评分项", "得分", "备注"],
    ["张三", "智能水表", "完整性", 8.5, "迟到"],
    [],
    ["张三", 2024, "可行性", 7, None],
]
ENGLISH = [[" Score ", "CRITERION", "judge", "Entry"], [9, "fit", "ann", "alpha"], [0, "fit", 7.0, "bravo"]]


def test_xlsx_with_chinese_headers_skips_empty_rows_and_extra_columns():
    rows = read_sheet(xlsx(CHINESE), "评分表.xlsx")

    assert rows == [Row("张三", "智能水表", "完整性", 8.5), Row("张三", "2024", "可行性", 7.0)]


def test_xlsx_with_english_headers_in_any_order_and_case():
    rows = read_sheet(xlsx(ENGLISH), "scores.XLSX")

    assert rows == [Row("ann", "alpha", "fit", 9.0), Row("7", "bravo", "fit", 0.0)]


def test_xlsx_header_below_empty_rows():
    book = openpyxl.Workbook()
    book.active["B3"], book.active["C3"], book.active["D3"], book.active["E3"] = (
        "评委",
        "方案",
        "指标",
        "分数",
    )
    book.active["B5"], book.active["C5"], book.active["D5"], book.active["E5"] = "李四", "A", "创新", "x"
    out = io.BytesIO()
    book.save(out)

    with pytest.raises(SheetError) as error:
        read_sheet(out.getvalue(), "s.xlsx")

    assert error.value.messages == ["Row 5, 分数: the score is not a number."]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_csv_in_the_encodings_excel_writes(encoding):
    rows = read_sheet(
        csv_bytes([["评委", "项目", "评分项", "分数"], ["王五", "节能窗", "契合度", "6"]], encoding), "s.csv"
    )

    assert rows == [Row("王五", "节能窗", "契合度", 6.0)]


def test_csv_separated_by_tabs():
    data = b"judge\tentry\tcriterion\tscore\nann\talpha\tfit\t3.5\n"

    assert read_sheet(data, "s.csv") == [Row("ann", "alpha", "fit", 3.5)]


def test_every_bad_cell_is_reported_with_its_row_and_column():
    data = csv_bytes(
        [
            ["评委", "项目", "评分项", "分数"],
            ["张三", "A", "完整性", "8"],
            ["", "A", "完整性", "8"],
            ["张三", "A", "可行性", "很好"],
            ["张三", "A", "契合度", "-1"],
            ["张三", "A", "契合度", ""],
        ],
        "gb18030",
    )

    with pytest.raises(SheetError) as error:
        read_sheet(data, "s.csv")

    assert error.value.messages == [
        "Row 3, 评委: the cell is empty.",
        "Row 4, 分数: the score is not a number.",
        "Row 5, 分数: the score is negative.",
        "Row 6, 分数: the score is empty.",
    ]


def test_messages_are_translated_through_gettext():
    with translation.override("zh-hans"), pytest.raises(SheetError) as error:
        read_sheet(b"", "s.csv")

    assert error.value.messages == ["文件是空的。"]


def test_missing_column_is_named():
    with pytest.raises(SheetError, match="分数/score"):
        read_sheet(xlsx([["评委", "项目", "评分项", "备注"], ["a", "b", "c", "d"]]), "s.xlsx")


def test_two_columns_for_one_field_are_refused():
    with pytest.raises(SheetError, match="项目 and 方案"):
        read_sheet(xlsx([["评委", "项目", "方案", "评分项", "分数"]]), "s.xlsx")


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00garbage", "s.xlsx", "not an Excel"),
        (b"PK\x03\x04 not really a zip", "s.xlsx", "not an Excel"),
        (b"\x89PNG\r\n\x1a\n\x00\x00garbage", "s.csv", "not a CSV"),
        (bytes(range(128, 256)) * 4, "s.csv", "neither UTF-8 nor GB18030|first row"),
        (b"judge,entry\n", "s.txt", "Only .xlsx and .csv"),
        (b"\n\n", "s.csv", "no rows"),
    ],
)
def test_unreadable_files_give_one_clear_error(data, filename, message):
    with pytest.raises(SheetError, match=message) as error:
        read_sheet(data, filename)

    assert len(error.value.messages) == 1


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(sheets, "MAX_ROWS", 2)
    data = csv_bytes([["judge", "entry", "criterion", "score"]] + [["a", "b", "c", "1"]] * 3, "utf-8")

    with pytest.raises(SheetError, match="more than 2 rows"):
        read_sheet(data, "s.csv")


def test_errors_beyond_the_first_fifty_are_counted():
    data = csv_bytes([["judge", "entry", "criterion", "score"]] + [["a", "b", "c", "x"]] * 60, "utf-8")

    with pytest.raises(SheetError) as error:
        read_sheet(data, "s.csv")

    assert len(error.value.messages) == 51
    assert error.value.messages[-1] == "… and 10 more problems."


def test_true_false_and_date_cells():
    data = xlsx([["judge", "entry", "criterion", "score"], ["ann", dt.date(2025, 5, 1), "fit", True]])

    with pytest.raises(SheetError) as error:
        read_sheet(data, "s.xlsx")

    assert error.value.messages == ["Row 2, score: the score is not a number."]
