"""Checks shared by models, forms, API schemas and importers."""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

MAINLAND_MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
INTERNATIONAL = re.compile(r"^\+\d{1,3}[ -]?\d[\d -]{5,16}\d$")
QQ = re.compile(r"^[1-9]\d{4,11}$")


def _compact(value: str) -> str:
    return value.strip().replace("（", "(").replace("）", ")")


def validate_phone(value: str) -> None:
    """A mainland mobile, a landline with its area code (0512-65246015) or an international +NN number."""
    number = _compact(value)
    if not (MAINLAND_MOBILE.match(number) or LANDLINE.match(number) or INTERNATIONAL.match(number)):
        raise ValidationError(
            _("Enter a mainland mobile number, a landline with area code (0512-65246015) or +country code."),
            code="phone",
        )


def validate_mobile(value: str) -> None:
    number = _compact(value)
    if not (MAINLAND_MOBILE.match(number) or INTERNATIONAL.match(number)):
        raise ValidationError(
            _("Enter an 11-digit mainland mobile number or an international +NN number."), code="mobile"
        )


def validate_qq(value: str) -> None:
    if not QQ.match(value.strip()):
        raise ValidationError(_("A QQ number has 5 to 12 digits."), code="qq")


# Control characters. A title with U+000B or a company with U+001F made the .xlsx and .docx exports answer
# 500 (XML cannot hold them), a NUL in title_en broke the public feeds, a lone surrogate cannot be written to
# PostgreSQL, and a title with "\r\nBcc:" broke a whole e-mail batch. Every text the site takes in is
# checked here, from the forms (core.forms), the API schemas (core.schemas) and the importers.

#: Never stored: C0 but tab and line feed and carriage return, DEL, C1, lone surrogates and the two
#: noncharacters XML refuses as well.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
#: Refused as well where the text is one line (titles, names, subjects, anything an e-mail header may carry):
#: the line and paragraph separators Python's `str.splitlines` breaks on too.
_BREAKS = re.compile("[\t\n\r\u2028\u2029]")
#: Word's manual line break and page break, as Excel and the clipboard carry them.
_WORD_BREAKS = re.compile("[\x0b\x0c]")


def _code_point(char: str) -> str:
    return f"U+{ord(char):04X}"


def validate_text(value, *, multiline: bool = False, label=None) -> None:
    """Refuse a text holding a control character, or a line break or tab where the text is one line.
    The message names the field when `label` is given, and the character's code point."""
    if not isinstance(value, str):
        return
    found = _CONTROL.search(value)
    if found is not None:
        params = {"field": label, "char": _code_point(found.group())}
        if label:
            message = _("%(field)s contains a control character (%(char)s) that cannot be kept; remove it.")
        else:
            message = _("This text contains a control character (%(char)s) that cannot be kept; remove it.")
        raise ValidationError(message, code="control_character", params=params)
    found = None if multiline else _BREAKS.search(value)
    if found is not None:
        params = {"field": label, "char": _code_point(found.group())}
        if label:
            message = _("%(field)s must be one line: remove the line break or tab (%(char)s).")
        else:
            message = _("This text must be one line: remove the line break or tab (%(char)s).")
        raise ValidationError(message, code="line_break", params=params)


def text_problem(value, *, multiline: bool = False, label=None) -> str | None:
    """`validate_text`'s message in the active language, or None: for code that reports rather than
    raises (the API schemas, the importers' row reports)."""
    try:
        validate_text(value, multiline=multiline, label=label)
    except ValidationError as exc:
        return exc.messages[0]
    return None


def word_breaks(value, *, multiline: bool):
    """Word's manual line break (U+000B) and page break (U+000C) as a reader means them: a new line in a
    multi-line field, a space in a one-line field. For the importers only; typed input is refused instead.
    """
    if not isinstance(value, str):
        return value
    if multiline:
        return _WORD_BREAKS.sub("\n", value)
    return _WORD_BREAKS.sub(" ", value)


@deconstructible
class TextValidator:
    """`validate_text` as a Django validator, for form fields and model fields."""

    def __init__(self, *, multiline: bool = False, label=None):
        self.multiline = multiline
        self.label = label

    def __call__(self, value) -> None:
        validate_text(value, multiline=self.multiline, label=self.label)

    def __eq__(self, other) -> bool:
        return (
            isinstance(other, TextValidator)
            and self.multiline == other.multiline
            and self.label == other.label
        )
