"""Which options a person ticked in a cell of the paper form, with the marks people really use."""

import re
import unicodedata

from innochallenge.demands.io.options import Option, spelling_pattern

_TICK = r"☑|☒|■|▇|█|●|◉|√|✓|✔|\[\s*[xX√✓✔]\s*\]|\(\s*[xX√✓✔]\s*\)"
_BLANK = r"□|☐|○|◯|\[\s*\]|\(\s*\)"
TICKED_BEFORE = re.compile(rf"(?:{_TICK})\s*$")
BLANK_BEFORE = re.compile(rf"(?:{_BLANK})\s*$")
TICKED_AFTER = re.compile(rf"^\s*(?:{_TICK})")
ANY_MARK = re.compile(rf"{_TICK}|{_BLANK}")
#: The text of an "other" option: 其他（生物医药）, 其他: 生物医药.
OTHER_TEXT = re.compile(r"^\s*(?:\(\s*([^()]*?)\s*\)|[:：]\s*([^□☐☑☒■√✓✔\[\]()]*))")


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "")


def _found(text: str, options: list[Option]) -> list[tuple[int, int, Option]]:
    """Where each option's name (or another spelling) stands in the text, longest spellings first so
    one name inside another is not counted twice."""
    spans: list[tuple[int, int, Option]] = []
    candidates = sorted(
        ((s, o) for o in options for s in o.all_spellings if s), key=lambda pair: -len(pair[0])
    )
    for spelling, option in candidates:
        for match in spelling_pattern(spelling).finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e, _o in spans):
                continue
            if any(o is option for _s, _e, o in spans):
                continue
            spans.append((start, end, option))
    return sorted(spans, key=lambda span: span[0])


def read_choices(cell: str, options: list[Option]) -> tuple[list[Option], str, str]:
    """The options ticked in `cell`, the text of the "other" option, and the cell's text when no option
    could be recognised (so the validator can say what is wrong)."""
    text = _normalise(cell).strip()
    if not text:
        return [], "", ""
    spans = _found(text, options)
    marked = bool(ANY_MARK.search(text))
    prefix = any(TICKED_BEFORE.search(text[:s]) or BLANK_BEFORE.search(text[:s]) for s, _e, _o in spans)
    chosen: list[tuple[int, Option]] = []
    for i, (start, end, option) in enumerate(spans):
        if not marked:
            ticked = True  # the option's text alone
        elif prefix:
            previous_end = spans[i - 1][1] if i else 0
            ticked = bool(TICKED_BEFORE.search(text[previous_end:start]))
        else:
            ticked = bool(TICKED_AFTER.search(text[end:]))
        if ticked:
            chosen.append((end, option))
    other = ""
    for end, option in chosen:
        if option.requires_text:
            match = OTHER_TEXT.match(text[end:])
            if match:
                other = (match.group(1) or match.group(2) or "").strip()
    unknown = text if not spans and not marked else ""
    return [o for _end, o in chosen], other, unknown


def write_choices(chosen: list[str], options: list[Option], other: str = "") -> str:
    """The cell as the exporter prints it: every option, ☑ for the chosen ones and □ for the rest."""
    parts = []
    for option in options:
        mark = "☑" if option.name in chosen else "□"
        label = (
            f"{option.name}（{other}）"
            if option.requires_text and option.name in chosen and other
            else option.name
        )
        if option.requires_text and not (option.name in chosen and other):
            label = f"{option.name}（  ）"
        parts.append(f"{mark}{label}")
    return "  ".join(parts)
