"""Importing through the batch page (a real job with a report) and the command line; the 50-character
rule holds for imported sheets as for the page and the API."""

import subprocess
import sys
from pathlib import Path

import pytest

from innochallenge.demands import exporting, importing
from innochallenge.demands.io.sheets import write_sheet
from innochallenge.demands.models import Demand
from innochallenge.jobs.models import Job
from tests.demands.conftest import DESCRIPTION_50

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "demands"


@pytest.mark.parametrize(("length", "accepted"), [(49, False), (50, True)], ids=["49", "50"])
def test_description_49_refused_50_accepted_by_the_importer(hs2021, organiser, form_values, length, accepted):
    row = dict(form_values, description=DESCRIPTION_50[:length])
    report = importing.import_file(hs2021, "sheet.csv", write_sheet([row], "csv"), by=organiser)
    assert report.ok is accepted
    assert Demand.objects.count() == (1 if accepted else 0)
    if not accepted:
        [problem] = report.problems
        assert (problem.row, problem.field) == (2, "description")


def test_batch_page_runs_an_import_job_with_a_report(
    hs2021, organiser, client, django_capture_on_commit_callbacks
):
    client.force_login(organiser)
    with (
        open(SAMPLES / "a-checkboxes-fullwidth.docx", "rb") as good,
        open(SAMPLES / "f-invalid-no-budget-short-description.docx", "rb") as bad,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post("/demands/import/?campaign=hs2021", {"files": [good, bad]})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert job.state == "done"
    assert (job.result["created"], job.result["refused"]) == (1, 1)
    page = client.get(response["Location"]).content.decode()
    assert "a-checkboxes-fullwidth.docx" in page and "f-invalid-no-budget-short-description.docx" in page
    assert Demand.objects.get().source_file == "a-checkboxes-fullwidth.docx"


def test_liaisons_import_only_their_district(hs2021, liaison_of):
    data = (SAMPLES / "a-checkboxes-fullwidth.docx").read_bytes()  # a 相城区 form
    report = importing.import_file(hs2021, "a.docx", data, by=liaison_of("wuzhong"))
    assert report.outcome == "refused" and report.problems[0].field == "district"
    assert importing.import_file(hs2021, "a.docx", data, by=liaison_of("xiangcheng")).ok


def test_enterprises_cannot_reach_the_import_page(hs2021, enterprise_user, client):
    client.force_login(enterprise_user)
    assert client.get("/demands/import/").status_code == 403


@pytest.mark.django_db(transaction=True)
def test_command_line_import_and_export(tmp_path, hs2021):
    db = tmp_path / "cli.sqlite3"
    env = {"DATABASE_URL": f"sqlite:///{db}", "VAR_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    cli = [sys.executable, "-m", "innochallenge"]

    def run(*args):
        return subprocess.run([*cli, *args], env=env, capture_output=True, text=True, timeout=120)

    assert run("migrate", "--no-input").returncode == 0
    assert run("load-preset", "hs2021").returncode == 0
    result = run("import-demands", str(SAMPLES), "--campaign", "hs2021", "--lang", "en")
    assert result.returncode == 1, result.stderr  # the invalid sample is refused
    assert "7 demands imported from 6 files; 1 files refused." in result.stdout
    assert "Demand description" in result.stdout
    out = tmp_path / "xiangcheng.xlsx"
    result = run(
        "export-demands",
        "--format",
        "xlsx",
        "-o",
        str(out),
        "--campaign",
        "hs2021",
        "--district",
        "xiangcheng",
    )
    assert result.returncode == 0, result.stderr
    assert "1 demands written" in result.stdout
    assert out.read_bytes()[:2] == b"PK"
    assert exporting.FORMATS  # the formats the command offers are the exporter's


def test_a_gbk_csv_with_a_title_row_and_api_field_names_imports(hs2021, organiser, form_values):
    header = ",".join(
        [
            "company_name",
            "district",
            "title",
            "budget_wan",
            "industry_field",
            "description",
            "cooperation_modes",
            "sales_bracket",
            "contact_name",
            "contact_phone",
            "contact_email",
        ]
    )
    row = ",".join(
        [
            form_values["company_name"],
            "相城区",
            form_values["title"],
            "150万元",
            "新材料",
            form_values["description"],
            '"合作开发、技术转让"',
            "5000万-1亿",
            "王磊",
            "13912345678",
            "wanglei@example.cn",
        ]
    )
    data = f"2021年相城区技术需求汇总表,,,\n{header}\n{row}\n".encode("gbk")

    report = importing.import_file(hs2021, "相城区汇总.csv", data, by=organiser)

    assert report.ok, report.problems
    demand = Demand.objects.get()
    assert (demand.district.code, demand.budget_wan, demand.industry_field.code) == (
        "xiangcheng",
        150,
        "new-materials",
    )
    assert sorted(m.code for m in demand.cooperation_modes.all()) == ["joint-development", "transfer"]
