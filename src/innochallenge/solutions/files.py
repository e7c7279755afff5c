"""Solution attachments: what is accepted (by content, never by the file's name), and the expiring
links through which they leave."""

import hashlib
from dataclasses import dataclass

import filetype
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext as _

from innochallenge.core.uploads import UploadError, zip_parts

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
LINK_SECONDS = 15 * 60
_SALT = "innochallenge.solutions.attachment"


@dataclass(frozen=True)
class Checked:
    kind: str
    content_type: str
    size: int
    sha256: str


def _office_kind(upload) -> str:
    names = zip_parts(upload)
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
