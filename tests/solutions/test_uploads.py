"""Acceptance 2: a renamed program, an oversize file and a zip-bomb .docx are refused with a clear message
and nothing is stored; accepted files leave only through expiring links made for one user."""

import datetime as dt
import zipfile

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from innochallenge.solutions import services
from innochallenge.solutions.models import Attachment
from tests.solutions.conftest import PDF, docx_bytes, pdf

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200 + b"PE\x00\x00"


def _stored(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.fixture(autouse=True)
def _english():
    """The messages are checked in English; the Chinese catalog holds the same placeholders."""
    with translation.override("en"):
        yield


@pytest.fixture
def draft(world):
    from innochallenge.solutions.models import Solution

    return Solution.objects.get(pk=world.solution.pk)


def _refused(draft, upload, user, root, words):
    before_rows, before_files = Attachment.objects.count(), len(_stored(root))
    with pytest.raises(services.SolutionError) as caught:
        services.add_attachment(draft, upload, by=user)
    assert any(w in caught.value.message for w in words), caught.value.message
    assert "file" in caught.value.errors
    assert Attachment.objects.count() == before_rows and len(_stored(root)) == before_files
    return caught.value.message


def test_a_renamed_program_is_refused(draft, world, _private_root):
    message = _refused(
        draft, SimpleUploadedFile("report.pdf", EXE), world.provider, _private_root, ["program"]
    )
    assert "report.pdf" in message


def test_an_oversize_file_is_refused(draft, world, hs2021, _private_root):
    hs2021.attachment_max_mb = 1
    hs2021.save()
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024))
    message = _refused(draft, big, world.provider, _private_root, ["at most 1 MB"])
    assert "big.pdf" in message


def test_a_zip_bomb_docx_is_refused(draft, world, _private_root):
    bomb = docx_bytes({"word/document.xml": b"0" * (300 * 1024 * 1024)})
    assert len(bomb) < 2 * 1024 * 1024
    _refused(draft, SimpleUploadedFile("proposal.docx", bomb), world.provider, _private_root, ["zip bomb"])


def test_a_text_file_and_a_damaged_docx_are_refused(draft, world, _private_root):
    _refused(
        draft,
        SimpleUploadedFile("notes.pdf", b"just words " * 50),
        world.provider,
        _private_root,
        ["not a PDF"],
    )
    damaged = docx_bytes({"word/document.xml": b"<w/>"})[:-30]
    _refused(
        draft,
        SimpleUploadedFile("cut.docx", damaged),
        world.provider,
        _private_root,
        ["damaged", "not a PDF"],
    )


def test_real_documents_and_images_are_accepted_by_their_content(draft, world, _private_root):
    real_docx = docx_bytes({"word/document.xml": b"<w:document/>"})
    pptx = docx_bytes({"ppt/presentation.xml": b"<p:presentation/>"})
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    kinds = [
        services.add_attachment(draft, SimpleUploadedFile(name, data), by=world.provider).kind
        for name, data in (("a.docx", real_docx), ("slides.bin", pptx), ("photo.png", png))
    ]
    assert kinds == ["docx", "pptx", "png"]
    assert all(str(_private_root) in a.file.path for a in Attachment.objects.all())


def test_files_leave_through_expiring_links_for_one_user(world, client):
    attachment = world.solution.attachments.get()
    client.force_login(world.owner)
    page = client.get(f"/solutions/{world.solution.pk}/").content.decode()
    link = page.split('href="/solutions/file/', 1)[1].split('"', 1)[0]
    response = client.get(f"/solutions/file/{link}")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf" and "attachment" in response["Content-Disposition"]
    client.force_login(world.rival)  # the link was made for the enterprise, not for this provider
    assert client.get(f"/solutions/file/{link}").status_code == 404
    client.force_login(world.owner)
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=16)):
        assert client.get(f"/solutions/file/{link}").status_code == 404
    assert attachment.file.path.startswith(str(attachment.file.storage.location))


def test_upload_through_the_api(world, api_client_of):
    """The API answers in the default language, Chinese, as the pages do."""
    api = api_client_of(world.provider)
    response = api.post(f"/api/v1/solutions/{world.solution.pk}/attachments", {"file": pdf("annex.pdf")})
    assert response.status_code == 201, response.json()
    assert response.json()["kind"] == "pdf" and response.json()["url"].startswith("/solutions/file/")
    response = api.post(
        f"/api/v1/solutions/{world.solution.pk}/attachments", {"file": SimpleUploadedFile("x.pdf", EXE)}
    )
    assert response.status_code == 422 and "可执行程序" in response.json()["errors"]["file"][0]


def test_bad_zip_entries_count_as_damaged():
    import io

    from innochallenge.solutions.files import UploadError, check_upload

    broken = SimpleUploadedFile("x.docx", b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(UploadError):
        check_upload(broken, 10 * 1024 * 1024)
    assert zipfile.is_zipfile(io.BytesIO(docx_bytes({})))
