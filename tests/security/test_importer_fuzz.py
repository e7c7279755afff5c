"""Hypothesis against every importer: random bytes, real files cut short or with flipped bytes, zip files
holding the wrong parts, CSV of random text in UTF-8 and GB18030.

A reader either succeeds or raises its own error with a message for the person who sent the file
(`FormFileError`, `AchievementFileError`, `SheetError`, `PresetError`), never a `KeyError`, a
`BadZipFile`, an XML parser's or a decoder's error. An import that goes through a service answers with a
report and, when it does not import, leaves no row behind.
"""

import csv
import io
import json
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from innochallenge.audit.models import AuditEntry
from innochallenge.campaigns import preset
from innochallenge.demands import importing as demand_import
from innochallenge.demands.io import FormFileError
from innochallenge.demands.io.docx_form import read_forms
from innochallenge.demands.io.sheets import read_sheet as read_demand_sheet
from innochallenge.demands.io.sheets import write_sheet
from innochallenge.demands.models import Demand
from innochallenge.judging import sheets as score_sheets
from innochallenge.matching import importing as achievement_import
from innochallenge.matching.models import Achievement
from tests.factories.demands import FORM_VALUES
from tests.security.conftest_fuzz import files_from, score_sheet_seeds

DATA = Path(__file__).resolve().parents[1] / "data"
DOCX_SEEDS = [
    (DATA / "demands" / name).read_bytes() for name in ("a-checkboxes-fullwidth.docx", "e-three-forms.docx")
]
DEMAND_SHEETS = {
    fmt: write_sheet([FORM_VALUES, FORM_VALUES | {"title": "耐高温薄膜二"}], fmt) for fmt in ("xlsx", "csv")
}

FUZZ = settings(
    max_examples=40,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


def _achievement_seeds() -> dict[str, bytes]:
    header = ["成果名称", "摘要", "关键词", "技术领域", "所属单位"]
    row = ["聚酰亚胺薄膜", "卷对卷连续流延制备耐高温聚酰亚胺薄膜的方法。", "薄膜", "新材料", "苏州大学"]
    text = io.StringIO()
    csv.writer(text).writerows([header, row])
    book = openpyxl.Workbook()
    book.active.append(header)
    book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    jsonl = json.dumps(
        {"id": "a1", "abstract": "一种薄膜。制备方法。", "field": "新材料"}, ensure_ascii=False
    )
    return {"csv": text.getvalue().encode("gb18030"), "xlsx": out.getvalue(), "jsonl": jsonl.encode()}


ACHIEVEMENT_SEEDS = _achievement_seeds()


# --------------------------------------------------------------------------------------------- readers


@FUZZ
@given(data=files_from(DOCX_SEEDS, text_header=list(FORM_VALUES)))
def test_demand_form_reader_refuses_clearly(data):
    try:
        forms = read_forms(data, {})
    except FormFileError as exc:
        assert str(exc)
    else:
        assert forms and all(isinstance(form, dict) for form in forms)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_demand_sheet_reader_refuses_clearly(fmt):
    @FUZZ
    @given(
        data=files_from([DEMAND_SHEETS[fmt]], text_header=["企业名称", "技术需求名称", "所在区", "需求描述"])
    )
    def run(data):
        try:
            rows = read_demand_sheet(data, f"demands.{fmt}")
        except FormFileError as exc:
            assert str(exc)
        else:
            assert all(isinstance(number, int) and isinstance(raw, dict) for number, raw in rows)

    run()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_score_sheet_reader_refuses_clearly(fmt):
    @FUZZ
    @given(data=files_from([score_sheet_seeds()[fmt]], text_header=["评委", "项目", "评分项", "分数"]))
    def run(data):
        try:
            rows = score_sheets.read_sheet(data, f"scores.{fmt}")
        except score_sheets.SheetError as exc:
            assert exc.messages and all(exc.messages)
        else:
            assert all(row.score >= 0 for row in rows)

    run()


@FUZZ
@given(
    data=st.one_of(
        st.binary(max_size=600),
        st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
        files_from([(Path(preset.PRESET_DIR) / "hs2021.yaml").read_bytes()], text_header=["slug:", "name:"]),
    )
)
def test_preset_reader_refuses_clearly(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(data)
        try:
            loaded = preset.read(path)
        except preset.PresetError as exc:
            assert exc.problems and all(exc.problems)
        else:
            assert loaded.slug


# ------------------------------------------------------------------------------- imports that write


def _counts() -> tuple[int, int, int]:
    return Demand.objects.count(), Achievement.objects.count(), AuditEntry.objects.count()


def test_demand_import_reports_and_writes_all_or_nothing(hs2021, organiser):
    options = demand_import.campaign_options(hs2021)
    seeds = {"docx": DOCX_SEEDS, "xlsx": [DEMAND_SHEETS["xlsx"]], "csv": [DEMAND_SHEETS["csv"]]}
    header = ["企业名称", "技术需求名称", "所在区", "需求描述"]

    @FUZZ
    @given(
        upload=st.sampled_from(sorted(seeds)).flatmap(
            lambda fmt: st.tuples(st.just(f"fuzz.{fmt}"), files_from(seeds[fmt], text_header=header))
        )
    )
    def run(upload):
        name, data = upload
        before = _counts()
        report = demand_import.import_file(hs2021, name, data, by=organiser, options=options)
        assert report.outcome in ("imported", "refused", "unreadable")
        if report.ok:
            assert Demand.objects.count() == before[0] + len(report.created)
        else:
            assert report.problems and _counts() == before

    run()


def test_achievement_import_reports_and_writes_all_or_nothing(db, organiser):
    headers = {
        "csv": ["成果名称", "摘要", "所属单位"],
        "xlsx": ["title", "abstract"],
        "jsonl": ['{"title": '],
    }

    @FUZZ
    @given(
        upload=st.sampled_from(sorted(ACHIEVEMENT_SEEDS)).flatmap(
            lambda fmt: st.tuples(
                st.just(f"fuzz.{fmt}"), files_from([ACHIEVEMENT_SEEDS[fmt]], text_header=headers[fmt])
            )
        )
    )
    def run(upload):
        name, data = upload
        before = _counts()
        report = achievement_import.import_file(name, data, by=organiser)
        assert report.outcome in ("imported", "refused", "unreadable")
        if report.ok:
            assert Achievement.objects.count() == before[1] + report.created
        else:
            assert report.problems and all(str(p) for p in report.problems) and _counts() == before

    run()


def test_a_zip_of_the_wrong_parts_is_no_docx_nor_xlsx():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", b"\xff\xfe")
    with pytest.raises(FormFileError):
        read_forms(out.getvalue(), {})
    with pytest.raises(FormFileError):
        read_demand_sheet(out.getvalue(), "x.xlsx")
    with pytest.raises(score_sheets.SheetError):
        score_sheets.read_sheet(out.getvalue(), "x.xlsx")
    with pytest.raises(achievement_import.AchievementFileError):
        achievement_import.read_file("x.xlsx", out.getvalue())
