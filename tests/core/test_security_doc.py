"""The security tables (README's *Security* section and docs/security.md) name the tests that hold each
promise to an assessor; a renamed or deleted test must not leave the table pointing at nothing."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ["README.md", "docs/security.md"]


def _test_cells(text: str) -> list[str]:
    """The last cell of each table row that names a test file."""
    return [
        line.rstrip(" |").rsplit("|", 1)[-1].strip()
        for line in text.splitlines()
        if line.startswith("|") and "tests/" in line
    ]


def _references(cell: str):
    """(file pattern, test name or None) for each reference in a cell: `tests/a/test_x.py::name`, a bare
    `test_y.py` in the folder named before it, and `::other` in the file named before it."""
    folder, current = None, None
    for piece in re.split(r"[,;]\s*|\s+", cell.replace("`", "")):
        piece = piece.strip().rstrip(".")
        if not piece or piece in ("(schemathesis)", "(one", "id", "per", "row"):
            continue
        name = None
        if "::" in piece:
            piece, name = piece.split("::", 1)
            name = name.split("[", 1)[0]
        if piece.startswith("tests/"):
            current, folder = piece, piece.rsplit("/", 1)[0]
        elif piece.startswith("test_") and piece.endswith(".py") and folder:
            current = f"{folder}/{piece}"
        elif piece:
            continue  # words between references
        if current:
            yield current, name


def _cases():
    for document in DOCUMENTS:
        for cell in _test_cells((ROOT / document).read_text(encoding="utf-8")):
            for pattern, name in _references(cell):
                yield pytest.param(pattern, name, id=f"{document}:{pattern}::{name or '*'}")


def _names_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}


@pytest.mark.parametrize(("pattern", "name"), list(_cases()))
def test_every_test_the_security_tables_name_exists(pattern, name):
    files = sorted(ROOT.glob(pattern))
    assert files, f"{pattern}: no such test file"
    if name:
        assert any(name in _names_in(path) for path in files), f"{pattern}::{name}: no such test"


def test_the_tables_name_tests_at_all():
    assert len(list(_cases())) > 50
