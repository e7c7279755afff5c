"""A refused step answers by its kind through the API's one handler, in the `{"detail", "errors"}` shape,
whichever app refused it; no API module maps refusals itself; docs/api-errors.md documents each status."""

import ast
import importlib
import json
import re
from pathlib import Path

import pytest
from django.test import RequestFactory

from innochallenge.api import REFUSAL_STATUS, on_step_refused
from innochallenge.core.errors import Refusal, StepRefused

SRC = Path(__file__).resolve().parents[2] / "src" / "innochallenge"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "api-errors.md"
#: An API module may catch a refusal only to rename its fields for the API (and raise it again).
RENAMING = {("matching/api_library.py", "AchievementsInvalid")}


def _api_modules() -> list[Path]:
    return sorted([*SRC.glob("*/api.py"), *SRC.glob("*/api_*.py")])


def _refusals() -> set[str]:
    for path in SRC.glob("*/*.py"):
        if path.name != "__init__.py" and "migrations" not in path.parts:
            importlib.import_module(f"innochallenge.{path.parent.name}.{path.stem}")
    found, todo = set(), [StepRefused]
    while todo:
        cls = todo.pop()
        found.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return found


@pytest.mark.parametrize("kind", list(Refusal))
def test_every_kind_answers_its_status_with_the_field_errors(kind):
    refused = StepRefused("不能这样做。", {"budget_wan": ["超过上限。"]}, kind=kind)

    response = on_step_refused(RequestFactory().post("/api/v1/x"), refused)

    assert response.status_code == REFUSAL_STATUS[kind]
    assert json.loads(response.content) == {
        "detail": "不能这样做。",
        "errors": {"budget_wan": ["超过上限。"]},
    }


def test_conflict_is_short_for_the_conflict_kind_and_cannot_contradict_it():
    assert StepRefused("x", conflict=True).kind == Refusal.CONFLICT
    assert StepRefused("x").kind == Refusal.INVALID
    with pytest.raises(TypeError):
        StepRefused("x", kind=Refusal.INVALID, conflict=True)


def test_no_api_module_maps_a_refusal_itself():
    refusals = _refusals()
    assert {"DemandError", "SolutionError", "ContractError", "LibraryError", "MatchError"} <= refusals

    caught = []
    for path in _api_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                types = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
                for t in types:
                    name = t.attr if isinstance(t, ast.Attribute) else getattr(t, "id", "")
                    where = (str(path.relative_to(SRC)), name)
                    if name in refusals and where not in RENAMING:
                        caught.append(where)

    assert caught == []


def test_the_error_page_documents_every_status_the_api_answers():
    documented = {int(s) for s in re.findall(r"^\| (\d{3}) \|", DOCS.read_text(encoding="utf-8"), re.M)}

    assert set(REFUSAL_STATUS.values()) | {401, 404, 422, 429} <= documented
