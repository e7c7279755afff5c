"""Control characters are refused where text comes in (issue 19, "found by an attack"): a title with
U+000B or a company with U+001F made the .xlsx and .docx exports answer 500, a NUL in title_en broke the
public feeds, a title with "\\r\\nBcc:" broke an e-mail batch. The web form and the API refuse them with
a field error in the reader's language; the importers read Word's line and page breaks as it meant them
and refuse the rest naming the row and field."""

import csv
import io

import docx
import pytest

from innochallenge.demands import importing
from innochallenge.demands.enums import DemandStatus
from innochallenge.demands.fields import BY_NAME, SHEET_COLUMNS
from innochallenge.demands.io.docx_form import write_forms
from innochallenge.demands.models import Demand
from innochallenge.matching import importing as achievements
from innochallenge.matching.models import Achievement
from innochallenge.publication.models import Publication
from innochallenge.solutions.models import Message
from tests.demands.conftest import api_client
from tests.factories.accounts import UserFactory
from tests.factories.demands import DemandFactory
from tests.solutions.conftest import published, world  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


@pytest.fixture
def enterprise(hs2021):
    return UserFactory(role="enterprise")


def _web_form(client, user, values):
    client.force_login(user)
    values = values | {"district": "xiangcheng", "save": "1", "privacy_consent": "on"}
    return client.post("/demands/new/", values, **ZH)


# The web form ------------------------------------------------------------------------------------------


def test_the_web_form_refuses_a_title_with_a_vertical_tab_in_chinese(
    client, enterprise, form_values, in_collection
):
    response = _web_form(client, enterprise, form_values | {"title": "耐高温\x0b薄膜"})

    assert response.status_code == 422
    assert "“技术需求名称”含有无法保存的控制字符（U+000B），请删除。" in response.content.decode()
    assert not Demand.objects.exists()


def test_the_web_form_refuses_a_company_with_a_unit_separator_in_chinese(
    client, enterprise, form_values, in_collection
):
    response = _web_form(client, enterprise, form_values | {"company_name": "苏州\x1f恒新材料科技有限公司"})

    assert response.status_code == 422
    assert "“企业名称”含有无法保存的控制字符（U+001F），请删除。" in response.content.decode()
    assert not Demand.objects.exists()


def test_the_web_form_refuses_a_title_that_would_add_a_mail_header(
    client, enterprise, form_values, in_collection
):
    response = _web_form(client, enterprise, form_values | {"title": "薄膜\r\nBcc: all@example.com"})

    assert response.status_code == 422
    assert "“技术需求名称”只能填写一行，请删除换行符或制表符（U+000D）。" in response.content.decode()
    assert not Demand.objects.exists()


def test_the_web_form_keeps_the_lines_of_the_description(client, enterprise, form_values, in_collection):
    description = form_values["description"] + "\r\n第二段：\t样品要求"

    response = _web_form(client, enterprise, form_values | {"description": description})

    assert response.status_code == 302
    assert Demand.objects.get().description == description


# The API ---------------------------------------------------------------------------------------------


def test_the_api_refuses_a_title_with_a_vertical_tab_in_chinese(enterprise, form_values, in_collection):
    response = api_client(enterprise).post(
        "/api/v1/demands", form_values | {"title": "耐高温\x0b薄膜"}, content_type="application/json", **ZH
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"title": ["此处含有无法保存的控制字符（U+000B），请删除。"]}
    assert not Demand.objects.exists()


def test_the_api_refuses_a_company_with_a_unit_separator_in_chinese(enterprise, form_values, in_collection):
    response = api_client(enterprise).post(
        "/api/v1/demands",
        form_values | {"company_name": "苏州\x1f恒新"},
        content_type="application/json",
        **ZH,
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"company_name": ["此处含有无法保存的控制字符（U+001F），请删除。"]}


@pytest.mark.parametrize("text", ["\\u0000", "\\ud800", "\\u0085"], ids=["NUL", "lone surrogate", "C1 NEL"])
def test_the_api_refuses_what_json_can_smuggle(enterprise, form_values, in_collection, text):
    body = '{"title": "薄膜' + text + '"}'

    response = api_client(enterprise).post("/api/v1/demands", body, content_type="application/json", **ZH)

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["title"]


def test_the_api_refuses_a_nul_in_the_english_title(hs2021, organiser):
    demand = DemandFactory(status=DemandStatus.APPROVED)

    response = api_client(organiser).post(
        f"/api/v1/demands/{demand.pk}/publish",
        {"title_en": "Polyimide\x00 film", "description_en": "A film."},
        content_type="application/json",
        **ZH,
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"title_en": ["此处含有无法保存的控制字符（U+0000），请删除。"]}
    assert not Publication.objects.filter(demand=demand).exists()


