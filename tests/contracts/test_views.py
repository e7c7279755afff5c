"""Contract and subsidy pages: who may open what, registering, paying, applying, reviewing, the .xlsx."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest

from innochallenge.contracts import services, subsidies
from innochallenge.contracts.enums import SubsidyState
from innochallenge.contracts.models import Contract, Evidence
from tests.contracts.conftest import SIGNED_ON
from tests.factories.accounts import UserFactory
from tests.solutions.conftest import pdf


@pytest.fixture
def time_in_campaign(time_machine):
    time_machine.move_to(dt.datetime(2021, 9, 15, 12, 0, tzinfo=dt.UTC))


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("organiser", 200),
        ("owner", 200),
        ("broker", 200),
        ("provider", 200),
        ("rival", 404),
        ("stranger", 404),
        ("anonymous", 302),
    ],
)
def test_who_may_open_a_contract(world, contract, client, client_of, broker, who, status):
    users = {
        "organiser": world.organiser,
        "owner": world.owner,
        "broker": broker,
        "provider": world.provider,
        "rival": world.rival,
        "stranger": UserFactory(role="enterprise"),
        "anonymous": None,
    }
    browser = client_of(users[who]) if users[who] else client
    assert browser.get(f"/awards/contracts/{contract.pk}/").status_code == status


def test_the_enterprise_registers_pays_with_evidence_and_applies(world, client_of):
    client = client_of(world.owner)
    assert client.get("/awards/contracts/new/").status_code == 200
    response = client.post(
        "/awards/contracts/new/",
        {
            "demand": world.demand.pk,
            "solution": world.solution.pk,
            "number": "HT-WEB-1",
            "amount_yuan": "600000",
            "signed_on": "2021-08-30",
        },
    )
    contract = Contract.objects.get(number="HT-WEB-1")
    assert response.status_code == 302 and contract.broker is not None

    client.post(f"/awards/contracts/{contract.pk}/subsidy/")
    client.post(
        f"/awards/contracts/{contract.pk}/payments/", {"amount_yuan": "200000", "paid_on": "2021-09-05"}
    )
    payment = contract.payments.get()
    client.post(
        f"/awards/contracts/{contract.pk}/payments/{payment.pk}/evidence/",
        {"kind": "invoice", "file": pdf("发票.pdf")},
    )
    assert Evidence.objects.get(payment=payment).kind == "invoice"
    page = client.get(f"/awards/contracts/{contract.pk}/").content.decode()
    assert "60,000.00" in page or "60000.00" in page
    evidence = Evidence.objects.get()
    assert client.get(f"/awards/contracts/{contract.pk}/evidence/{evidence.pk}/").status_code == 200
    assert (
        client_of(world.rival).get(f"/awards/contracts/{contract.pk}/evidence/{evidence.pk}/").status_code
        == 404
    )


def test_a_contract_form_without_a_solution_is_refused_and_saves_nothing(world, client_of):
    response = client_of(world.owner).post(
        "/awards/contracts/new/",
        {"demand": world.demand.pk, "number": "X", "amount_yuan": "1", "signed_on": "2021-08-30"},
    )
    assert response.status_code == 400 and not Contract.objects.exists()


def test_only_the_organiser_reviews_subsidies(world, contract, client_of, time_in_campaign):
    application = subsidies.apply(contract, by=world.owner)
    services.add_payment(contract, amount_yuan="100000.05", paid_on=SIGNED_ON, by=world.owner)
    assert client_of(world.owner).get("/awards/subsidies/").status_code == 403
    organiser = client_of(world.organiser)
    assert organiser.get("/awards/subsidies/").status_code == 200
    for state in ("under_review", "approved"):
        organiser.post(f"/awards/subsidies/{application.pk}/state/", {"state": state})
    application.refresh_from_db()
    assert application.state == SubsidyState.APPROVED and application.amount_yuan == Decimal("30000.02")

    sheet = openpyxl.load_workbook(
        io.BytesIO(organiser.get("/awards/subsidies/approved.xlsx").content)
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][4] == contract.number and rows[1][10] == pytest.approx(30000.02)
    assert rows[-1][10] == pytest.approx(30000.02)
    assert client_of(world.owner).get("/awards/subsidies/approved.xlsx").status_code == 403


def test_refusing_needs_a_reason(world, contract, client_of, time_in_campaign):
    application = subsidies.apply(contract, by=world.owner)
    organiser = client_of(world.organiser)
    organiser.post(f"/awards/subsidies/{application.pk}/state/", {"state": "rejected"})
    application.refresh_from_db()
    assert application.state == SubsidyState.APPLIED
    organiser.post(
        f"/awards/subsidies/{application.pk}/state/", {"state": "rejected", "reason": "非技术开发合同"}
    )
    application.refresh_from_db()
    assert application.state == SubsidyState.REJECTED and application.reason == "非技术开发合同"
