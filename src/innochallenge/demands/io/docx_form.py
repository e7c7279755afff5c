"""The official form as a Word document: read the label/value grid people fill in, write it back out."""

import io
import re
import unicodedata

import docx
from django.utils.translation import gettext as _
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt

from innochallenge.demands.fields import BY_NAME, FORM_ROWS, field_for_label, squash
from innochallenge.demands.io import FormFileError, RawDemand, tidy
from innochallenge.demands.io.checkboxes import read_choices, write_choices
from innochallenge.demands.io.options import Option, Options

TITLE = {"zh": "技术需求征集表", "en": "Technology Demand Form"}
#: The extra row our exports add below the official grid, so the leading-enterprise flag survives.
LEADING_ROW = "is_leading_enterprise"
YES_NO = ("是", "否")
#: Words of the blank form's hints; a bracketed note holding one of them is the hint, not an answer.
_HINT_WORDS = ("介绍企业基本信息", "精准描述所要解决", "300字以内", "不少于50个字", "必填")
_BRACKETED = re.compile(r"[（(][^（()）]*[)）]")


def _cell_text(cell) -> str:
    return "\n".join(p.text for p in cell.paragraphs).strip()


def _without_hints(text: str) -> str:
    def drop(match):
        return "" if any(w in squash(match.group(0)) for w in _HINT_WORDS) else match.group(0)

    return _BRACKETED.sub(drop, unicodedata.normalize("NFC", text)).strip()


def _open(data: bytes):
    try:
        return docx.Document(io.BytesIO(data))
    # A damaged or foreign file makes python-docx raise anything from BadZipFile or zlib.error to KeyError
    # or an XML parser's error (the parts are parsed here, on opening); the sender needs one sentence.
    except Exception as exc:
        raise FormFileError(_("This is not a Word (.docx) file.")) from exc


def _grid(table) -> list[tuple[str, str]]:
    """(field, text) pairs of a table: each label cell followed by its value cells. Merged cells are read
    once; a value cell with no label before it in its row continues the previous field."""
    seen: dict[int, object] = {}  # holding the elements keeps their ids from being reused
    pairs: list[tuple[str, list[str]]] = []
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen[id(cell._tc)] = cell._tc
            text = _cell_text(cell)
            name = field_for_label(text) if text and len(text) <= 40 else None
            if name is not None and not any(n == name for n, _v in pairs):
                pairs.append((name, []))
            elif pairs and text:
                pairs[-1][1].append(text)
    return [(name, "\n".join(values)) for name, values in pairs]


def _raw_of(pairs: list[tuple[str, str]], options: Options) -> RawDemand:
    raw: RawDemand = {}
    for name, text in pairs:
        field = BY_NAME[name]
        if name == LEADING_ROW:
            chosen, _other, unknown = read_choices(text, _yes_no())
            raw[name] = chosen[0].name if len(chosen) == 1 else unknown
            continue
        if not field.choices:
            value = _without_hints(text)
            raw[name] = "" if name == "budget_wan" and squash(value) in ("万元", "万") else value
            continue
        chosen, other, unknown = read_choices(text, options.get(field.choices, []))
        names = [o.name for o in chosen]
        if field.many:
            raw[name] = names if names or not unknown else [unknown]
        else:
            raw[name] = "、".join(names) if names else unknown
        if field.other:
            raw[field.other] = other
    return raw


def _yes_no():

    return [Option(YES_NO[0], ("yes", "Yes")), Option(YES_NO[1], ("no", "No"))]


def read_forms(data: bytes, options: Options) -> list[RawDemand]:
    """Every filled form in a Word document (one table per form)."""
    document = _open(data)
    forms = []
    for table in document.tables:
        pairs = _grid(table)
        if len(pairs) >= 3:
            forms.append(tidy(_raw_of(pairs, options), lines_are_layout=True))
    if not forms:
        raise FormFileError(_("No demand form table was found in this document."))
    return forms


def _value_text(name: str, raw: RawDemand, options: Options, blank: bool) -> str:
    field = BY_NAME[name]
    value = raw.get(name, "")
    if name == LEADING_ROW:
        return write_choices([YES_NO[0]] if value == YES_NO[0] else [], _yes_no())
    if field.choices:
        chosen = value if isinstance(value, list) else [value] if value else []
        other = str(raw.get(field.other, "")) if field.other else ""
        return write_choices(chosen, options.get(field.choices, []), other)
    if name == "budget_wan":
        amount = re.sub(r"\s*(万元|万)\s*$", "", str(value))  # the unit is printed once, after it
        return f"{amount} 万元" if amount else "万元"
    if blank and field.hint and field.hint != "万元":
        return field.hint
    return str(value)


def write_forms(demands: list[RawDemand], options: Options, lang: str = "zh") -> bytes:
    """Each demand as the official form, one per page; `[{}]` gives the blank form."""
    document = docx.Document()
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(2)
    for index, raw in enumerate(demands):
        blank = not any(raw.values())
        heading = document.add_paragraph()
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = heading.add_run(TITLE["en" if lang == "en" else "zh"])
        run.bold, run.font.size = True, Pt(16)
        rows = [*FORM_ROWS, (LEADING_ROW,)]
        table = document.add_table(rows=len(rows), cols=4)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for row, names in zip(table.rows, rows, strict=True):
            cells = row.cells
            if len(names) == 1:
                cells[1].merge(cells[3])
            for position, name in enumerate(names):
                field = BY_NAME[name]
                label_cell, value_cell = cells[2 * position], cells[2 * position + 1]
                label_cell.text = field.en if lang == "en" else field.zh
                label_cell.paragraphs[0].runs[0].bold = True
                value_cell.text = _value_text(name, raw, options, blank)
        if index < len(demands) - 1:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
