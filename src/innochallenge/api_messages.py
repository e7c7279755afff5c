"""What the API says of a value its schema refuses, in the caller's language: pydantic words each error in
English ("Field required", "Input should be a finite number"); the common kinds are said here with
Django's own messages (translated in Django's catalog), the rest keep pydantic's words."""

from django.utils.translation import gettext as _

#: pydantic error type → Django's message for the same fault.
_BY_TYPE = {
    "missing": lambda ctx: _("This field is required."),
    "int_parsing": lambda ctx: _("Enter a whole number."),
    "int_type": lambda ctx: _("Enter a whole number."),
    "int_from_float": lambda ctx: _("Enter a whole number."),
    "float_parsing": lambda ctx: _("Enter a number."),
    "float_type": lambda ctx: _("Enter a number."),
    "decimal_parsing": lambda ctx: _("Enter a number."),
    "decimal_type": lambda ctx: _("Enter a number."),
    "finite_number": lambda ctx: _("Enter a number."),
    "greater_than_equal": lambda ctx: (
        _("Ensure this value is greater than or equal to %(limit_value)s.") % {"limit_value": ctx.get("ge")}
    ),
    "less_than_equal": lambda ctx: (
        _("Ensure this value is less than or equal to %(limit_value)s.") % {"limit_value": ctx.get("le")}
    ),
    "date_parsing": lambda ctx: _("Enter a valid date."),
    "date_from_datetime_parsing": lambda ctx: _("Enter a valid date."),
    "date_type": lambda ctx: _("Enter a valid date."),
    "datetime_parsing": lambda ctx: _("Enter a valid date/time."),
    "datetime_type": lambda ctx: _("Enter a valid date/time."),
    "literal_error": lambda ctx: _("Select a valid choice. That choice is not one of the available choices."),
    "enum": lambda ctx: _("Select a valid choice. That choice is not one of the available choices."),
}


def message_of(error: dict) -> str:
    """One pydantic error (an item of `ValidationError.errors()`) in the active language."""
    say = _BY_TYPE.get(error.get("type", ""))
    return say(error.get("ctx") or {}) if say else error.get("msg", "")
