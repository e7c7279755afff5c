"""Every spreadsheet the site writes, .xlsx or .csv: rows under a header, column widths and number
formats, a sheet title.

One writer, because a spreadsheet program runs what looks like a formula. openpyxl stores a string that
begins with "=" as a live formula, and Excel or WPS runs a .csv cell that begins with "=", "+", "-", "@",
a tab or a carriage return (OWASP's "CSV injection"), so an enterprise that titles its demand
`=HYPERLINK("http://…","点击")` would plant a link in the organiser's export, the finance bureau's sheet or
an outlet's feed. Here text is always text:

- .xlsx: a text cell is stored as a string (`data_type` "s", never "f"), and one that begins like a formula
  also gets Excel's quote prefix, so editing the cell does not turn it into one either;
- .csv: a text cell that begins with one of those characters gets a leading apostrophe, which Excel shows
  as text and does not display. Numbers stay numbers: -5 is written as -5.

Control characters that XML cannot hold (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F) are dropped from
.xlsx text, so one stray character in a title does not break the whole export.
"""

import csv
import datetime as dt
import io
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import openpyxl
from django.utils import timezone
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX = "xlsx"
CSV = "csv"
CONTENT_TYPES = {
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    CSV: "text/csv; charset=utf-8",
}
#: What a spreadsheet program takes for the start of a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Sheet titles are at most 31 characters and cannot hold these.
_BAD_TITLE = re.compile(r"[\\*?:/\[\]]")


@dataclass(frozen=True)
class Column:
    """A column: its header, and optionally its width (in characters) and number format ("@" for text,
    "#,##0.00" for amounts), applied to every row under the header."""

    header: str
    width: float | None = None
    number_format: str | None = None


@dataclass
class Sheet:
    """Rows of cell values under the columns' headers. A cell is text, a number (int, float, Decimal),
    a bool, a date or datetime (an aware one is written in the local time zone), or None (empty).
    `bold_rows` holds the indexes (0 for the first row under the header) of rows written in bold, such as
    totals."""

    title: str
    columns: Sequence[Column | str]
    rows: Iterable[Sequence] = ()
    bold_rows: Collection[int] = field(default_factory=frozenset)

    @property
    def headers(self) -> list[str]:
        return [c.header if isinstance(c, Column) else str(c) for c in self.columns]


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def _plain(value):
    """The value as the file stores it: numbers and dates as themselves, anything else as text."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, dt.date | dt.time):
        return value
    return str(value)


def _title(title: str) -> str:
    return _BAD_TITLE.sub("", str(title))[:31] or "Sheet"


def write_xlsx(*sheets: Sheet) -> bytes:
    """A workbook with one worksheet per sheet, in order: bold header, frozen below it."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet in sheets:
        _fill(book.create_sheet(_title(sheet.title)), sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _fill(worksheet, sheet: Sheet) -> None:
    bold = Font(bold=True)
    for col, header in enumerate(sheet.headers, start=1):
        _put(worksheet, 1, col, header).font = bold
    count = 0
    for index, values in enumerate(sheet.rows):
        count += 1
        for col, value in enumerate(values, start=1):
            cell = _put(worksheet, index + 2, col, value)
            if index in sheet.bold_rows:
                cell.font = bold
    for col, column in enumerate(sheet.columns, start=1):
        if not isinstance(column, Column):
            continue
        if column.width is not None:
            worksheet.column_dimensions[get_column_letter(col)].width = column.width
        if column.number_format is not None:
            for row in range(2, count + 2):
                worksheet.cell(row=row, column=col).number_format = column.number_format
    worksheet.freeze_panes = "A2"


def _put(worksheet, row: int, col: int, value):
    value = _plain(value)
    if not isinstance(value, str):
        return worksheet.cell(row=row, column=col, value=value)
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = worksheet.cell(row=row, column=col, value=text)
    # openpyxl takes a string that begins with "=" for a formula; it is the user's text.
    cell.data_type = "s"
    if looks_like_formula(text):
        cell.quotePrefix = True
    return cell


def csv_cell(value) -> str:
    """A cell as a .csv holds it: text that a spreadsheet would run as a formula starts with an
    apostrophe; numbers are written as they are."""
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return f"'{value}" if looks_like_formula(value) else value


def write_csv(sheet: Sheet) -> bytes:
    """The sheet as UTF-8 with the byte-order mark that Excel needs to read Chinese."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_cell(h) for h in sheet.headers])
    writer.writerows([csv_cell(v) for v in row] for row in sheet.rows)
    return out.getvalue().encode("utf-8-sig")


def write(sheet: Sheet, fmt: str) -> bytes:
    """The sheet as `fmt` ("xlsx" or "csv")."""
    if fmt == XLSX:
        return write_xlsx(sheet)
    if fmt == CSV:
        return write_csv(sheet)
    raise ValueError(f"no spreadsheet format {fmt!r}")
