"""A person downloads everything the site holds about them, and nothing about anyone else."""

import io
import json
import zipfile

from django.core.management import call_command

from innochallenge.audit.models import AuditEntry
from innochallenge.demands import services as demands
from innochallenge.jobs.models import Job
from innochallenge.solutions import services as solutions
from tests.factories.accounts import UserFactory
from tests.factories.demands import DemandFactory
from tests.factories.solutions import SolutionFactory, provider_user
from tests.solutions.conftest import PDF, pdf


def _open(content: bytes) -> tuple[dict, zipfile.ZipFile]:
    archive = zipfile.ZipFile(io.BytesIO(content))
    return json.loads(archive.read("data.json")), archive


def _download(client) -> tuple[dict, zipfile.ZipFile]:
    response = client.post("/privacy/my-data/export/")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    return _open(b"".join(response.streaming_content))


def test_a_provider_gets_his_account_solution_and_file_and_nothing_of_others(hs2021, client):
    provider = provider_user(username="weber", email="weber@drives.example", phone="+49 89 1234567")
    solution = SolutionFactory(created_by=provider)
    solutions.add_attachment(solution, pdf("方案说明.pdf"), by=provider)
    other = provider_user(username="rival", email="rival@other.example", phone="13912345678")
    SolutionFactory(created_by=other, title="Rival's own solution")
    client.force_login(provider)

    data, archive = _download(client)
    text = archive.read("data.json").decode()

    assert data["user"][0]["fields"]["email"] == "weber@drives.example"
    assert "password" not in data["user"][0]["fields"]
    assert [row["pk"] for row in data["solutions"]] == [solution.pk]
    assert data["organisation"][0]["pk"] == provider.organisation_id
    assert data["consents"] and data["audit_entries"]
    files = [n for n in archive.namelist() if n.startswith("files/")]
    assert len(files) == 1 and files[0].endswith("方案说明.pdf")
    assert archive.read(files[0]) == PDF
    # The demand he answered is referred to by id: its enterprise's contact is not his to download.
    assert solution.demand.contact_phone not in text and solution.demand.contact_email not in text
    assert "rival" not in text and "13912345678" not in text and "Rival's own solution" not in text
    assert AuditEntry.objects.filter(action="privacy.data_exported", actor=provider).exists()


def test_an_enterprise_gets_its_demand_with_its_contact(hs2021, client):
    owner = UserFactory(username="hengxin")
    demand = DemandFactory(created_by=owner, status="submitted")
    DemandFactory(title="另一家企业的需求", contact_phone="13800001111")
    client.force_login(owner)

    data, _ = _download(client)

    assert [row["pk"] for row in data["demands"]] == [demand.pk]
    fields = data["demands"][0]["fields"]
    assert (fields["contact_phone"], fields["title"]) == (demand.contact_phone, demand.title)
    assert "broker_phone" not in fields  # the broker's phone is the broker's
    assert "13800001111" not in json.dumps(data, ensure_ascii=False)


def test_a_liaison_does_not_get_the_contacts_of_the_enterprises_it_filed_for(
    hs2021, liaison_of, client, form_values
):
    liaison = liaison_of("xiangcheng")
    demand = demands.create_demand(hs2021, form_values, by=liaison)
    client.force_login(liaison)

    data, archive = _download(client)
    text = archive.read("data.json").decode()

    assert [row["pk"] for row in data["demands"]] == [demand.pk]
    assert data["demands"][0]["fields"]["title"] == form_values["title"]
    for value in (form_values["contact_phone"], form_values["contact_email"], form_values["contact_name"]):
        assert value not in text, value  # neither in the demand nor in his audit entry of its creation


def test_a_large_archive_is_built_by_a_job_and_downloaded_from_the_page(
    hs2021, client, settings, django_capture_on_commit_callbacks
):
    settings.PRIVACY_EXPORT_SYNC_MAX_MB = 0
    provider = provider_user(username="weber")
    solutions.add_attachment(SolutionFactory(created_by=provider), pdf(), by=provider)
    client.force_login(provider)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/privacy/my-data/export/")

    assert response["Location"] == "/privacy/my-data/"
    job = Job.objects.get(kind="privacy.export", created_by=provider)
    assert job.state == "done"  # the test task backend runs it at once
    page = client.get("/privacy/my-data/").content.decode()
    assert f"/privacy/my-data/{job.pk}.zip" in page
    data, archive = _open(b"".join(client.get(f"/privacy/my-data/{job.pk}.zip").streaming_content))
    assert data["user"][0]["fields"]["username"] == "weber" and len(archive.namelist()) == 2
    client.force_login(UserFactory())
    assert client.get(f"/privacy/my-data/{job.pk}.zip").status_code == 404  # nobody else's


def test_the_page_and_the_download_need_a_signed_in_person(db, client):
    assert client.get("/privacy/my-data/")["Location"].startswith("/accounts/login/")
    assert client.post("/privacy/my-data/export/")["Location"].startswith("/accounts/login/")


def test_the_organiser_exports_a_persons_data_from_the_command_line(hs2021, tmp_path):
    provider = provider_user(username="weber", email="weber@drives.example")
    solutions.add_attachment(SolutionFactory(created_by=provider), pdf("plan.pdf"), by=provider)
    UserFactory(username="someone-else", email="else@example.test")
    out = io.StringIO()

    call_command("export_personal_data", user="weber", output=str(tmp_path / "weber.zip"), stdout=out)

    data, archive = _open((tmp_path / "weber.zip").read_bytes())
    assert data["user"][0]["fields"]["email"] == "weber@drives.example"
    assert any(n.endswith("plan.pdf") for n in archive.namelist())
    assert "else@example.test" not in archive.read("data.json").decode()
    assert "1 files of weber" in out.getvalue()
    entry = AuditEntry.objects.get(action="privacy.data_exported")
    assert (entry.actor_name, entry.object_id, entry.note) == ("system", str(provider.pk), "on request")
