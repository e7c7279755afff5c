"""The site's form renderer: Django's, with one field template (`core/forms/field.html`) in which a
checkbox comes first and its label after it, without the colon other labels carry; and the bases every
form of the site derives from, whose text fields refuse control characters."""

from django import forms
from django.contrib import messages
from django.forms.renderers import DjangoTemplates
from django.forms.utils import pretty_name

from innochallenge.core.validators import TextValidator


class FormRenderer(DjangoTemplates):
    field_template_name = "core/forms/field.html"


def guard_text_fields(fields) -> None:
    """Give every text field of a form `TextValidator`: one line unless its widget is a text area.
    Password fields are left alone (a password is never shown, exported or mailed). Safe to call twice."""
    for name, field in fields.items():
        if not isinstance(field, forms.CharField) or isinstance(field.widget, forms.PasswordInput):
            continue
        if any(isinstance(v, TextValidator) for v in field.validators):
            continue
        multiline = isinstance(field.widget, forms.Textarea)
        field.validators.append(TextValidator(multiline=multiline, label=field.label or pretty_name(name)))


class TextGuard:
    """Mixed into every form of the site (through `Form` and `ModelForm` below, and the admin site): its
    text fields refuse control characters before any `clean_*` method sees them. Fields are guarded when
    the form is cleaned, so fields added in `__init__` are guarded too. tests/core/test_every_form.py
    fails for a form of the project that does not mix it in."""

    def full_clean(self):
        guard_text_fields(self.fields)
        super().full_clean()


class Form(TextGuard, forms.Form):
    pass


class ModelForm(TextGuard, forms.ModelForm):
    pass


def guarded_form(form_class):
    """`form_class` itself if it is guarded, else a subclass of it that is: for forms the project does
    not write (the admin's defaults, Django's auth forms)."""
    if issubclass(form_class, TextGuard):
        return form_class
    return type(form_class)(
        form_class.__name__, (TextGuard, form_class), {"__module__": form_class.__module__}
    )


class _PostedText(Form):
    def __init__(self, data, *, multiline: bool, label):
        super().__init__(data)
        widget = forms.Textarea if multiline else forms.TextInput
        self.fields["text"] = forms.CharField(required=False, label=label, widget=widget, strip=False)


def posted_text(request, name: str, *, label, multiline: bool = True) -> str | None:
    """The text a page posts without a form of its own (a reason, a note, a message), checked as a form
    field is; None once the user is told (a message naming the field) what is wrong."""
    form = _PostedText({"text": request.POST.get(name, "")}, multiline=multiline, label=label)
    if form.is_valid():
        return form.cleaned_data["text"]
    for error in form.errors["text"]:
        messages.error(request, error)
    return None
