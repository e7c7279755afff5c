"""Author metadata stripped from solution attachments, for anonymous pre-screening.

In a campaign's enterprise special competition (SPEC §4, stage 6) experts may pre-screen the solutions
without knowing who sent them: the provider's name is hidden on the page, and the files they download
must not give it away either. Office programs and PDF writers stamp the author into the file, so the
attachment is passed through `strip_metadata` before it is served anonymously.

What is removed:
- PDF: the document information dictionary (author, creator, producer, title, subject, keywords, dates)
  and the XMP metadata streams of the document and of its pages. The file is rewritten, so earlier
  revisions kept by incremental saves go too.
- Office Open XML (DOCX, PPTX, XLSX): in ``docProps/core.xml`` creator, last-modified-by, title, subject,
  keywords and description are emptied; in ``docProps/app.xml`` Company and Manager; every custom
  property (``docProps/custom.xml``, where sensitivity labels record their owner's e-mail). The authors
  and initials of Word comments and tracked changes, Word's list of people, and PowerPoint's comment
  authors are replaced by a neutral name. Every other part is copied unchanged, in the same order and
  with the same compression.
- Images (PNG, JPEG, GIF, WebP): re-saved from their pixels only, so EXIF, XMP and text comments are
  dropped. The EXIF orientation is applied to the pixels first; the colour profile and transparency are
  kept. A JPEG is re-encoded with its own quantisation tables, so it loses next to nothing.

What is not removed: anything visible in the content itself (a company logo, a name in the text or on a
slide, a signature), names inside embedded objects or images within a document, and file names.

A file that cannot be parsed raises ValueError: it could still carry its author, so the caller must
refuse to serve it anonymously. Any other content type is returned unchanged.
"""

import io
import zipfile
import zlib

from lxml import etree
from PIL import Image, ImageOps, ImageSequence
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from innochallenge.core.uploads import ZIP_MAX_PARTS, ZIP_MAX_UNPACKED

NEUTRAL_AUTHOR = "Anonymous"
NEUTRAL_INITIALS = "A"

_OOXML_PREFIX = "application/vnd.openxmlformats-officedocument."
_IMAGE_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF", "image/webp": "WEBP"}

_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_DC = "http://purl.org/dc/elements/1.1/"
_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_P188 = "http://schemas.microsoft.com/office/powerpoint/2018/8/main"

#: Elements emptied, by part. Dates and revision numbers stay: they do not name anyone.
_EMPTIED = {
    "docProps/core.xml": [
        f"{{{_DC}}}creator",
        f"{{{_CP}}}lastModifiedBy",
        f"{{{_DC}}}title",
        f"{{{_DC}}}subject",
        f"{{{_CP}}}keywords",
        f"{{{_DC}}}description",
    ],
    "docProps/app.xml": [f"{{{_EP}}}Company", f"{{{_EP}}}Manager"],
}
#: Attributes that name a person, by part and element ("*": any element), and what they become. In
#: WordprocessingML w:author and w:initials only occur on comments and revisions (w:ins, w:del, w:moveFrom,
#: w:rPrChange, …), so they are replaced wherever they appear in a word/ part; word/people.xml adds the
#: commenters' account ids. PowerPoint keeps its comment authors in one list, classic or modern.
_WORD_NEUTRAL = {
    "*": {
        f"{{{_W}}}author": NEUTRAL_AUTHOR,
        f"{{{_W}}}initials": NEUTRAL_INITIALS,
        f"{{{_W15}}}author": NEUTRAL_AUTHOR,
        f"{{{_W15}}}userId": NEUTRAL_AUTHOR,
    }
}
_PPT_PERSON = {"name": NEUTRAL_AUTHOR, "initials": NEUTRAL_INITIALS, "userId": NEUTRAL_AUTHOR}
_NEUTRAL = {
    "ppt/commentAuthors.xml": {f"{{{_P}}}cmAuthor": _PPT_PERSON},
    "ppt/authors.xml": {f"{{{_P188}}}author": _PPT_PERSON},
}
#: Custom properties can hold anything (sensitivity labels put their owner's e-mail there): all go.
_DROPPED_CHILDREN = {"docProps/custom.xml"}


def strip_metadata(data: bytes, content_type: str) -> bytes:
    """`data` without the metadata that could name its author (see the module docstring), or ValueError
    if it cannot be parsed as `content_type`."""
    content_type = content_type.split(";")[0].strip().lower()
    if content_type == "application/pdf":
        return _strip_pdf(data)
    if content_type.startswith(_OOXML_PREFIX):
        return _strip_ooxml(data)
    if content_type in _IMAGE_FORMATS:
        return _strip_image(data, _IMAGE_FORMATS[content_type])
    return data


