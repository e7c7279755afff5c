"""The batch-import form: several files, each of a type the importer reads and under a size limit.

The demand import (Word forms and sheets) and the achievement import (sheets and JSON Lines) differ only
in those two figures and the help text, so both pages use this one form."""

from django import forms
from django.utils.translation import gettext_lazy as _


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """One or more files; cleans to a list."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else single(data, initial)


class ImportFilesForm(forms.Form):
    """`suffixes` the importer reads (".docx", ".csv", …), `max_mb` the largest file accepted."""

    files = FilesField(label=_("Files"))

    def __init__(self, *args, suffixes: tuple[str, ...], max_mb: int, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.suffixes = tuple(s.lower() for s in suffixes)
        self.max_mb = max_mb
        field = self.fields["files"]
        field.help_text = help_text
        field.widget.attrs["accept"] = ",".join(self.suffixes)

    def clean_files(self):
        files = self.cleaned_data["files"]
        for f in files:
            if not f.name.lower().endswith(self.suffixes):
                raise forms.ValidationError(
                    _("%(name)s: only these files can be imported: %(suffixes)s."),
                    params={"name": f.name, "suffixes": " ".join(self.suffixes)},
                )
            if f.size > self.max_mb * 1024 * 1024:
                raise forms.ValidationError(
                    _("%(name)s is larger than %(mb)s MB."), params={"name": f.name, "mb": self.max_mb}
                )
        return files
