"""Solution attachments: what is accepted (by content, never by the file's name), and the expiring
links through which they leave."""

import hashlib
import zipfile
from dataclasses import dataclass

import filetype
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext as _

#: What providers may attach, by the kind the content shows.
ACCEPTED = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "png": "image/png",
    "jpg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
}
OFFICE_PARTS = {"docx": "word/document.xml", "pptx": "ppt/presentation.xml"}
#: An Office file is a zip: refuse one that would unpack to more than this, or whose parts shrink more
#: than RATIO times (a zip bomb), or that holds too many parts.
ZIP_MAX_UNPACKED = 200 * 1024 * 1024
ZIP_MAX_RATIO = 150
ZIP_MAX_PARTS = 5000
LINK_SECONDS = 15 * 60
_SALT = "innochallenge.solutions.attachment"


class UploadError(ValueError):
    """A file we do not accept; the message says why, in the user's language."""


@dataclass(frozen=True)
class Checked:
    kind: str
    content_type: str
    size: int
    sha256: str


def _office_kind(upload) -> str:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            parts = archive.infolist()
            if len(parts) > ZIP_MAX_PARTS:
                raise UploadError(
                    _("The document holds too many parts to be a normal Word or PowerPoint file.")
                )
            unpacked = sum(p.file_size for p in parts)
            shrunk = any(
                p.file_size > 1024 * 1024 and p.file_size > ZIP_MAX_RATIO * max(p.compress_size, 1)
                for p in parts
            )
            if unpacked > ZIP_MAX_UNPACKED or shrunk:
                raise UploadError(
                    _("The document would unpack to %(mb)s MB: it looks like a zip bomb and is refused.")
                    % {"mb": unpacked // (1024 * 1024)}
                )
            names = {p.filename for p in parts}
    except zipfile.BadZipFile:
        raise UploadError(
            _("The file is damaged: it cannot be opened as a Word or PowerPoint document.")
        ) from None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" in names:
        for kind, part in OFFICE_PARTS.items():
            if part in names:
                return kind
    raise UploadError(
        _("Only PDF, Word (.docx), PowerPoint (.pptx) and images (PNG, JPEG, GIF, WebP) are accepted.")
    )


def check_upload(upload, max_bytes: int) -> Checked:
    """What `upload` really is, or UploadError. Reads the content; the name and the browser's type are
    not trusted."""
    if upload.size > max_bytes:
        raise UploadError(
            _("“%(name)s” is %(size)s MB; files may be at most %(max)s MB.")
            % {"name": upload.name, "size": f"{upload.size / 1048576:.1f}", "max": max_bytes // 1048576}
        )
    if upload.size == 0:
        raise UploadError(_("“%(name)s” is empty.") % {"name": upload.name})
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    guessed = filetype.guess(head)
    extension = guessed.extension if guessed else ""
    if extension in ("exe", "elf", "sh", "dmg", "msi", "dex", "macho"):
        raise UploadError(
            _("“%(name)s” is a program, whatever its name says; programs are not accepted.")
            % {"name": upload.name}
        )
    if extension in ("zip", "docx", "pptx", "xlsx"):
        extension = _office_kind(upload)
    if extension not in ACCEPTED:
        raise UploadError(
            _("“%(name)s” is not a PDF, Word (.docx), PowerPoint (.pptx) or image file.")
            % {"name": upload.name}
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return Checked(extension, ACCEPTED[extension], upload.size, digest.hexdigest())


def link_for(attachment, user) -> str:
    """A link to the file that works for `user` only, for LINK_SECONDS."""
    token = signing.dumps({"a": attachment.pk, "u": user.pk}, salt=_SALT, compress=True)
    return reverse("solutions:file", args=[token])


def read_link(token: str, user) -> int | None:
    """The attachment id a link stands for, if it is `user`'s and has not expired."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=LINK_SECONDS)
    except signing.BadSignature:
        return None
    return data.get("a") if data.get("u") == user.pk else None
