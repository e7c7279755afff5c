"""Reading and writing the official demand form as files: Word (.docx) and sheets (.xlsx, .csv).

Readers give *raw demands*: dicts keyed by the API's field names holding the text as found (the budget
with its unit, choices by their canonical Chinese name), for `demands.validation.DemandForm` to judge.
Nothing here touches the database.
"""

import re

from innochallenge.core.validators import word_breaks
from innochallenge.demands.fields import MULTILINE

RawDemand = dict[str, "str | list[str]"]
_LINES = re.compile(r"\s*[\r\n]+\s*")


def tidy(raw: RawDemand, *, lines_are_layout: bool = False) -> RawDemand:
    """Word's manual line and page breaks (U+000B, U+000C, as Excel and a paste carry them) as the writer
    meant them: a new line in a text of several lines, a space in a one-line text. In a Word form a line
    break inside a one-line field is layout too (a long name wrapped in its cell): a space as well. Any
    other control character is left for the form's rules to refuse, naming the row and field."""
    tidied: RawDemand = {}
    for name, value in raw.items():
        multiline = name in MULTILINE
        values = value if isinstance(value, list) else [value]
        values = [word_breaks(v, multiline=multiline) for v in values]
        if lines_are_layout and not multiline:
            values = [_LINES.sub(" ", v) if isinstance(v, str) else v for v in values]
        tidied[name] = values if isinstance(value, list) else values[0]
    return tidied


class FormFileError(Exception):
    """A file that cannot be read as a demand form or sheet; the message is for the person who sent it."""
