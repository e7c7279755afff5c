"""Read a paper score sheet: one row per (judge, entry, criterion) score, as .xlsx or .csv.

Judges of the special competitions still score on paper or in a shared spreadsheet, which a secretary
types up; this reader turns that sheet into `aggregate.Row`s. The first non-empty row is the header and
names the columns judge, entry, criterion and score, in any order, in English or Chinese; other columns
(notes, dates) are ignored. Every bad cell is reported at once, naming the row as Excel numbers it and the
column as the sheet spells it, so the secretary can fix the sheet in one go.
"""

import datetime as dt
import io
import math

import openpyxl
from django.utils.translation import gettext as _

from innochallenge.core.csvread import CsvError, read_csv
from innochallenge.core.validators import text_problem
from innochallenge.demands.fields import label_key
from innochallenge.judging.aggregate import Row

#: Rows of scores read at most; a sheet with more is refused rather than read into memory.
MAX_ROWS = 100_000
#: Errors listed; the rest are counted, so a sheet of the wrong kind does not print 100,000 lines.
MAX_ERRORS = 50
#: Header spellings, folded with `label_key` (NFKC, no spaces, lower case).
HEADERS = {
    "judge": ("judge", "评委"),
    "entry": ("entry", "项目", "参赛项目", "方案"),
    "criterion": ("criterion", "评分项", "指标"),
    "score": ("score", "分数", "得分"),
}
#: How a field is named to the user, whichever language the sheet uses.
_SHOWN = {field: f"{spellings[1]}/{spellings[0]}" for field, spellings in HEADERS.items()}
_LOOKUP = {label_key(spelling): field for field, spellings in HEADERS.items() for spelling in spellings}


class SheetError(ValueError):
    """A sheet that cannot be read; `messages` lists every problem found, in the reader's language."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


def _text(value) -> str:
    """A cell as text: 3.0 → "3" (Excel stores typed numbers as floats), dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


def _rows_of_xlsx(data: bytes):
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    # A damaged or foreign file makes openpyxl raise anything from BadZipFile to KeyError or an XML
    # parser's error; the user needs one sentence, not the exception's name.
    except Exception as exc:
        raise SheetError([_("This is not an Excel (.xlsx) file.")]) from exc
    try:
        sheet = book.worksheets[0]
        # Some generators write a wrong <dimension>; read what is there instead.
        sheet.reset_dimensions()
        for row in sheet.iter_rows(values_only=True):
            yield list(row)
    except Exception as exc:  # the sheet's XML is parsed lazily, row by row
        raise SheetError([_("This is not an Excel (.xlsx) file.")]) from exc
    finally:
        book.close()


def _rows_of_csv(data: bytes) -> list[list[str]]:
    try:
        return read_csv(data)
    except CsvError as exc:
        raise SheetError([str(exc)]) from exc


def _columns(header: list) -> tuple[dict[str, int], list[str]]:
    """The column of each field, and the header as the sheet spells it (for messages)."""
    spelled = [_text(cell) for cell in header]
    columns: dict[str, int] = {}
    for i, cell in enumerate(spelled):
        field = _LOOKUP.get(label_key(cell))
        if field is None:
            continue
        if field in columns:
            raise SheetError(
                [
                    _("Columns %(first)s and %(second)s both are the column %(field)s.")
                    % {"first": spelled[columns[field]], "second": cell, "field": _SHOWN[field]}
                ]
            )
        columns[field] = i
    missing = [field for field in HEADERS if field not in columns]
    if missing:
        raise SheetError(
            [
                _("The first row must name the columns %(columns)s; %(missing)s not found.")
                % {
                    "columns": ", ".join(_SHOWN.values()),
                    "missing": ", ".join(_SHOWN[field] for field in missing),
                }
            ]
        )
    return columns, spelled


def _score(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    else:
        try:
            number = float(str(value).strip())
        except ValueError:
            return None
    return number if math.isfinite(number) else None


def read_sheet(data: bytes, filename: str) -> list[Row]:
    """The scores of a sheet; raises SheetError naming every bad cell (row as Excel shows it, column)."""
    suffix = filename.lower().rpartition(".")[2]
    if suffix not in ("xlsx", "csv"):
        raise SheetError([_("Only .xlsx and .csv files can be read, not %(name)s.") % {"name": filename}])
    if not data:
        raise SheetError([_("The file is empty.")])
    lines = _rows_of_xlsx(data) if suffix == "xlsx" else _rows_of_csv(data)
    columns: dict[str, int] | None = None
    spelled: list[str] = []
    rows: list[Row] = []
    errors: list[str] = []
    read = 0
    for number, line in enumerate(lines, start=1):
        if not any(_text(cell) for cell in line):
            continue
        if columns is None:
            columns, spelled = _columns(line)
            continue
        read += 1
        if read > MAX_ROWS:
            raise SheetError([_("The sheet has more than %(max)s rows of scores.") % {"max": MAX_ROWS}])
        cells = {field: line[i] if i < len(line) else None for field, i in columns.items()}
        bad = False
        for field in ("judge", "entry", "criterion"):
            if not _text(cells[field]):
                bad = True
                errors.append(
                    _("Row %(row)s, %(column)s: the cell is empty.")
                    % {"row": number, "column": spelled[columns[field]]}
                )
            elif problem := text_problem(_text(cells[field])):
                bad = True
                errors.append(
                    _("Row %(row)s, %(column)s: %(problem)s")
                    % {"row": number, "column": spelled[columns[field]], "problem": problem}
                )
        score = _score(cells["score"])
        if not _text(cells["score"]):
            problem = _("Row %(row)s, %(column)s: the score is empty.")
        elif score is None:
            problem = _("Row %(row)s, %(column)s: the score is not a number.")
        elif score < 0:
            problem = _("Row %(row)s, %(column)s: the score is negative.")
        else:
            problem = ""
        if problem:
            bad = True
            errors.append(problem % {"row": number, "column": spelled[columns["score"]]})
        if not bad:
            rows.append(
                Row(_text(cells["judge"]), _text(cells["entry"]), _text(cells["criterion"]), score, number)
            )
    if columns is None:
        raise SheetError([_("The sheet has no rows.")])
    if errors:
        more = len(errors) - MAX_ERRORS
        shown = errors[:MAX_ERRORS]
        if more > 0:
            shown.append(_("… and %(count)s more problems.") % {"count": more})
        raise SheetError(shown)
    return rows
