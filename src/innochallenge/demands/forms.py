from django import forms
from django.utils.translation import gettext_lazy as _

from innochallenge.core.forms import Form
from innochallenge.core.uploads import ImportFilesForm, UploadError, check_office_file
from innochallenge.demands.importing import SUFFIXES
from innochallenge.privacy.forms import ConsentField

MAX_FILE_BYTES = 20 * 1024 * 1024


def import_form(data=None, files=None) -> ImportFilesForm:
    """The batch import of demands: Word forms and sheets, each at most 20 MB."""
    return ImportFilesForm(
        data,
        files,
        suffixes=SUFFIXES,
        max_mb=MAX_FILE_BYTES // (1024 * 1024),
        help_text=_(
            "Word forms (.docx) and Excel or CSV sheets (.xlsx, .csv); "
            "each file is imported whole or not at all."
        ),
    )


class WordFormUpload(Form):
    """The enterprise's own filled-in Word form, read into a draft it checks before submitting."""

    file = forms.FileField(
        label=_("Filled-in Word form (.docx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
    )
    privacy_consent = ConsentField()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".docx"):
            raise forms.ValidationError(_("Only a Word form (.docx) can be read here."))
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("%(name)s is larger than 20 MB."), params={"name": upload.name})
        try:
            check_office_file(upload)
        except UploadError as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload
