"""The base of every API input schema (request bodies and filters): each text in it, nested in lists and
dicts too, refuses control characters as the site's forms do (`core.validators.validate_text`).

A text is one line unless its schema names it in `MULTILINE`; `UNCHECKED` names the few that are never
shown, exported or mailed (a password). tests/core/test_every_form.py fails for an operation whose body
is not an `InputSchema`."""

from typing import ClassVar

from ninja import Schema
from pydantic import ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from innochallenge.core.validators import text_problem


def _texts(value):
    """Every string in a value: itself, the items of a list, the keys and values of a dict."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(key)
            yield from _texts(item)


class InputSchema(Schema):
    #: Fields whose text may hold tabs and line breaks (those a page shows as a text area).
    MULTILINE: ClassVar[frozenset[str]] = frozenset()
    #: Fields not checked at all.
    UNCHECKED: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="after")
    @classmethod
    def _refuse_control_characters(cls, value, info: ValidationInfo):
        if info.field_name in cls.UNCHECKED:
            return value
        multiline = info.field_name in cls.MULTILINE
        for text in _texts(value):
            problem = text_problem(text, multiline=multiline)
            if problem:
                # the message is already in the caller's language; api_messages passes it on as it is
                raise PydanticCustomError("control_character", "{message}", {"message": problem})
        return value
