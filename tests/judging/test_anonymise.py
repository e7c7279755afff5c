import io
import zipfile

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from PIL import Image
from PIL.PngImagePlugin import PngInfo
from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen import canvas

from innochallenge.judging.anonymise import NEUTRAL_AUTHOR, strip_metadata

AUTHOR = "Hanna Kowalczyk"
EDITOR = "Piotr Zielinski"
COMPANY = "Nanobright Suzhou Ltd"
NAMES = (AUTHOR.encode(), EDITOR.encode(), COMPANY.encode())

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

XMP = f"""<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:creator><rdf:Seq><rdf:li>{AUTHOR}</rdf:li></rdf:Seq></dc:creator>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>""".encode()


def _names_in(data: bytes) -> list[bytes]:
    return [name for name in NAMES if name in data]


def _unpacked(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {part.filename: archive.read(part) for part in archive.infolist()}


def _layout(data: bytes) -> list[tuple[str, int]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(part.filename, part.compress_type) for part in archive.infolist()]


def _with_parts(data: bytes, replaced: dict[str, bytes]) -> bytes:
    """The zip `data` with some parts' content replaced or added at the end."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for part in source.infolist():
            target.writestr(part, replaced.pop(part.filename, source.read(part)))
        for name, content in replaced.items():
            target.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


@pytest.fixture
def pdf_bytes():
    out = io.BytesIO()
    pdf = canvas.Canvas(out, invariant=1)
    pdf.setAuthor(AUTHOR)
    pdf.setCreator(EDITOR)
    pdf.setTitle(f"Solution by {COMPANY}")
    pdf.setSubject("Heat-pump retrofit")
    pdf.setKeywords("heat pump")
    pdf.drawString(72, 720, "Solution for demand 42: heat-pump retrofit")
    pdf.showPage()
    pdf.drawString(72, 720, "Budget and schedule")
    pdf.showPage()
    pdf.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(out.getvalue())))
    writer.xmp_metadata = XMP
    with_xmp = io.BytesIO()
    writer.write(with_xmp)
    return with_xmp.getvalue()


@pytest.fixture
def docx_bytes():
    document = docx.Document()
    document.core_properties.author = AUTHOR
    document.core_properties.last_modified_by = EDITOR
    document.core_properties.title = f"Solution by {COMPANY}"
    document.core_properties.subject = "Heat-pump retrofit"
    document.core_properties.keywords = AUTHOR
    document.core_properties.comments = AUTHOR
    first = document.add_paragraph("We propose a heat-pump retrofit.")
    document.add_comment(first.runs, text="Check the figures", author=AUTHOR, initials="HK")
    revised = document.add_paragraph("Payback in four years.")
    inserted = OxmlElement("w:ins")
    inserted.set(qn("w:id"), "1")
    inserted.set(qn("w:author"), EDITOR)
    inserted.set(qn("w:date"), "2021-08-20T10:00:00Z")
    inserted.append(revised.runs[0]._r)
    revised._p.append(inserted)
    out = io.BytesIO()
    document.save(out)
    app = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Application>Microsoft Office Word</Application><Manager>{EDITOR}</Manager>"
        f"<Company>{COMPANY}</Company></Properties>"
    )
    return _with_parts(out.getvalue(), {"docProps/app.xml": app.encode()})


@pytest.fixture
def pptx_bytes():
    """python-pptx is not installed: a PPTX package built by hand, holding the parts that name people."""
    parts = {
        "[Content_Types].xml": b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "docProps/core.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>Pitch</dc:title><dc:creator>{AUTHOR}</dc:creator>"
            f"<cp:lastModifiedBy>{EDITOR}</cp:lastModifiedBy>"
            '<dcterms:created xsi:type="dcterms:W3CDTF">2021-08-01T09:00:00Z</dcterms:created>'
            "</cp:coreProperties>"
        ).encode(),
        "docProps/app.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            f"<Slides>3</Slides><Company>{COMPANY}</Company></Properties>"
        ).encode(),
        "docProps/custom.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="MSIP_Label_Owner">'
            f"<vt:lpwstr>{AUTHOR}@example.com</vt:lpwstr></property></Properties>"
        ).encode(),
        "ppt/presentation.xml": b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>',
        "ppt/commentAuthors.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<p:cmAuthorLst xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">'
            f'<p:cmAuthor id="0" name="{AUTHOR}" initials="HK" lastIdx="1" clrIdx="0"/></p:cmAuthorLst>'
        ).encode(),
        "ppt/media/image1.png": b"\x89PNG not really",
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in parts.items():
            stored = name.endswith(".png")
            archive.writestr(name, content, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_strip_metadata_pdf_removes_info_and_xmp(pdf_bytes):
    assert _names_in(pdf_bytes) == list(NAMES)

    stripped = strip_metadata(pdf_bytes, PDF)

    assert _names_in(stripped) == []
    reader = PdfReader(io.BytesIO(stripped))
    assert not reader.metadata
    assert reader.xmp_metadata is None


def test_strip_metadata_pdf_keeps_pages(pdf_bytes):
    original = PdfReader(io.BytesIO(pdf_bytes))

    stripped = PdfReader(io.BytesIO(strip_metadata(pdf_bytes, PDF)))

    assert len(stripped.pages) == len(original.pages) == 2
    assert stripped.pages[0].extract_text() == original.pages[0].extract_text()
    assert "heat-pump retrofit" in stripped.pages[0].extract_text()


def test_strip_metadata_pdf_garbage_raises():
    with pytest.raises(ValueError, match="PDF cannot be read"):
        strip_metadata(b"%PDF-1.7 this is not really a PDF", PDF)


def test_strip_metadata_pdf_with_password_raises(pdf_bytes):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes)))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    locked = io.BytesIO()
    writer.write(locked)

    with pytest.raises(ValueError, match="password"):
        strip_metadata(locked.getvalue(), PDF)


def test_strip_metadata_docx_removes_names_from_every_part(docx_bytes):
    assert any(_names_in(content) for content in _unpacked(docx_bytes).values())

    stripped = strip_metadata(docx_bytes, DOCX)

    assert _names_in(stripped) == []
    assert {
        name: _names_in(content) for name, content in _unpacked(stripped).items() if _names_in(content)
    } == {}


def test_strip_metadata_docx_keeps_text_and_neutral_authors(docx_bytes):
    stripped = docx.Document(io.BytesIO(strip_metadata(docx_bytes, DOCX)))

    original = docx.Document(io.BytesIO(docx_bytes))
    assert [p.text for p in stripped.paragraphs] == [p.text for p in original.paragraphs]
    assert stripped.core_properties.author == ""
    assert stripped.core_properties.last_modified_by == ""
    assert stripped.core_properties.title == ""
    assert [(c.author, c.initials, c.text) for c in stripped.comments] == [
        (NEUTRAL_AUTHOR, "A", "Check the figures")
    ]
    assert stripped.element.xpath("//w:ins/@w:author") == [NEUTRAL_AUTHOR]


def test_strip_metadata_docx_copies_other_parts_unchanged(docx_bytes):
    stripped = strip_metadata(docx_bytes, DOCX)

    assert _layout(stripped) == _layout(docx_bytes)
    before, after = _unpacked(docx_bytes), _unpacked(stripped)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"docProps/core.xml", "docProps/app.xml", "word/comments.xml", "word/document.xml"}


def test_strip_metadata_pptx_removes_names(pptx_bytes):
    stripped = strip_metadata(pptx_bytes, PPTX)

    assert _names_in(stripped) == []
    after = _unpacked(stripped)
    assert all(_names_in(content) == [] for content in after.values())
    assert b"<Slides>3</Slides>" in after["docProps/app.xml"]
    assert b"2021-08-01T09:00:00Z" in after["docProps/core.xml"]
    assert f'name="{NEUTRAL_AUTHOR}"'.encode() in after["ppt/commentAuthors.xml"]
    assert _layout(stripped) == _layout(pptx_bytes)
    assert after["ppt/media/image1.png"] == _unpacked(pptx_bytes)["ppt/media/image1.png"]


def test_strip_metadata_office_garbage_raises():
    with pytest.raises(ValueError, match="not a valid zip"):
        strip_metadata(b"PK\x03\x04 broken", DOCX)


def test_strip_metadata_office_malformed_xml_raises(pptx_bytes):
    broken = _with_parts(pptx_bytes, {"docProps/core.xml": b"<cp:coreProperties><unclosed>"})

    with pytest.raises(ValueError, match="malformed XML"):
        strip_metadata(broken, PPTX)


def test_strip_metadata_png_drops_text_chunks_keeps_pixels():
    image = Image.new("RGBA", (8, 6), (10, 200, 30, 128))
    text = PngInfo()
    text.add_text("Author", AUTHOR)
    text.add_itxt("Comment", COMPANY)
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=text)

    stripped = strip_metadata(out.getvalue(), "image/png")

    assert _names_in(stripped) == []
    with Image.open(io.BytesIO(stripped)) as result:
        assert result.tobytes() == image.tobytes()
        assert result.text == {}


def test_strip_metadata_jpeg_drops_exif_and_applies_orientation():
    image = Image.new("RGB", (40, 20), (200, 100, 50))
    exif = Image.Exif()
    exif[0x013B] = AUTHOR  # Artist
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), comment=COMPANY.encode())

    stripped = strip_metadata(out.getvalue(), "image/jpeg")

    assert _names_in(stripped) == []
    with Image.open(io.BytesIO(stripped)) as result:
        assert result.size == (20, 40)
        assert dict(result.getexif()) == {}


def test_strip_metadata_webp_drops_exif():
    exif = Image.Exif()
    exif[0x013B] = AUTHOR  # Artist
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 0, 255)).save(out, "WEBP", exif=exif.tobytes())

    stripped = strip_metadata(out.getvalue(), "image/webp")

    assert _names_in(stripped) == []
    with Image.open(io.BytesIO(stripped)) as result:
        assert result.size == (8, 8)


def test_strip_metadata_gif_drops_comment():
    image = Image.new("P", (4, 4), 1)
    image.putpalette([0, 0, 0, 255, 0, 0] * 128)
    out = io.BytesIO()
    image.save(out, "GIF", comment=AUTHOR.encode())

    stripped = strip_metadata(out.getvalue(), "image/gif")

    assert _names_in(stripped) == []
    with Image.open(io.BytesIO(stripped)) as result:
        assert result.convert("RGB").getpixel((0, 0)) == (255, 0, 0)


def test_strip_metadata_image_of_another_kind_raises():
    out = io.BytesIO()
    Image.new("RGB", (2, 2)).save(out, "PNG")

    with pytest.raises(ValueError, match="JPEG image cannot be read"):
        strip_metadata(out.getvalue(), "image/jpeg")


def test_strip_metadata_other_content_type_unchanged():
    data = f"Notes by {AUTHOR}".encode()

    assert strip_metadata(data, "text/plain") is data


def test_strip_metadata_animated_gif_keeps_frames():
    frames = [Image.new("RGB", (4, 4), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    out = io.BytesIO()
    frames[0].save(
        out, "GIF", save_all=True, append_images=frames[1:], duration=[200, 300], loop=0, comment=AUTHOR
    )

    stripped = strip_metadata(out.getvalue(), "image/gif")

    assert _names_in(stripped) == []
    with Image.open(io.BytesIO(stripped)) as result:
        assert result.n_frames == 2
        result.seek(1)
        assert result.convert("RGB").getpixel((0, 0)) == (0, 0, 255)
        assert result.info["duration"] == 300