def test_the_publish_page_refuses_a_nul_in_the_english_title(hs2021, organiser, client_of):
    demand = DemandFactory(status=DemandStatus.APPROVED)

    response = client_of(organiser).post(
        f"/publication/{demand.pk}/publish/",
        {"title_en": "Polyimide\x1f film", "description_en": "A film."},
        follow=True,
        **ZH,
    )

    assert "“英文需求名称”含有无法保存的控制字符（U+001F），请删除。" in response.content.decode()
    assert not Publication.objects.filter(demand=demand).exists()


def test_the_api_refuses_a_control_character_in_a_filter(enterprise):
    response = api_client(enterprise).get("/api/v1/demands?district=xiang%00cheng", **ZH)

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["district"]


# The importers ---------------------------------------------------------------------------------------


def test_a_word_forms_manual_line_breaks_become_a_space_in_a_title_and_a_line_in_the_description(
    hs2021, organiser, form_values
):
    options = importing.campaign_options(hs2021)
    document = docx.Document(io.BytesIO(write_forms([form_values], options)))
    cells = {c.text: c for t in document.tables for r in t.rows for c in r.cells}
    for text, (before, after) in {
        form_values["title"]: ("耐高温低收缩", "聚酰亚胺薄膜"),
        form_values["description"]: (form_values["description"], "第二行：样品要求"),
    }.items():
        paragraph = cells[text].paragraphs[0]
        paragraph.clear()
        run = paragraph.add_run(before)
        run.add_break()  # Word's Shift+Enter: <w:br/>
        run.add_text(after)
    out = io.BytesIO()
    document.save(out)

    report = importing.import_file(hs2021, "征集表.docx", out.getvalue(), by=organiser)

    assert (report.outcome, report.problems) == ("imported", [])
    demand = Demand.objects.get()
    assert demand.title == "耐高温低收缩 聚酰亚胺薄膜"
    assert demand.description == form_values["description"] + "\n第二行：样品要求"


def _csv(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([BY_NAME[c].zh for c in SHEET_COLUMNS])
    for row in rows:
        writer.writerow(["、".join(v) if isinstance(v := row.get(c, ""), list) else v for c in SHEET_COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def test_a_sheets_word_breaks_are_read_and_other_control_characters_refused_by_row_and_field(
    hs2021, organiser, form_values, settings
):
    settings.LANGUAGE_CODE = "zh-hans"
    pasted = form_values | {"title": "耐高温\x0b薄膜", "description": form_values["description"] + "\x0c附件"}
    broken = form_values | {"title": "另一项需求", "company_name": "苏州\x1f恒力机械有限公司"}

    refused = importing.import_file(hs2021, "需求.csv", _csv([pasted, broken]), by=organiser)
    accepted = importing.import_file(hs2021, "需求.csv", _csv([pasted]), by=organiser)

    assert [(p.row, p.field, p.message) for p in refused.problems] == [
        (3, "company_name", "“企业名称”含有无法保存的控制字符（U+001F），请删除。")
    ]
    assert accepted.outcome == "imported"
    demand = Demand.objects.get()
    assert (demand.title, demand.description) == ("耐高温 薄膜", form_values["description"] + "\n附件")


def test_the_achievement_import_reads_word_breaks_and_refuses_the_rest_by_row_and_field(organiser, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    sheet = "成果名称,摘要,所属单位\n交联聚酰亚胺薄膜,第一句。\x0b第二句。,示例大学\n"
    broken = sheet + "另一项\x1f成果,摘要,示例大学\n"

    refused = achievements.import_file("成果.csv", broken.encode(), by=organiser)
    accepted = achievements.import_file("成果.csv", sheet.encode(), by=organiser)

    assert [str(p) for p in refused.problems] == [
        "第 3 行，成果名称：此处含有无法保存的控制字符（U+001F），请删除。"
    ]
    assert accepted.outcome == "imported"
    assert Achievement.objects.get().abstract == "第一句。\n第二句。"


def test_the_achievement_api_refuses_a_control_character(organiser):
    response = api_client(organiser).post(
        "/api/v1/achievements",
        {"items": [{"title": "薄膜", "owner": "示例\x08大学"}]},
        content_type="application/json",
        **ZH,
    )

    assert response.status_code == 422
    assert not Achievement.objects.exists()


def test_a_page_without_a_form_of_its_own_refuses_a_control_character_too(world, client_of):  # noqa: F811
    response = client_of(world.provider).post(
        f"/solutions/{world.solution.pk}/messages/", {"body": "样品何时寄出？\x00"}, follow=True, **ZH
    )

    assert "“信息”含有无法保存的控制字符（U+0000），请删除。" in response.content.decode()
    assert not Message.objects.filter(solution=world.solution).exists()


def test_the_paper_score_sheet_refuses_a_control_character_by_row_and_column(settings):
    from innochallenge.judging.sheets import SheetError, read_sheet

    settings.LANGUAGE_CODE = "zh-hans"
    sheet = "评委,项目,评分项,分数\n张\x1f伟,E01,fit,8\n"

    with pytest.raises(SheetError) as refused:
        read_sheet(sheet.encode(), "scores.csv")

    assert refused.value.messages == ["第 2 行 评委：此处含有无法保存的控制字符（U+001F），请删除。"]
