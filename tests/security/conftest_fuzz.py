"""Helpers of the fuzz tests (a plain module: tests/security/conftest.py belongs to the permission matrix)."""

import csv
import io
import zipfile
from contextlib import contextmanager

import openpyxl
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import strategies as st

from innochallenge.accounts.services import issue_api_token
from tests.factories.accounts import PASSWORD


def bearer_headers(user) -> dict[str, str]:
    """The Authorization header of a fresh API token of `user`."""
    return {"Authorization": f"Bearer {issue_api_token(username=user.username, password=PASSWORD)}"}


# ------------------------------------------------------------------------------ files for the importers

#: Parts a reader looks for first; a zip holding them with the wrong contents gets furthest.
ZIP_PARTS = (
    "[Content_Types].xml",
    "_rels/.rels",
    "word/document.xml",
    "word/_rels/document.xml.rels",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/worksheets/sheet1.xml",
    "xl/sharedStrings.xml",
    "docProps/core.xml",
)
#: Text without lone surrogates, so that it encodes in UTF-8 and in GB18030.
TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=60)


def _flip(seed: bytes, edits: list[tuple[int, int]]) -> bytes:
    data = bytearray(seed)
    for position, value in edits:
        data[position % len(data)] = value
    return bytes(data)


def _rezip(seed: bytes, part: int, content: bytes, keep: bool) -> bytes:
    """The archive `seed` with one of its parts replaced by `content` (or dropped when not `keep`)."""
    with zipfile.ZipFile(io.BytesIO(seed)) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    name = members[part % len(members)][0]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members:
            if member != name:
                archive.writestr(member, data)
            elif keep:
                archive.writestr(member, content)
    return out.getvalue()


def _zip_of(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _csv_text(rows: list[list[str]], delimiter: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue()


def files_from(seeds: list[bytes], *, text_header: list[str]) -> st.SearchStrategy[bytes]:
    """Bytes a careless or hostile sender might upload: noise, `seeds` (real files) cut short, with bytes
    flipped or with a part of their zip replaced, zips of the right part names holding the wrong contents,
    and delimited text (sometimes under `text_header`) in UTF-8 or GB18030."""
    seed = st.sampled_from(seeds)
    noise = st.binary(max_size=800)
    cut = seed.flatmap(lambda s: st.integers(0, len(s) - 1).map(lambda n: s[:n]))
    flipped = seed.flatmap(
        lambda s: st.lists(
            st.tuples(st.integers(0, len(s) - 1), st.integers(0, 255)), min_size=1, max_size=8
        ).map(lambda edits: _flip(s, edits))
    )
    strategies = [noise, cut, flipped]
    if all(s.startswith(b"PK") for s in seeds):
        content = st.one_of(
            st.binary(max_size=200), TEXT.map(lambda t: f"<?xml version='1.0'?><a>{t}".encode())
        )
        strategies.append(
            st.builds(_rezip, seed, st.integers(0, 50), content, st.booleans()),
        )
        strategies.append(
            st.dictionaries(st.sampled_from(ZIP_PARTS) | TEXT.filter(bool), content, max_size=5).map(_zip_of)
        )
    rows = st.lists(st.lists(TEXT, max_size=6), max_size=6)
    text = st.builds(
        lambda header, rows, delimiter: _csv_text(([text_header] if header else []) + rows, delimiter),
        st.booleans(),
        rows,
        st.sampled_from([",", "\t", ";"]),
    )
    encoded = st.tuples(text, st.sampled_from(["utf-8", "utf-8-sig", "gb18030"])).map(
        lambda t: t[0].encode(t[1])
    )
    strategies.append(encoded)
    return st.one_of(strategies)


def score_sheet_seeds() -> dict[str, bytes]:
    """A real paper score sheet, as .xlsx and as .csv."""
    rows = [
        ["评委", "项目", "评分项", "分数"],
        ["J1", "E1", "innovation", 8],
        ["J2", "E1", "innovation", 7.5],
    ]
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return {"xlsx": out.getvalue(), "csv": _csv_text(rows, ",").encode("utf-8-sig")}


@contextmanager
def connections_kept():
    """Requests sent straight to the WSGI app keep the test's database connection, as Django's test
    client does: `close_old_connections` would otherwise close it (and its transaction) on PostgreSQL."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
