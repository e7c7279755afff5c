"""What every upload goes through: the batch-import form (several files, each of a type the importer
reads and under a size limit) and the inspection of Office files, which are zips (`zip_parts`: refused
when they would unpack to far more than they weigh, the zip bomb, or hold too many parts), used by the
solution attachments, the enterprise's Word form and every import alike.

The demand import (Word forms and sheets) and the achievement import (sheets and JSON Lines) differ only
in their suffixes, size limit and help text, so both pages use the one form."""

import zipfile

from django import forms
from django.utils.translation import gettext as _now
from django.utils.translation import gettext_lazy as _

from innochallenge.core.forms import Form

#: An Office file is a zip: refuse one that would unpack to more than this, or whose parts shrink more
#: than RATIO times (a zip bomb), or that holds too many parts.
ZIP_MAX_UNPACKED = 200 * 1024 * 1024
ZIP_MAX_RATIO = 150
ZIP_MAX_PARTS = 5000
OFFICE_SUFFIXES = (".docx", ".xlsx", ".pptx")


class UploadError(ValueError):
    """A file we do not accept; the message says why, in the user's language."""


def zip_parts(upload, *, damaged: str = "") -> set[str]:
    """The names of the parts of the zip `upload`, read from its directory alone (nothing is unpacked),
    or UploadError when it would unpack to too much, shrinks like a bomb, holds too many parts or is not
    a zip (`damaged`, the message for that). The file is left at its start."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            parts = archive.infolist()
            if len(parts) > ZIP_MAX_PARTS:
                raise UploadError(
                    _now("The document holds too many parts to be a normal Word or PowerPoint file.")
                )
            unpacked = sum(p.file_size for p in parts)
            shrunk = any(
                p.file_size > 1024 * 1024 and p.file_size > ZIP_MAX_RATIO * max(p.compress_size, 1)
                for p in parts
            )
            if unpacked > ZIP_MAX_UNPACKED or shrunk:
                raise UploadError(
                    _now("The document would unpack to %(mb)s MB: it looks like a zip bomb and is refused.")
                    % {"mb": unpacked // (1024 * 1024)}
                )
            return {p.filename for p in parts}
    except zipfile.BadZipFile:
        raise UploadError(
            damaged or _now("The file is damaged: it cannot be opened as a Word or PowerPoint document.")
        ) from None
    finally:
        upload.seek(0)


def check_office_file(upload) -> None:
    """An uploaded .docx/.xlsx/.pptx passes `zip_parts` (UploadError naming the file otherwise); other
    files are the importers' to judge."""
    if not upload.name.lower().endswith(OFFICE_SUFFIXES):
        return
    try:
        zip_parts(upload)
    except UploadError as exc:
        raise UploadError(f"{upload.name}: {exc}") from None


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


class ImportFilesForm(Form):
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
            try:
                check_office_file(f)
            except UploadError as exc:
                raise forms.ValidationError(str(exc)) from None
        return files
