"""Import achievement files into the library: CSV and Excel sheets, JSON Lines.

Technology-transfer offices export their achievements in whatever headers their system uses, in Chinese
or English; the evaluation sets come as JSON Lines (`{"id", "title", "abstract", "keywords", "field"}`,
often without a title). Each file is all or nothing: one invalid row and nothing of that file is saved;
the report names the row (as the spreadsheet numbers it, or the line of a JSONL file), the field and what
is wrong, in the reader's language.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import openpyxl
from django.utils import translation
from django.utils.translation import gettext as _

from innochallenge.core.csvread import CsvError, decode, read_csv
from innochallenge.core.validators import word_breaks
from innochallenge.demands.fields import label_key
from innochallenge.matching import library

if TYPE_CHECKING:
    from innochallenge.accounts.models import User

SUFFIXES = (".csv", ".xlsx", ".jsonl")
#: Errors listed in a report; the rest are counted.
MAX_PROBLEMS = 100
#: Rows between two progress reports.
PROGRESS_EVERY = 1000

Progress = Callable[[int, int, str], None]

#: Header spellings (folded with `label_key`) of each field, besides the API name and the labels.
HEADERS = {
    "title": ("成果名称", "名称", "成果标题", "标题", "name"),
    "abstract": ("摘要", "简介", "成果简介", "内容简介", "description", "summary"),
    "keywords": ("关键词", "关键字", "keyword"),
    "field": ("领域", "技术领域", "所属领域", "学科", "discipline"),
    "owner": ("所属单位", "单位", "完成单位", "owner_institution", "institution", "organisation"),
    "kind": ("类型", "成果类型", "type"),
    "maturity": ("成熟度", "技术成熟度", "阶段"),
    "ip_status": ("知识产权", "知识产权状况", "ip"),
    "contact_office": ("技术转移机构", "转移机构", "tto"),
    "contact_name": ("联系人",),
    "contact_email": ("邮箱", "电子邮件", "电子邮箱", "email", "e-mail"),
    "contact_phone": ("电话", "联系电话", "手机", "phone", "telephone"),
    "external_id": ("id", "编号", "成果编号", "序号"),
}


class AchievementFileError(Exception):
    """A file that cannot be read as achievements; the message is for the person who sent it."""


@dataclass
class Problem:
    row: int | None
    field: str
    label: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if not self.label:
            return _("row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return _("row %(row)s, %(field)s: %(message)s") % {
            "row": self.row,
            "field": self.label,
            "message": self.message,
        }


@dataclass
class FileReport:
    name: str
    #: "imported", "refused" (errors, nothing saved) or "unreadable"
    outcome: str = "imported"
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    #: rows that gave way to a later row of the same title and owner: {"row", "kept_row", "title"}
    duplicates: list[dict] = field(default_factory=list)
    duplicate_count: int = 0
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0

    @property
    def ok(self) -> bool:
        return self.outcome == "imported"

    def as_dict(self) -> dict:
        return asdict(self) | {
            "ok": self.ok,
            "lines": [str(p) for p in self.problems],
            "more_problems": self.problem_count - len(self.problems),
        }


def _header_lookup() -> dict[str, str]:
    """Folded header spelling → field: the API names, our labels in both languages, common variants."""
    lookup = {}
    for name, spellings in HEADERS.items():
        labels = []
        for lang in ("zh-hans", "en"):
            with translation.override(lang):
                labels.append(str(library.LABELS[name]))
        lookup.update(dict.fromkeys((label_key(s) for s in (name, *labels, *spellings)), name))
    return lookup


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


def _tidy(record: dict) -> dict:
    """Word's manual line and page breaks (U+000B, U+000C, which Excel keeps from a paste) as a new line
    in the abstract and between keywords, a space elsewhere; other control characters are refused by the
    library's rules, naming the row and field."""
    return {
        name: word_breaks(value, multiline=name in library.MULTILINE or name == "keywords")
        for name, value in record.items()
    }


def _rows_of_xlsx(data: bytes, progress: Progress) -> list[list[str]]:
    # A damaged or foreign file makes openpyxl raise anything from BadZipFile or zlib.error to KeyError or
    # an XML parser's error, on opening or (read-only sheets are parsed lazily) row by row.
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]  # a workbook may hold no sheet at all
    except Exception as exc:
        raise AchievementFileError(_("This is not an Excel (.xlsx) file.")) from exc
    try:
        expected = sheet.max_row or 0
        rows = []
        for row in _values(sheet):
            rows.append([_text(v) for v in row])
            if len(rows) % PROGRESS_EVERY == 0:
                progress(len(rows), expected, _("Read %(n)s rows") % {"n": len(rows)})
    finally:
        book.close()
    return rows


