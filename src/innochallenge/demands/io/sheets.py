"""Demands as sheets: one demand per row, the form's labels (Chinese or English) or API names as headers."""

import datetime as dt
import io
import re
from decimal import Decimal, InvalidOperation

import openpyxl
from django.utils.translation import gettext as _

from innochallenge.core.csvread import CsvError, read_csv
from innochallenge.core.exporting import Column, Sheet, write
from innochallenge.demands.fields import BY_NAME, SHEET_COLUMNS, field_for_label
from innochallenge.demands.io import FormFileError, RawDemand, tidy

_SPLIT = re.compile(r"[、,，;；/\n]+")
#: A header row names at least this many fields; rows above it (titles, notes) are skipped.
MIN_HEADERS = 3


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


def _rows_of_xlsx(data: bytes) -> list[list[str]]:
    # A damaged or foreign file makes openpyxl raise anything from BadZipFile or zlib.error to KeyError or
    # an XML parser's error, on opening or (read-only sheets are parsed lazily) row by row.
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise FormFileError(_("This is not an Excel (.xlsx) file.")) from exc
    try:
        sheet = book.worksheets[0]
        rows = [[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    except Exception as exc:
        raise FormFileError(_("This is not an Excel (.xlsx) file.")) from exc
    finally:
        book.close()
    return rows


def _rows_of_csv(data: bytes) -> list[list[str]]:
    try:
        return read_csv(data)
    except CsvError as exc:
        raise FormFileError(str(exc)) from exc


def _header(rows: list[list[str]]) -> tuple[int, dict[str, int]]:
    """The header row (the first naming enough fields) and the column of each field it names."""
    for index, row in enumerate(rows):
        columns: dict[str, int] = {}
        for i, cell in enumerate(row):
            name = field_for_label(cell) if cell else None
            if name:
                columns.setdefault(name, i)
        if len(columns) >= MIN_HEADERS:
            return index, columns
    raise FormFileError(_("No header row with the form's labels (企业名称, 技术需求名称, …) was found."))


def read_sheet(data: bytes, filename: str) -> list[tuple[int, RawDemand]]:
    """The demands of a sheet with their row numbers as the spreadsheet shows them (1-based)."""
    if not data:
        raise FormFileError(_("The file is empty."))
    rows = _rows_of_xlsx(data) if filename.lower().endswith(".xlsx") else _rows_of_csv(data)
    header_index, first = _header(rows)
    demands = []
    for number, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        if not any(row):
            continue
        raw: RawDemand = {}
        for name, i in first.items():
            value = row[i] if i < len(row) else ""
            raw[name] = [v.strip() for v in _SPLIT.split(value) if v.strip()] if BY_NAME[name].many else value
        demands.append((number, tidy(raw)))
    return demands


def _number(value):
    try:
        return Decimal(str(value)) if str(value).strip() else None
    except InvalidOperation:
        return str(value)


def write_sheet(demands: list[RawDemand], fmt: str, lang: str = "zh", columns=SHEET_COLUMNS) -> bytes:
    """One row per demand under a header of labels; `[]` gives the blank template. In .xlsx the budget is
    a number and every other column is formatted as text."""
    header = [BY_NAME[c].en if lang == "en" else BY_NAME[c].zh for c in columns]
    rows = []
    for raw in demands:
        row = []
        for name in columns:
            value = raw.get(name, "")
            text = "、".join(value) if isinstance(value, list) else str(value or "")
            row.append(_number(text) if name == "budget_wan" else text)
        rows.append(row)
    sheet = Sheet(
        title="技术需求" if lang != "en" else "Demands",
        columns=[
            Column(
                label,
                width=50 if name in ("company_profile", "description") else 18,
                number_format=None if name == "budget_wan" else "@",
            )
            for name, label in zip(columns, header, strict=True)
        ],
        rows=rows,
    )
    return write(sheet, fmt)
