"""Real-looking Word forms (tests/data/demands/) import to exactly the right fields; a bad one saves
nothing."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from innochallenge.demands import importing
from innochallenge.demands.enums import DemandStatus, Source
from innochallenge.demands.models import Demand
from innochallenge.demands.services import values_of

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "demands"
EXPECTED = json.loads((SAMPLES / "expected.json").read_text())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_form_imports_to_the_right_fields(hs2021, organiser, name):
    report = importing.import_file(hs2021, name, (SAMPLES / name).read_bytes(), by=organiser)

    assert report.ok, report.problems
    assert len(report.created) == len(EXPECTED[name])
    for expected in EXPECTED[name]:
        demand = Demand.objects.get(company_name=expected["company_name"])
        found = values_of(demand, key="name")
        for field, value in expected.items():
            if field == "budget_wan":
                assert demand.budget_wan == Decimal(value), field
            else:
                assert found[field] == value, field
        assert (demand.status, demand.source, demand.source_file) == (
            DemandStatus.SUBMITTED,
            Source.IMPORT,
            name,
        )


def test_a_form_without_budget_and_with_a_short_description_is_refused_whole(hs2021, organiser):
    name = "f-invalid-no-budget-short-description.docx"
    with translation.override("zh-hans"):
        report = importing.import_file(hs2021, name, (SAMPLES / name).read_bytes(), by=organiser)

    assert report.outcome == "refused"
    assert {(p.row, p.field) for p in report.problems} == {(1, "budget_wan"), (1, "description")}
    description = next(p for p in report.problems if p.field == "description")
    assert description.label == "技术需求描述" and "30" in description.message
    assert Demand.objects.count() == 0


def test_a_file_with_one_bad_form_saves_none_of_its_forms(hs2021, organiser):
    from innochallenge.demands.io.docx_form import read_forms, write_forms

    options = importing.campaign_options(hs2021)
    good = read_forms((SAMPLES / "e-three-forms.docx").read_bytes(), options)
    bad = read_forms((SAMPLES / "f-invalid-no-budget-short-description.docx").read_bytes(), options)
    mixed = write_forms([*good, *bad], options)

    report = importing.import_file(hs2021, "mixed.docx", mixed, by=organiser)

    assert report.outcome == "refused" and {p.row for p in report.problems} == {4}
    assert Demand.objects.count() == 0


def test_garbage_and_foreign_documents_get_a_clear_message(hs2021, organiser):
    import docx

    report = importing.import_file(hs2021, "photo.docx", b"\x89PNG not a document", by=organiser)
    assert report.outcome == "unreadable" and "Word" in report.problems[0].message

    from io import BytesIO

    letter = docx.Document()
    letter.add_paragraph("尊敬的领导：您好！")
    out = BytesIO()
    letter.save(out)
    report = importing.import_file(hs2021, "letter.docx", out.getvalue(), by=organiser)
    assert report.outcome == "unreadable"
    assert Demand.objects.count() == 0
