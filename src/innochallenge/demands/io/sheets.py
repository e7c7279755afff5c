"""Demands as sheets: one demand per row, the form's labels (Chinese or English) or API names as headers."""

import csv
import datetime as dt
import io
import re
from decimal import Decimal, InvalidOperation

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from innochallenge.demands.fields import BY_NAME, SHEET_COLUMNS, field_for_label
from innochallenge.demands.io import FormFileError, RawDemand

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
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise FormFileError(_("The CSV file is neither UTF-8 nor GBK."))
    if "\x00" in text:
        raise FormFileError(_("This is not a CSV text file."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    try:
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:  # a stray carriage return inside a field, say
        raise FormFileError(_("This is not a CSV text file.")) from exc


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
        demands.append((number, raw))
    return demands


def _number(value):
    try:
        return Decimal(str(value)) if str(value).strip() else None
    except InvalidOperation:
        return str(value)


def write_sheet(demands: list[RawDemand], fmt: str, lang: str = "zh", columns=SHEET_COLUMNS) -> bytes:
    """One row per demand under a header of labels; `[]` gives the blank template."""
    header = [BY_NAME[c].en if lang == "en" else BY_NAME[c].zh for c in columns]
    rows = []
    for raw in demands:
        row = []
        for name in columns:
            value = raw.get(name, "")
            row.append("、".join(value) if isinstance(value, list) else str(value or ""))
        rows.append(row)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
        return out.getvalue().encode("utf-8-sig")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "技术需求" if lang != "en" else "Demands"
    sheet.append(header)
    budget = columns.index("budget_wan") if "budget_wan" in columns else -1
    for row in rows:
        sheet.append([_number(v) if i == budget else v for i, v in enumerate(row)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for i, name in enumerate(columns, start=1):
        wide = name in ("company_profile", "description")
        sheet.column_dimensions[get_column_letter(i)].width = 50 if wide else 18
        if i - 1 != budget:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = "@"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
