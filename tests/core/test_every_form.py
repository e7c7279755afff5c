"""Every form of the project, every form of the admin and every API input schema refuses control characters
in each of its text fields, and a line break or tab in each one-line text field.

The forms and schemas are found by walking the code (every module of the package is imported) and the
API's operations, so a new form or schema that does not derive from `core.forms.Form`/`ModelForm` or
`core.schemas.InputSchema` fails here without anyone listing it."""

import copy
import importlib
import pkgutil
import typing

import pydantic
import pytest
from django import forms
from django.contrib import admin
from django.test import RequestFactory

import innochallenge
from innochallenge.core.forms import TextGuard, guard_text_fields
from innochallenge.core.schemas import InputSchema

ANYWHERE = ("a\x00b", "a\x1fb", "a\x7fb", "a\x85b", "a\ud800b")
OUR_CODES = {"control_character", "line_break", "null_characters_not_allowed"}
ONE_LINE_ONLY = ("a\r\nBcc: x@example.com", "a\nb", "a\tb", "a\u2028b")


def _import_everything():
    for module in pkgutil.walk_packages(innochallenge.__path__, "innochallenge."):
        if ".migrations" in module.name or module.name.endswith(("wsgi", "__main__")):
            continue
        importlib.import_module(module.name)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _project_forms() -> list[type]:
    _import_everything()
    found = {
        f
        for f in _subclasses(forms.BaseForm)
        if f.__module__.startswith("innochallenge.") and f.__module__ != "innochallenge.core.forms"
    }
    return sorted(found, key=lambda f: f"{f.__module__}.{f.__qualname__}")


def _text_fields(fields) -> dict[str, forms.CharField]:
    return {
        n: f
        for n, f in fields.items()
        if isinstance(f, forms.CharField) and not isinstance(f.widget, forms.PasswordInput)
    }


def _refusals(fields) -> list[str]:
    """What each text field accepts though it should not, after the guard `full_clean` applies."""
    fields = copy.deepcopy(fields)
    guard_text_fields(fields)
    accepted = []
    for name, field in _text_fields(fields).items():
        one_line = not isinstance(field.widget, forms.Textarea)
        for bad in ANYWHERE + (ONE_LINE_ONLY if one_line else ()):
            try:
                field.run_validators(bad)
            except forms.ValidationError as exc:
                if not {e.code for e in exc.error_list} & OUR_CODES:  # an e-mail or URL check alone
                    accepted.append(f"{name} accepts {bad!r} but for its format")
            else:
                accepted.append(f"{name} accepts {bad!r}")
    return accepted


def test_the_walk_finds_the_forms():
    names = {f.__name__ for f in _project_forms()}
    assert {"DemandForm", "ProviderForm", "SolutionForm", "PublishForm", "RegistrationForm"} <= names


@pytest.mark.parametrize("form_class", _project_forms(), ids=lambda f: f"{f.__module__}.{f.__qualname__}")
def test_every_project_form_refuses_control_characters(form_class):
    assert issubclass(form_class, TextGuard), "derive it from innochallenge.core.forms.Form or ModelForm"
    assert _refusals(form_class.base_fields) == []


@pytest.mark.django_db
def test_every_admin_form_refuses_control_characters(admin_user):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    problems = {}
    for model, model_admin in admin.site._registry.items():
        form_classes = [model_admin.get_form(request)]
        form_classes += [i.get_formset(request).form for i in model_admin.get_inline_instances(request)]
        for form_class in form_classes:
            label = f"{model._meta.label}: {form_class.__name__}"
            if not issubclass(form_class, TextGuard):
                problems[label] = "not guarded"
            elif accepted := _refusals(form_class.base_fields):
                problems[label] = accepted
    assert problems == {}


# The API ---------------------------------------------------------------------------------------------


def _models_in(annotation):
    """The pydantic models an annotation holds (`X | None`, `list[X]`, `dict[str, X]`…)."""
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _models_in(arg)


def _input_models() -> dict[str, type]:
    """Every schema an operation reads from a body or a query, and the schemas nested in them."""
    from innochallenge.api import api

    found, todo = {}, []
    for _prefix, router in api._routers:
        for view in router.path_operations.values():
            for operation in view.operations:
                for params in operation.models:
                    if params.__ninja_param_source__ not in ("body", "query", "form"):
                        continue
                    for field in params.model_fields.values():
                        todo.extend(_models_in(field.annotation))
    while todo:
        model = todo.pop()
        if model.__module__.startswith("innochallenge.") and model not in found.values():
            found[f"{model.__module__}.{model.__qualname__}"] = model
            for field in model.model_fields.values():
                todo.extend(_models_in(field.annotation))
    return dict(sorted(found.items()))


def _takes_text(annotation) -> bool:
    if annotation is str:
        return True
    if typing.get_origin(annotation) is typing.Literal:
        return False
    return any(_takes_text(a) for a in typing.get_args(annotation))


def _bad_values(annotation, text: str):
    """`text` in the shape the field takes: itself, in a list, as a dict's key."""
    yield text
    for arg in (annotation, *typing.get_args(annotation)):
        origin = typing.get_origin(arg)
        if origin is list:
            yield [text]
        elif origin is dict:
            yield {text: None}


def test_the_walk_finds_the_schemas():
    names = {m.__name__ for m in _input_models().values()}
    assert {"DemandIn", "SolutionIn", "ProviderIn", "PublishIn", "AchievementIn", "DemandFilter"} <= names


@pytest.mark.parametrize("model", list(_input_models().values()), ids=list(_input_models()))
def test_every_api_input_schema_refuses_control_characters(model):
    assert issubclass(model, InputSchema) or model.__module__ == "innochallenge.api_pagination", (
        "derive it from innochallenge.core.schemas.InputSchema"
    )
    accepted = []
    for name, field in model.model_fields.items():
        if name in getattr(model, "UNCHECKED", ()) or not _takes_text(field.annotation):
            continue
        one_line = name not in getattr(model, "MULTILINE", ())
        for text in ANYWHERE + (ONE_LINE_ONLY if one_line else ()):
            for bad in _bad_values(field.annotation, text):
                try:
                    model.model_validate({name: bad})
                except pydantic.ValidationError as exc:
                    if any(e["loc"][:1] == (name,) for e in exc.errors()):
                        continue
                accepted.append(f"{name} accepts {bad!r}")
    assert accepted == []


def test_a_long_text_of_the_api_keeps_its_lines():
    from innochallenge.demands.api import DemandIn

    assert (
        DemandIn.model_validate({"description": "第一行\r\n第二行\t说明"}).description
        == "第一行\r\n第二行\t说明"
    )


def test_the_demand_files_know_the_forms_long_texts():
    from innochallenge.demands.fields import MULTILINE
    from innochallenge.demands.validation import DemandForm

    areas = {n for n, f in DemandForm.base_fields.items() if isinstance(f.widget, forms.Textarea)}
    assert areas == MULTILINE
