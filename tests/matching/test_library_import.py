"""The library's rules and its importers: real CSV, Excel and JSON Lines files, all or nothing per file,
de-duplication by normalised title and owner, the command line and the background job."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.utils import translation

from innochallenge.audit.models import AuditEntry
from innochallenge.jobs.models import Job
from innochallenge.jobs.services import start_job
from innochallenge.matching import importing, library
from innochallenge.matching.jobs import IMPORT_ACHIEVEMENTS, upload_dir
from innochallenge.matching.models import Achievement
from innochallenge.matching.signals import achievements_changed

CSL_DEV = Path("/work/shared/data/csl-dev/achievements.jsonl")
ZH_HEADER = [
    "成果名称",
    "摘要",
    "关键词",
    "技术领域",
    "所属单位",
    "成果类型",
    "成熟度",
    "知识产权",
    "联系人",
    "联系电话",
]
EN_HEADER = [
    "title",
    "abstract",
    "keywords",
    "field",
    "owner_institution",
    "kind",
    "maturity",
    "contact_email",
]


def zh_row(n: int, **changes) -> list:
    row = {
        "title": f"高精度谐波减速器{n}",
        "abstract": "一种柔轮齿形修形方法，传动误差小于30角秒。",
        "keywords": "谐波减速器、柔轮；齿形",
        "field": "高端装备",
        "owner": "苏州大学",
        "kind": "专利",
        "maturity": "中试",
        "ip_status": "已授权专利",
        "contact_name": "王老师",
        "contact_phone": "0512-65246015",
    } | changes
    return list(row.values())


def write_xlsx(path: Path, rows: list[list], title_row: str = "") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    if title_row:
        sheet.append([title_row])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def write_csv(path: Path, rows: list[list], encoding: str = "utf-8") -> Path:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def import_path(path: Path, by=None) -> importing.FileReport:
    return importing.import_file(path.name, path.read_bytes(), by=by)


# --- the rules of one achievement -----------------------------------------------------------------------


def test_dedupe_key_folds_width_case_and_white_space():
    same = library.dedupe_key("  Ｈａｒｍｏｎｉｃ   减速器 ", "苏州大学")
    assert same == library.dedupe_key("harmonic 减速器", " 苏州大学 ")
    assert same != library.dedupe_key("harmonic 减速器", "南京大学")
    assert len(same) == 64


def test_keywords_are_taken_as_a_list_or_a_separated_text():
    for given in ("传感器, 柔性；MEMS、 传感器;封装，", ["传感器", "柔性", "MEMS", "封装"]):
        clean, errors = library.clean_achievement({"title": "t", "keywords": given})
        assert (clean["keywords"], errors) == ("传感器，柔性，MEMS，封装", {})


@pytest.mark.parametrize(
    ("name", "given", "code"),
    [
        ("kind", "专利", "patent"),
        ("kind", "Paper", "paper"),
        ("kind", "product", "product"),
        ("maturity", "中试", "pilot"),
        ("maturity", "Laboratory", "lab"),
        ("maturity", "产业化", "industrial"),
        ("ip_status", "已授权专利", "patent_granted"),
        ("ip_status", "Patent applications", "patent_pending"),
        ("ip_status", "know_how", "know_how"),
    ],
)
def test_choices_by_code_chinese_or_english_name(name, given, code):
    clean, errors = library.clean_achievement({"title": "t", name: given})
    assert (clean[name], errors) == (code, {})


def test_errors_name_the_field_in_the_readers_language():
    data = {
        "title": "",
        "kind": "软件",
        "contact_email": "no-at-sign",
        "contact_phone": "123",
        "field": "x" * 101,
    }
    with translation.override("en"):
        _clean, errors = library.clean_achievement(data)
    assert sorted(errors) == ["contact_email", "contact_phone", "field", "kind", "title"]
    assert errors["kind"] == ["“软件” is not one of: Patent、Paper、Project、Product."]
    assert "at most 100" in errors["field"][0].lower()
    with translation.override("zh-hans"):
        _clean, errors = library.clean_achievement(data)
    assert "专利" in errors["kind"][0] and "论文" in errors["kind"][0]


def test_title_from_abstract_is_the_first_sentence_kept_short():
    assert library.title_from_abstract("结果表明(P＜0.05)有效.其余略") == "结果表明(P＜0.05)有效"
    assert len(library.title_from_abstract("很长" * 100)) == 60


# --- files ----------------------------------------------------------------------------------------------


def test_an_excel_sheet_with_chinese_headers_and_a_title_row_imports(db, tmp_path, organiser):
    path = write_xlsx(
        tmp_path / "苏大成果.xlsx", [ZH_HEADER, zh_row(1), zh_row(2)], title_row="2021年成果汇总"
    )

    report = import_path(path, by=organiser)

    assert (report.outcome, report.created, report.updated) == ("imported", 2, 0)
    first = Achievement.objects.get(title="高精度谐波减速器1")
    assert (first.kind, first.maturity, first.ip_status) == ("patent", "pilot", "patent_granted")
    assert (first.keywords, first.owner, first.contact_phone) == (
        "谐波减速器，柔轮，齿形",
        "苏州大学",
        "0512-65246015",
    )
    assert first.source == "苏大成果.xlsx"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_a_csv_with_english_headers_imports_in_any_usual_encoding(db, tmp_path, encoding):
    rows = [
        EN_HEADER,
        [
            "柔性压力传感器",
            "MEMS工艺",
            "传感器;柔性",
            "电子信息",
            "东南大学",
            "Patent",
            "Pilot",
            "li@seu.edu.cn",
        ],
    ]
    report = import_path(write_csv(tmp_path / "seu.csv", rows, encoding))

    assert report.ok, [str(p) for p in report.problems]
    achievement = Achievement.objects.get()
    assert (achievement.title, achievement.keywords, achievement.kind) == (
        "柔性压力传感器",
        "传感器，柔性",
        "patent",
    )


def test_a_file_with_one_bad_row_saves_nothing_and_names_row_and_field(db, tmp_path):
    rows = [ZH_HEADER, zh_row(1), zh_row(2, contact_phone="12345"), zh_row(3, title="")]
    path = write_xlsx(tmp_path / "bad.xlsx", rows)

    with translation.override("en"):
        report = import_path(path)
        lines = [str(p) for p in report.problems]
    with translation.override("zh-hans"):
        chinese = [str(p) for p in import_path(path).problems]

    assert (report.outcome, report.problem_count, Achievement.objects.count()) == ("refused", 2, 0)
    assert [(p.row, p.field) for p in report.problems] == [(3, "contact_phone"), (4, "title")]
    assert lines[0].startswith("row 3, Contact phone: Enter a mainland mobile number")
    assert lines[1] == "row 4, Title: The title is required."
    assert chinese[1] == "第 4 行，成果名称：成果名称为必填项。"


def test_a_report_lists_the_first_hundred_errors_and_counts_the_rest(db, tmp_path):
    rows = [["title", "contact_email"], *[[f"成果{i}", "bad"] for i in range(150)]]
    report = import_path(write_csv(tmp_path / "many.csv", rows))
    assert (len(report.problems), report.problem_count, report.as_dict()["more_problems"]) == (100, 150, 50)


def test_reimport_updates_instead_of_duplicating(db, tmp_path):
    import_path(write_csv(tmp_path / "a.csv", [ZH_HEADER, zh_row(1), zh_row(2)]))
    changed = zh_row(1, title="  高精度谐波减速器１ ", abstract="新的摘要。")  # same title once folded
    report = import_path(write_csv(tmp_path / "b.csv", [ZH_HEADER, changed, zh_row(2), zh_row(3)]))

    assert (report.created, report.updated, report.unchanged) == (1, 1, 1)
    assert Achievement.objects.count() == 3
    assert Achievement.objects.get(abstract="新的摘要。").title == "高精度谐波减速器１"


def test_a_sheet_without_a_column_leaves_that_field_alone(db, tmp_path):
    import_path(write_csv(tmp_path / "a.csv", [ZH_HEADER, zh_row(1)]))
    report = import_path(
        write_csv(
            tmp_path / "b.csv", [["成果名称", "所属单位", "摘要"], ["高精度谐波减速器1", "苏州大学", "新"]]
        )
    )
    achievement = Achievement.objects.get()
    assert report.updated == 1
    assert (achievement.abstract, achievement.contact_name, achievement.kind) == ("新", "王老师", "patent")


def test_a_row_repeated_in_one_file_gives_way_to_the_later_one(db, tmp_path):
    rows = [ZH_HEADER, zh_row(1, abstract="旧"), zh_row(2), zh_row(1, abstract="新")]
    report = import_path(write_csv(tmp_path / "dup.csv", rows))
    assert (report.created, report.duplicate_count) == (2, 1)
    assert report.duplicates == [{"row": 2, "kept_row": 4, "title": "高精度谐波减速器1"}]
    assert Achievement.objects.get(title="高精度谐波减速器1").abstract == "新"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("old.xls", b"\xd0\xcf\x11\xe0", "Only .csv, .xlsx and .jsonl files can be imported."),
        ("broken.xlsx", b"PK\x03\x04 not really", "This is not an Excel (.xlsx) file."),
        ("empty.csv", b"", "The file is empty."),
        ("no-header.csv", "名字,地址\n甲,乙\n".encode(), "No header row naming the title column"),
        ("only-header.csv", b"title,abstract\n", "The file holds no achievement."),
    ],
)
def test_an_unreadable_file_gets_a_clear_message(db, name, data, message):
    with translation.override("en"):
        report = importing.import_file(name, data, by=None)
    assert report.outcome == "unreadable"
    assert report.problems[0].message.startswith(message)


def test_the_evaluation_jsonl_format_imports(db, tmp_path):
    lines = CSL_DEV.read_text(encoding="utf-8").splitlines()[:50]
    path = tmp_path / "csl-dev.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    report = import_path(path)

    assert report.ok, [str(p) for p in report.problems[:5]]
    assert report.created + report.duplicate_count == 50
    first = json.loads(lines[0])
    achievement = Achievement.objects.get(external_id=first["id"])
    assert achievement.title == library.title_from_abstract(first["abstract"]) and achievement.title
    assert achievement.abstract == first["abstract"]
    assert achievement.keywords == first["keywords"]


def test_a_jsonl_line_that_is_not_an_object_refuses_the_file(db, tmp_path):
    data = '{"id": "1", "title": "甲"}\n\n[1, 2]\n{"title": "乙", "keywords": ["a", "b"]}\n'.encode()
    report = importing.import_file("x.jsonl", data, by=None)
    assert (report.outcome, [p.row for p in report.problems]) == ("refused", [3])
    assert Achievement.objects.count() == 0


# --- the service: one audit entry, the signal after the commit --------------------------------------------


@pytest.fixture
def heard():
    """The ids each `achievements_changed` carried, in order."""
    calls = []

    def listen(sender, ids, **kwargs):
        calls.append(sorted(ids))

    achievements_changed.connect(listen)
    yield calls
    achievements_changed.disconnect(listen)


def test_a_batch_writes_one_audit_entry_and_announces_after_the_commit(
    db, organiser, heard, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rows = [{"title": "甲"}, {"title": "乙"}, {"title": "甲", "abstract": "后"}]
        report = library.save_achievements(rows, by=organiser, source="t")
        assert heard == []  # not before the commit
    assert heard == [sorted(report.ids)]
    [entry] = AuditEntry.objects.filter(action="achievements.imported")
    assert (entry.actor, entry.changes["created"], entry.changes["duplicates"]) == (
        organiser,
        [None, 2],
        [None, 1],
    )


def test_nothing_is_announced_when_nothing_changed(db, heard, django_capture_on_commit_callbacks):
    library.save_achievements([{"title": "甲"}], by=None, source="t")
    with django_capture_on_commit_callbacks(execute=True):
        report = library.save_achievements([{"title": "甲"}], by=None, source="t")
    assert (report.unchanged, heard) == (1, [])


def test_update_and_delete_are_audited_and_announced(
    db, organiser, heard, django_capture_on_commit_callbacks
):
    [pk] = library.save_achievements([{"title": "甲"}], by=organiser, source="t").ids
    achievement = Achievement.objects.get(pk=pk)
    with django_capture_on_commit_callbacks(execute=True):
        library.update_achievement(achievement, {"title": "乙", "kind": "论文"}, by=organiser)
    achievement.refresh_from_db()
    assert (achievement.title, achievement.kind, heard) == ("乙", "paper", [[pk]])
    assert achievement.dedupe_key == library.dedupe_key("乙", "")
    assert AuditEntry.objects.for_object(achievement).get().changes["title"] == ["甲", "乙"]

    library.save_achievements([{"title": "丙"}], by=organiser, source="t")
    with pytest.raises(library.LibraryError) as refused:
        library.update_achievement(achievement, {"title": "丙"}, by=organiser)
    assert list(refused.value.errors) == ["title"]

    heard.clear()
    with django_capture_on_commit_callbacks(execute=True):
        library.delete_achievement(achievement, by=organiser)
    assert (Achievement.objects.filter(pk=pk).exists(), heard) == (False, [[pk]])
    assert AuditEntry.objects.filter(action="achievement.deleted", object_id=str(pk)).exists()


# --- progress, the job and the command line ---------------------------------------------------------------


def test_large_files_report_progress_every_thousand_rows(db, tmp_path):
    rows = [["title", "owner"], *[[f"成果{i}", "某大学"] for i in range(2500)]]
    calls = []
    path = write_csv(tmp_path / "big.csv", rows)

    report = importing.import_file(path.name, path.read_bytes(), by=None, progress=lambda *a: calls.append(a))

    assert report.created == 2500
    assert [(done, total) for done, total, _m in calls] == [
        (1000, 2500),
        (2000, 2500),
        (1000, 2500),
        (2000, 2500),
        (2500, 2500),
    ]
    assert all(message.startswith("big.csv: ") for _d, _t, message in calls)


def test_the_import_job_imports_the_stored_files_and_reports(
    db, settings, tmp_path, organiser, django_capture_on_commit_callbacks
):
    settings.VAR_DIR = tmp_path
    folder = upload_dir("tok")
    folder.mkdir(parents=True)
    write_csv(folder / "0001.csv", [["title"], ["甲"], ["乙"]])
    write_csv(folder / "0002.csv", [["title", "contact_email"], ["丙", "bad"]])
    files = [["0001.csv", "good.csv"], ["0002.csv", "bad.csv"]]

    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(
            IMPORT_ACHIEVEMENTS,
            by=organiser,
            label="t",
            params={"token": "tok", "files": files, "lang": "en"},
        )

    job = Job.objects.get(pk=job.pk)
    assert (job.state, job.done, job.total) == ("done", 2, 2)
    assert (job.result["created"], job.result["refused"]) == (2, 1)
    assert job.result["reports"][1]["lines"] == ["row 2, Contact e-mail: Enter a valid e-mail address."]
    assert not folder.exists()


def test_the_command_imports_and_exits_with_1_when_a_file_is_refused(db, tmp_path, organiser):
    good = write_csv(tmp_path / "good.csv", [ZH_HEADER, zh_row(1), zh_row(2)])
    bad = write_csv(tmp_path / "bad.csv", [ZH_HEADER, zh_row(3, title="")])
    out = io.StringIO()

    call_command("import_achievements", str(good), "--user", "organiser", "--lang", "en", stdout=out)
    assert "good.csv: 2 created, 0 updated, 0 unchanged, 0 duplicates" in out.getvalue()

    out = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("import_achievements", str(good), str(bad), "--lang", "en", stdout=out)
    assert exited.value.code == 1
    assert "bad.csv: refused, nothing saved" in out.getvalue()
    assert "row 2, Title: The title is required." in out.getvalue()
    assert "good.csv: 0 created, 0 updated, 2 unchanged, 0 duplicates" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_the_console_script_exit_status(tmp_path):
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        "VAR_DIR": str(tmp_path),
        "PATH": "/usr/bin:/bin",
    }

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "innochallenge", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert run("migrate", "--no-input").returncode == 0
    good = write_csv(tmp_path / "good.csv", [EN_HEADER[:2], ["甲", "摘要"]])
    assert run("import-achievements", str(good)).returncode == 0
    bad = write_csv(tmp_path / "bad.csv", [EN_HEADER[:2], ["", "摘要"]])
    result = run("import-achievements", str(bad), "--lang", "en")
    assert result.returncode == 1
    assert "row 2, Title: The title is required." in result.stdout
