"""Import reports read Chinese throughout in a Chinese interface: 第 3 行, never "row 3" (issue 17).

Each importer gets a real small .xlsx with a bad row; the report is read where a person reads it (the
job page, the command line, the upload page)."""

import html
import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import translation

from innochallenge.demands import importing as demand_importing
from innochallenge.demands.io.docx_form import read_forms, write_forms
from innochallenge.demands.io.sheets import write_sheet
from innochallenge.demands.models import Demand
from innochallenge.jobs.models import Job
from innochallenge.jobs.services import start_job
from innochallenge.judging import sheets as score_sheets
from innochallenge.judging.models import Score
from innochallenge.matching import importing as achievement_importing
from innochallenge.matching.jobs import IMPORT_ACHIEVEMENTS, upload_dir
from innochallenge.matching.models import Achievement
from tests.judging.conftest import final  # noqa: F401  (fixture)
from tests.solutions.conftest import published, world  # noqa: F401  (fixtures)

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "demands"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ENGLISH_ROW = re.compile(r"\b(rows?|lines?|sheets?|columns?|forms?)\b", re.I)


def xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def report_text(page: str) -> str:
    """The words of the import report on a page, without its markup."""
    found = re.search(r'<div class="import-report">.*?</table></div>\s*</div>', page, re.S)
    assert found, page
    return html.unescape(re.sub(r"<[^>]+>", " ", found.group(0)))


def english_words(text: str) -> list[str]:
    return ENGLISH_ROW.findall(text)


# --- demands -----------------------------------------------------------------------------------------------


@pytest.fixture
def demand_sheet(form_values) -> bytes:
    """Row 2 good, row 3 with a description too short, row 4 the same demand as row 2."""
    bad = dict(form_values, company_name="苏州另一家科技有限公司", description="太短")
    return write_sheet([form_values, bad, form_values], "xlsx")


def test_demand_import_problem_rows_are_spreadsheet_rows(hs2021, organiser, demand_sheet):
    with translation.override("zh-hans"):
        report = demand_importing.import_file(hs2021, "相城区.xlsx", demand_sheet, by=organiser)

    assert (report.outcome, report.unit) == ("refused", "row")
    assert {p.row for p in report.problems} == {3}
    assert [d["row"] for d in report.duplicates] == [4]
    assert Demand.objects.count() == 0


def test_demand_import_job_report_in_chinese(
    hs2021, organiser, client, demand_sheet, django_capture_on_commit_callbacks
):
    client.force_login(organiser)
    upload = SimpleUploadedFile("相城区.xlsx", demand_sheet, content_type=XLSX)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/demands/import/?campaign=hs2021", {"files": [upload]}, HTTP_ACCEPT_LANGUAGE="zh-hans"
        )
    assert Job.objects.get().state == "done"

    text = report_text(client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode())

    assert "第 3 行" in text and "第 4 行" in text
    assert "位置" in text
    assert english_words(text) == []


