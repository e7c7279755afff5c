"""Date and time inputs that always render the value the browser's picker understands.

`<input type="date">` (and `time`, `datetime-local`) only accepts the HTML form: 2026-12-10,
09:30, 2026-12-10T09:30. Django's inputs render with the first input format of the active locale when
no `format` is given; for zh-hans that is 2026/12/10, which a Chinese browser drops, leaving a required
field empty and the form unsubmittable. Every date and time input of the site comes from here, so the
rendered value never depends on the language. Parsing is unaffected: the form fields accept ISO under
every locale.
"""

from django import forms

ISO_DATE = "%Y-%m-%d"
ISO_TIME = "%H:%M"
ISO_DATETIME = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=ISO_DATE)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=ISO_TIME)


class DateTimeInput(forms.DateTimeInput):
    """A local date and time in the current time zone (the campaign's), without seconds or offset."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=ISO_DATETIME)
