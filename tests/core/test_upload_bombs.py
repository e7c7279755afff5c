"""One inspection for every upload of an Office file (issue 19): a .docx or .xlsx that would unpack to
hundreds of megabytes from a file of one — zeros deflate a thousand times over — is refused before
anything unpacks it, with a message naming the file, and nothing is saved: the enterprise's own Word
form, the district's import, the achievement import and the judges' paper score sheet."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from innochallenge.demands.models import Demand
from innochallenge.jobs.models import Job
from tests.factories.judging import RoundFactory

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def _bomb(main_part: str, megabytes: int = 300) -> bytes:
    """An Office-looking zip whose media part is `megabytes` of zeros, streamed in (never all in memory)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<document/>")
        with archive.open("word/media/image1.png", "w", force_zip64=True) as media:
            zeros = bytes(MB)
            for _ in range(megabytes):
                media.write(zeros)
    return out.getvalue()


@pytest.fixture(scope="module")
def docx_bomb() -> bytes:
    data = _bomb("word/document.xml")
    assert len(data) < 2 * MB
    return data


@pytest.fixture(scope="module")
def xlsx_bomb() -> bytes:
    return _bomb("xl/workbook.xml")


def _said(response, name: str) -> None:
    page = response.content.decode()
    assert name in page and ("zip bomb" in page or "压缩炸弹" in page or "解压" in page), page[-2000:]


def test_the_enterprises_word_form(hs2021, enterprise_user, client, docx_bomb, in_collection):
    client.force_login(enterprise_user)
    upload = SimpleUploadedFile("需求表.docx", docx_bomb)
    response = client.post(
        "/demands/new/from-word/?campaign=hs2021",
        {"file": upload, "privacy_consent": "on"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    _said(response, "需求表.docx")
    assert not Demand.objects.exists()


@pytest.mark.parametrize("name", ["forms.docx", "sheet.xlsx"])
def test_the_districts_import(liaison_of, client, docx_bomb, xlsx_bomb, name):
    client.force_login(liaison_of("xiangcheng"))
    data = docx_bomb if name.endswith(".docx") else xlsx_bomb
    response = client.post(
        "/demands/import/", {"files": SimpleUploadedFile(name, data)}, HTTP_ACCEPT_LANGUAGE="en"
    )
    _said(response, name)
    assert not Job.objects.exists()


def test_the_achievement_import(hs2021, organiser, client, xlsx_bomb):
    client.force_login(organiser)
    response = client.post(
        "/matching/achievements/import/",
        {"files": SimpleUploadedFile("成果.xlsx", xlsx_bomb)},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    _said(response, "成果.xlsx")
    assert not Job.objects.exists()


def test_the_paper_score_sheet(hs2021, organiser, client, xlsx_bomb):
    session = RoundFactory(state="open")
    client.force_login(organiser)
    response = client.post(
        f"/judging/{session.pk}/upload/",
        {"sheet": SimpleUploadedFile("scores.xlsx", xlsx_bomb)},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    _said(response, "scores.xlsx")


def test_the_importer_itself_refuses_a_bomb_given_on_the_command_line(hs2021, organiser, docx_bomb):
    from innochallenge.demands import importing

    report = importing.import_file(hs2021, "forms.docx", docx_bomb, by=organiser)
    assert report.outcome == "unreadable"
    assert "forms.docx" in report.problems[0].message and not Demand.objects.exists()


def test_an_xml_entity_bomb_in_a_sheet_is_refused():
    """billion laughs: openpyxl reads through defusedxml (a dependency), which refuses a sheet that
    declares entities instead of expanding them."""
    import defusedxml
    import openpyxl

    book = io.BytesIO()
    openpyxl.Workbook().save(book)
    sheet = "xl/worksheets/sheet1.xml"
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'
    )
    bombed = io.BytesIO()
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(bombed, "w") as target:
        for item in source.infolist():
            target.writestr(item, laughs if item.filename == sheet else source.read(item))
    with pytest.raises(ValueError, match="Unable to read workbook") as refused:
        openpyxl.load_workbook(io.BytesIO(bombed.getvalue()))
    assert isinstance(refused.value.__cause__ or refused.value.__context__, defusedxml.DefusedXmlException)
