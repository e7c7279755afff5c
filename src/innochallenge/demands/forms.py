from django import forms
from django.utils.translation import gettext_lazy as _

from innochallenge.demands.importing import SUFFIXES

MAX_FILE_BYTES = 20 * 1024 * 1024


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else single(data, initial)


class ImportForm(forms.Form):
    files = FilesField(
        label=_("Files"),
        help_text=_(
            "Word forms (.docx) and Excel or CSV sheets (.xlsx, .csv); "
            "each file is imported whole or not at all."
        ),
        widget=MultipleFileInput(attrs={"accept": ",".join(SUFFIXES)}),
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        for f in files:
            if not f.name.lower().endswith(SUFFIXES):
                raise forms.ValidationError(
                    _("%(name)s: only .docx, .xlsx and .csv files can be imported."), params={"name": f.name}
                )
            if f.size > MAX_FILE_BYTES:
                raise forms.ValidationError(_("%(name)s is larger than 20 MB."), params={"name": f.name})
        return files


class WordFormUpload(forms.Form):
    """The enterprise's own filled-in Word form, read into a draft it checks before submitting."""

    file = forms.FileField(
        label=_("Filled-in Word form (.docx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".docx"):
            raise forms.ValidationError(_("Only a Word form (.docx) can be read here."))
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("%(name)s is larger than 20 MB."), params={"name": upload.name})
        return upload
