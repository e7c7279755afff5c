"""Password rules beyond Django's own validators: the length message in our catalog, and the character
classes 等保 2.0 asks for (three of upper case, lower case, digits and symbols)."""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with its message in our catalog: Django 5.2 reworded it and its Chinese catalog has not
    caught up, so a Chinese reader saw it in English."""

    def get_error_message(self):
        return (
            ngettext(
                "This password is too short. It must contain at least %d character.",
                "This password is too short. It must contain at least %d characters.",
                self.min_length,
            )
            % self.min_length
        )


#: What each class of character is, by the test that recognises it.
_CLASSES = (str.isupper, str.islower, str.isdigit, lambda c: not c.isalnum())


class CharacterClassesValidator:
    """At least `classes` of the four classes of character (upper case, lower case, digits, symbols), as
    等保 2.0 level 3 asks of a password. A Chinese character counts as none of them."""

    def __init__(self, classes: int = 3):
        self.classes = classes

    def _count(self, password: str) -> int:
        return sum(any(test(c) for c in password if c.isascii()) for test in _CLASSES)

    def validate(self, password: str, user=None) -> None:
        if self._count(password) < self.classes:
            raise ValidationError(self.get_help_text(), code="password_too_plain")

    def get_help_text(self) -> str:
        return _(
            "The password must mix at least %(n)s of: capital letters, small letters, digits and symbols."
        ) % {"n": self.classes}
