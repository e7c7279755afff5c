"""The one spreadsheet writer (`core.exporting`) and the one CSV reader (`core.csvread`): text stays text,
numbers stay numbers, and what the writer neutralises the reader gives back."""

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.utils import translation

from innochallenge.core.csvread import CsvError, read_csv
from innochallenge.core.exporting import Column, Sheet, write_csv, write_xlsx

FORMULAS = ["=1+1", "+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"]


def _xlsx(sheet: Sheet):
    return openpyxl.load_workbook(io.BytesIO(write_xlsx(sheet))).active


def _csv(sheet: Sheet) -> list[list[str]]:
    return list(csv.reader(io.StringIO(write_csv(sheet).decode("utf-8-sig"))))


def test_negative_numbers_stay_numbers_and_formula_text_stays_text():
    sheet = Sheet("t", ["a", "b", "c", "d"], [[-5, Decimal("-1.50"), -0.25, "-5"]])

    assert _csv(sheet)[1] == ["-5", "-1.50", "-0.25", "'-5"]
    [cells] = _xlsx(sheet).iter_rows(min_row=2)
    assert [(c.value, c.data_type) for c in cells] == [(-5, "n"), (-1.5, "n"), (-0.25, "n"), ("-5", "s")]


def test_every_formula_start_is_neutralised_in_csv_and_stored_as_text_in_xlsx():
    sheet = Sheet("t", FORMULAS, [FORMULAS])

    assert _csv(sheet) == [[f"'{f}" for f in FORMULAS]] * 2
    worksheet = _xlsx(sheet)
    for row in worksheet.iter_rows():
        assert [(c.value, c.data_type, c.quotePrefix) for c in row] == [(f, "s", True) for f in FORMULAS]


def test_control_characters_xml_cannot_hold_are_dropped_from_xlsx():
    sheet = Sheet("t", ["标题"], [["耐高温\x0b薄膜\x1f"], ["\x00"]])

    assert [c.value for (c,) in _xlsx(sheet).iter_rows(min_row=2)] == ["耐高温薄膜", None]


def test_widths_formats_bold_rows_and_a_safe_title():
    sheet = Sheet(
        "a/b:c*?[d]" + "x" * 40,
        [Column("金额", width=16, number_format="#,##0.00"), "说明"],
        [[Decimal("12.5"), "甲"], [Decimal("99"), "合计"]],
        bold_rows={1},
    )

    worksheet = _xlsx(sheet)

    assert worksheet.title == ("abcd" + "x" * 40)[:31]
    assert worksheet.column_dimensions["A"].width == 16
    assert [worksheet["A2"].number_format, worksheet["A3"].number_format] == ["#,##0.00"] * 2
    assert [worksheet["A1"].font.b, worksheet["A2"].font.b, worksheet["B3"].font.b] == [True, False, True]
    assert worksheet.freeze_panes == "A2"


def test_an_aware_time_is_written_in_the_local_time_zone(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    when = dt.datetime(2021, 5, 12, 16, 30, tzinfo=dt.UTC)
    sheet = Sheet("t", ["时间"], [[when]])

    assert _xlsx(sheet)["A2"].value == dt.datetime(2021, 5, 13, 0, 30)
    assert _csv(sheet)[1] == ["2021-05-13T00:30:00"]


def test_a_csv_written_here_reads_back_as_it_was():
    rows = [["名称", "说明"], *[[f, "甲,乙"] for f in FORMULAS]]

    back = read_csv(write_csv(Sheet("t", rows[0], rows[1:])))

    assert back == [["名称", "说明"], *[[f.strip(), "甲,乙"] for f in FORMULAS]]


def test_a_gb18030_sheet_with_semicolons_reads():
    data = "企业名称;联系人\n苏州恒新;王磊\n".encode("gb18030")

    assert read_csv(data) == [["企业名称", "联系人"], ["苏州恒新", "王磊"]]


def test_a_one_column_sheet_falls_back_to_the_first_lines_delimiter():
    assert read_csv(b"title\n\xe7\x94\xb2\n") == [["title"], ["甲"]]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe\xfa", "The CSV file is neither UTF-8 nor GB18030 text."),
        (b"a,b\n\x00,c\n", "This is not a CSV text file."),
    ],
)
def test_a_file_that_is_not_csv_text_is_refused_with_a_message(data, message):
    with translation.override("en"), pytest.raises(CsvError) as refused:
        read_csv(data)
    assert str(refused.value) == message