def _strip_pdf(data: bytes) -> bytes:
    # pypdf raises many kinds of exception on a malformed file; each means we cannot vouch for what
    # would be served, hence the broad catches.
    try:
        reader = PdfReader(io.BytesIO(data))
        locked = reader.is_encrypted and not reader.decrypt("")
    except Exception as exc:
        raise ValueError(f"The PDF cannot be read, so its metadata cannot be removed: {exc}") from exc
    if locked:
        raise ValueError("The PDF is protected by a password, so its metadata cannot be removed.")
    try:
        writer = PdfWriter(clone_from=reader)
        writer.metadata = None
        writer.xmp_metadata = None
        for page in writer.pages:
            page.pop(NameObject("/Metadata"), None)
            page.pop(NameObject("/PieceInfo"), None)
        # The removed dictionaries stay in the writer, and in the output, until orphans are dropped.
        writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
        out = io.BytesIO()
        writer.write(out)
    except Exception as exc:
        raise ValueError(f"The PDF cannot be rewritten, so its metadata cannot be removed: {exc}") from exc
    return out.getvalue()


def _strip_ooxml(data: bytes) -> bytes:
    out = io.BytesIO()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            parts = source.infolist()
            if len(parts) > ZIP_MAX_PARTS or sum(p.file_size for p in parts) > ZIP_MAX_UNPACKED:
                raise ValueError("The Office document is too large to unpack.")
            with zipfile.ZipFile(out, "w") as target:
                for part in parts:
                    content = _strip_part(part.filename, source.read(part))
                    info = zipfile.ZipInfo(part.filename, date_time=part.date_time)
                    info.compress_type = part.compress_type
                    info.external_attr = part.external_attr
                    target.writestr(info, content)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        # RuntimeError: a part is encrypted; NotImplementedError: an unknown compression method.
        raise ValueError(f"The Office document is not a valid zip archive: {exc}") from exc
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"The Office document holds a malformed XML part: {exc}") from exc
    return out.getvalue()


def _strip_part(name: str, content: bytes) -> bytes:
    """The part `name` without author metadata; the very same bytes when there is nothing to strip."""
    emptied = _EMPTIED.get(name, ())
    neutral = _WORD_NEUTRAL if name.startswith("word/") and name.endswith(".xml") else _NEUTRAL.get(name, {})
    if not emptied and not neutral and name not in _DROPPED_CHILDREN:
        return content
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    tree = etree.ElementTree(etree.fromstring(content, parser))
    root = tree.getroot()
    changes = 0
    if name in _DROPPED_CHILDREN and len(root):
        root[:] = []
        changes += 1
    for element in root.iter(tag=etree.Element):
        if element.tag in emptied and (element.text or len(element)):
            element[:] = []
            element.text = None
            changes += 1
        for attribute, value in (neutral.get(element.tag) or neutral.get("*") or {}).items():
            if attribute in element.attrib:
                element.set(attribute, value)
                changes += 1
    if not changes:
        return content
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=tree.docinfo.standalone)


def _strip_image(data: bytes, image_format: str) -> bytes:
    try:
        with Image.open(io.BytesIO(data), formats=[image_format]) as source:
            frames = [_pixels_only(frame) for frame in ImageSequence.Iterator(source)]
            options = _save_options(source, frames)
        out = io.BytesIO()
        frames[0].save(out, image_format, **options)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValueError(
            f"The {image_format} image cannot be read, so its metadata cannot be removed."
        ) from exc
    return out.getvalue()


def _pixels_only(frame: Image.Image) -> Image.Image:
    """A new image holding `frame`'s pixels, palette and transparency, and no metadata."""
    upright = ImageOps.exif_transpose(frame) or frame
    clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    if upright.mode in ("P", "PA") and (palette := upright.getpalette()):
        clean.putpalette(palette)
    for key in ("transparency", "duration"):
        if key in frame.info:
            clean.info[key] = frame.info[key]
    return clean


def _save_options(source: Image.Image, frames: list[Image.Image]) -> dict:
    options = {}
    if icc_profile := source.info.get("icc_profile"):
        options["icc_profile"] = icc_profile
    if "transparency" in frames[0].info:
        options["transparency"] = frames[0].info["transparency"]
    if source.format == "JPEG":
        options["qtables"] = source.quantization
    if source.format == "WEBP":
        options["quality"] = 90
    if len(frames) > 1:
        options["save_all"] = True
        options["append_images"] = frames[1:]
        options["duration"] = [frame.info.get("duration", 100) for frame in frames]
        options["loop"] = source.info.get("loop", 0)
    return options
