"""Read a .csv that people send: saved by Excel, WPS or a database tool, in UTF-8 or in GB18030.

Chinese Excel saves "CSV" in the system's code page (GBK, which GB18030 contains) and UTF-8 with a
byte-order mark; the delimiter is a comma, a tab or a semicolon. The cells come back stripped, and a cell
that `core.exporting` neutralised (an apostrophe before "=", "+", "-", "@") reads as the text it was, so
a sheet exported here imports back unchanged.
"""

import csv
import io

from django.utils.translation import gettext as _

from innochallenge.core.exporting import FORMULA_STARTS

DELIMITERS = ",\t;"
#: How much of the text the dialect is guessed from.
SNIFF_CHARS = 4096


class CsvError(ValueError):
    """A file that is not CSV text; the message is for the person who sent it."""


def decode(data: bytes) -> str:
    """UTF-8 (with or without the BOM Excel writes) or, failing that, GB18030 (GBK's superset)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise CsvError(_("The CSV file is neither UTF-8 nor GB18030 text.")) from exc


def _reader(text: str):
    stream = io.StringIO(text)
    try:
        return csv.reader(stream, csv.Sniffer().sniff(text[:SNIFF_CHARS], delimiters=DELIMITERS))
    except csv.Error:
        # Too little to go on (one column, one row): the delimiter the first line uses most, else a comma.
        first = next((line for line in text.splitlines() if line.strip()), "")
        return csv.reader(stream, delimiter=max(DELIMITERS, key=first.count))


def _cell(text: str) -> str:
    text = text.strip()
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_STARTS:
        return text[1:].strip()
    return text


def read_csv(data: bytes) -> list[list[str]]:
    """The rows of a CSV file as lists of stripped cells; raises CsvError for a file that is not text."""
    text = decode(data)
    if "\x00" in text:
        raise CsvError(_("This is not a CSV text file."))
    try:
        return [[_cell(cell) for cell in row] for row in _reader(text)]
    except csv.Error as exc:  # a stray carriage return inside a field, say
        raise CsvError(_("This is not a CSV text file.")) from exc