def _values(sheet):
    """The sheet's rows, its XML parse errors turned into the reader's own."""
    lines = sheet.iter_rows(values_only=True)
    while True:
        try:
            row = next(lines)
        except StopIteration:
            return
        except Exception as exc:
            raise AchievementFileError(_("This is not an Excel (.xlsx) file.")) from exc
        yield row


def _rows_of_csv(data: bytes) -> list[list[str]]:
    try:
        return read_csv(data)
    except CsvError as exc:
        raise AchievementFileError(str(exc)) from exc


def _header(rows: list[list[str]]) -> tuple[int, dict[str, int]]:
    """The header row (the first, among the first ten, naming the title column) and its columns."""
    lookup = _header_lookup()
    for index, row in enumerate(rows[:10]):
        columns: dict[str, int] = {}
        for i, cell in enumerate(row):
            name = lookup.get(label_key(cell)) if cell else None
            if name:
                columns.setdefault(name, i)
        if "title" in columns:
            return index, columns
    raise AchievementFileError(_("No header row naming the title column (成果名称 or title) was found."))


def _sheet_records(rows: list[list[str]]) -> list[tuple[int, dict]]:
    header_index, columns = _header(rows)
    records = []
    for number, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        if not any(row):
            continue
        records.append((number, _tidy({name: row[i] if i < len(row) else "" for name, i in columns.items()})))
    return records


def _jsonl_records(data: bytes) -> list[tuple[int, dict]]:
    """One object per line, keyed by the API's names (or any header spelling); `id` is the source's id.
    A record without a title takes the first sentence of its abstract (the evaluation sets have none)."""
    try:
        text = decode(data)
    except CsvError as exc:
        raise AchievementFileError(_("A JSON Lines file must be UTF-8 text.")) from exc
    lookup = _header_lookup()
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            obj = None
        if not isinstance(obj, dict):
            records.append((number, None))
            continue
        record = {}
        for key, value in obj.items():
            name = lookup.get(label_key(str(key)))
            if name and name not in record:
                record[name] = value
        if not _text(record.get("title")) and isinstance(record.get("abstract"), str):
            record["title"] = library.title_from_abstract(record["abstract"])
        records.append((number, _tidy(record)))
    return records


def read_file(name: str, data: bytes, progress: Progress | None = None) -> list[tuple[int, dict | None]]:
    """The raw achievements of a file with their row numbers; `None` for a line that is not an object."""
    progress = progress or (lambda done, total, message="": None)
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise AchievementFileError(_("Only .csv, .xlsx and .jsonl files can be imported."))
    if not data:
        raise AchievementFileError(_("The file is empty."))
    if suffix == ".jsonl":
        return _jsonl_records(data)
    rows = _rows_of_xlsx(data, progress) if suffix == ".xlsx" else _rows_of_csv(data)
    return _sheet_records(rows)


def _refuse(report: FileReport, problems: list[Problem]) -> FileReport:
    report.outcome = "refused"
    report.problem_count = len(problems)
    report.problems = problems[:MAX_PROBLEMS]
    return report


def import_file(name: str, data: bytes, *, by: User, progress: Progress | None = None) -> FileReport:
    """Import one file, all or nothing."""
    report = FileReport(name=name)

    def tell(done: int, total: int, message: str = "") -> None:
        if progress:
            progress(done, total, f"{name}: {message}")

    try:
        records = read_file(name, data, tell)
    except AchievementFileError as exc:
        report.outcome = "unreadable"
        report.problems.append(Problem(None, "", "", str(exc)))
        report.problem_count = 1
        return report
    report.rows = len(records)
    if not records:
        report.outcome = "unreadable"
        report.problems.append(Problem(None, "", "", _("The file holds no achievement.")))
        report.problem_count = 1
        return report
    numbers = [number for number, _raw in records]
    broken = [Problem(n, "", "", _("This line is not a JSON object.")) for n, raw in records if raw is None]
    if broken:
        return _refuse(report, broken)
    try:
        saved = library.save_achievements(
            [raw for _n, raw in records], by=by, source=name, progress=tell if progress else None
        )
    except library.AchievementsInvalid as exc:
        problems = [Problem(numbers[e.index], e.field, e.label, e.message) for e in exc.row_errors]
        return _refuse(report, problems)
    report.created, report.updated, report.unchanged = saved.created, saved.updated, saved.unchanged
    report.duplicate_count = len(saved.duplicates)
    report.duplicates = [
        {"row": numbers[dropped], "kept_row": numbers[kept], "title": _text(records[kept][1].get("title"))}
        for dropped, kept in saved.duplicates[:MAX_PROBLEMS]
    ]
    return report


def import_files(
    files: list[tuple[str, bytes]], *, by: User, progress: Progress | None = None
) -> list[FileReport]:
    """Import several files, each on its own."""
    return [import_file(name, data, by=by, progress=progress) for name, data in files]
