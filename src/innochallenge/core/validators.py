"""Checks shared by models, forms, API schemas and importers."""

import re

from django.core.exceptions import ValidationError
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