def test_demand_import_job_report_in_english_says_row(
    hs2021, organiser, client, demand_sheet, django_capture_on_commit_callbacks
):
    client.force_login(organiser)
    upload = SimpleUploadedFile("sheet.xlsx", demand_sheet, content_type=XLSX)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/demands/import/?campaign=hs2021", {"files": [upload]}, HTTP_ACCEPT_LANGUAGE="en")
    job = Job.objects.get()

    text = report_text(client.get(f"/jobs/{job.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode())

    assert "Row 3" in text and "Row 4" in text


def test_demand_import_word_file_report_names_the_form(hs2021, organiser):
    options = demand_importing.campaign_options(hs2021)
    good = read_forms((SAMPLES / "e-three-forms.docx").read_bytes(), options)
    bad = read_forms((SAMPLES / "f-invalid-no-budget-short-description.docx").read_bytes(), options)
    with translation.override("zh-hans"):
        report = demand_importing.import_file(
            hs2021, "汇总.docx", write_forms([*good, *bad], options), by=organiser
        )
        result = {"reports": [report.as_dict()], "created": 0, "refused": 1, "duplicates": 0}
        text = report_text(render_to_string("demands/_import_report.html", {"result": result}))

    assert report.unit == "form"
    assert "第 4 份征集表" in text
    assert english_words(text) == []


def test_demand_import_command_reports_in_chinese(hs2021, organiser, demand_sheet, tmp_path):
    path = tmp_path / "相城区.xlsx"
    path.write_bytes(demand_sheet)
    out = io.StringIO()

    with translation.override("zh-hans"), pytest.raises(SystemExit):
        call_command("import_demands", str(path), "--campaign", "hs2021", "--lang", "zh-hans", stdout=out)

    text = out.getvalue()
    assert re.search(r"第 3 行，技术需求描述：", text), text
    assert "第 4 行：已填报过，跳过：" in text
    assert english_words(text) == []


# --- achievements ------------------------------------------------------------------------------------------

ACHIEVEMENT_HEADER = ["成果名称", "摘要", "所属单位", "邮箱"]


def achievement_rows(*, bad: bool) -> list[list]:
    rows = [
        ACHIEVEMENT_HEADER,
        ["低收缩聚酰亚胺薄膜", "耐高温薄膜的制备方法。", "苏州大学", "tto@suda.example"],
        ["高导热绝缘胶", "导热绝缘胶。", "东南大学", "not-an-address" if bad else "tto@seu.example"],
    ]
    if not bad:
        rows.append(["低收缩聚酰亚胺薄膜", "重复的一行。", "苏州大学", ""])
    return rows


def test_achievement_import_problem_in_chinese(db, organiser):
    with translation.override("zh-hans"):
        report = achievement_importing.import_file(
            "成果.xlsx", xlsx(achievement_rows(bad=True)), by=organiser
        )
        lines = [str(p) for p in report.problems]

    assert report.outcome == "refused"
    assert lines == ["第 3 行，联系邮箱：请输入有效的电子邮箱地址。"]
    assert Achievement.objects.count() == 0


def test_achievement_import_job_report_in_chinese(
    db, settings, tmp_path, organiser, client, django_capture_on_commit_callbacks
):
    settings.VAR_DIR = tmp_path
    folder = upload_dir("tok")
    folder.mkdir(parents=True)
    (folder / "0001.xlsx").write_bytes(xlsx(achievement_rows(bad=True)))
    (folder / "0002.xlsx").write_bytes(xlsx(achievement_rows(bad=False)))
    files = [["0001.xlsx", "坏.xlsx"], ["0002.xlsx", "好.xlsx"]]
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(
            IMPORT_ACHIEVEMENTS,
            by=organiser,
            label="t",
            params={"token": "tok", "files": files, "lang": "zh-hans"},
        )
    client.force_login(organiser)

    text = report_text(client.get(f"/jobs/{job.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode())

    assert "第 3 行" in text  # the bad e-mail address
    assert "重复，以第 4 行为准" in text and "第 2 行" in text  # the repeated achievement
    assert english_words(text) == []


def test_achievement_import_command_reports_in_chinese(db, tmp_path):
    path = tmp_path / "成果.xlsx"
    path.write_bytes(xlsx(achievement_rows(bad=True)))
    out = io.StringIO()

    with translation.override("zh-hans"), pytest.raises(SystemExit):
        call_command("import_achievements", str(path), "--lang", "zh-hans", stdout=out)

    text = out.getvalue()
    assert "第 3 行，" in text
    assert english_words(text) == []


# --- score sheets ------------------------------------------------------------------------------------------


def test_score_sheet_problems_in_chinese():
    data = xlsx(
        [["评委", "项目", "评分项", "分数"], ["张三", "E01", "完整性", 8], ["张三", "E02", "完整性", "八"]]
    )

    with translation.override("zh-hans"), pytest.raises(score_sheets.SheetError) as error:
        score_sheets.read_sheet(data, "评分.xlsx")

    assert error.value.messages == ["第 3 行 分数：分数不是数字。"]


def test_score_sheet_upload_problems_in_chinese(final, client):  # noqa: F811
    rows = [["评委", "项目", "评分项", "分数"]]
    rows += [[final.judges[0].username, "E01", c, 9] for c in ("completeness", "feasibility", "fit")]
    rows.append(["无名氏", "E01", "fit", 7])
    client.force_login(final.world.organiser)

    response = client.post(
        f"/judging/{final.round.pk}/upload/",
        {"sheet": SimpleUploadedFile("评分.xlsx", xlsx(rows), content_type=XLSX)},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )

    (problem,) = response.context["problems"]
    assert re.match(r"第 \d+ 行：", problem) and "无名氏" in problem
    assert english_words(problem) == []
    assert not Score.objects.exists()


def test_score_sheet_upload_names_the_row_as_excel_shows_it(final, client):  # noqa: F811
    rows = [["评委", "项目", "评分项", "分数"]]
    rows += [[final.judges[0].username, "E01", c, 9] for c in ("completeness", "feasibility", "fit")]
    rows.append(["无名氏", "E01", "fit", 7])
    client.force_login(final.world.organiser)

    response = client.post(
        f"/judging/{final.round.pk}/upload/",
        {"sheet": SimpleUploadedFile("评分.xlsx", xlsx(rows), content_type=XLSX)},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )

    assert response.context["problems"][0].startswith("第 5 行：")
