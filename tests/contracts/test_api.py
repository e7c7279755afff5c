"""Contracts and subsidies over HTTP: the quote, registering a contract, payments, applying."""

import pytest
from django.test import Client

from tests.demands.conftest import api_client
from tests.factories.accounts import UserFactory


@pytest.mark.parametrize(
    ("paid", "district", "eligible", "amount"),
    [
        ("1000000", "相城区", True, "300000.00"),
        ("2000000", "xiangcheng", True, "500000.00"),
        ("333.35", "Kunshan", True, "100.01"),
        ("1000000", "浦东新区", False, "0.00"),
    ],
)
def test_the_subsidy_quote_needs_no_login(hs2021, paid, district, eligible, amount):
    response = Client().get("/api/v1/campaigns/hs2021/subsidy-quote", {"paid_rd": paid, "district": district})
    assert response.status_code == 200
    body = response.json()
    assert body["eligible"] is eligible and body["amount"] == amount and body["reason"]


def test_a_bad_quote_is_refused_clearly(hs2021):
    assert (
        Client()
        .get("/api/v1/campaigns/hs2021/subsidy-quote", {"paid_rd": "-5", "district": "相城区"})
        .status_code
        == 422
    )
    assert (
        Client()
        .get("/api/v1/campaigns/hs2021/subsidy-quote", {"paid_rd": "abc", "district": "x"})
        .status_code
        == 422
    )
    assert (
        Client().get("/api/v1/campaigns/nope/subsidy-quote", {"paid_rd": "1", "district": "x"}).status_code
        == 404
    )


def test_the_enterprise_registers_pays_and_applies(world):
    client = api_client(world.owner)
    created = client.post(
        "/api/v1/contracts",
        {
            "demand": world.demand.pk,
            "solution": world.solution.pk,
            "number": "HT-1",
            "amount_yuan": "800000",
            "signed_on": "2021-08-20",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    contract = created.json()
    assert contract["eligible"] and contract["provider"] == world.provider.organisation.name

    applied = client.post(f"/api/v1/contracts/{contract['id']}/subsidy")
    assert applied.status_code == 201 and applied.json()["subsidy"]["amount_yuan"] == "0.00"
    paid = client.post(
        f"/api/v1/contracts/{contract['id']}/payments",
        {"amount_yuan": "400000.50", "paid_on": "2021-09-10"},
        content_type="application/json",
    )
    assert paid.status_code == 201
    assert paid.json()["subsidy"]["amount_yuan"] == "120000.15"
    assert client.post(f"/api/v1/contracts/{contract['id']}/subsidy").status_code == 409


def test_others_may_not_register_or_see_contracts(world, contract):
    stranger = api_client(UserFactory(role="enterprise"))
    body = {"demand": world.demand.pk, "number": "X", "amount_yuan": "1", "signed_on": "2021-08-20"}
    assert stranger.post("/api/v1/contracts", body, content_type="application/json").status_code == 403
    assert stranger.get("/api/v1/contracts").json() == []
    assert stranger.post(f"/api/v1/contracts/{contract.pk}/subsidy").status_code == 404
    provider = api_client(world.provider)
    assert [c["number"] for c in provider.get("/api/v1/contracts").json()] == [contract.number]
    assert provider.post(f"/api/v1/contracts/{contract.pk}/subsidy").status_code == 403


def test_a_contract_names_only_a_solution_handed_in_to_its_demand(world, hs2021):
    """Another demand's solution, a draft and a made-up id answer alike (404): registering a contract
    reveals nothing of solutions the caller cannot see."""
    from innochallenge.solutions.enums import SolutionStatus
    from tests.factories.solutions import SolutionFactory

    elsewhere = SolutionFactory(status=SolutionStatus.SUBMITTED)
    draft = SolutionFactory(status=SolutionStatus.DRAFT, demand=world.demand)
    client = api_client(world.owner)

    def register(solution_id: int):
        body = {"demand": world.demand.pk, "solution": solution_id, "number": f"HT-{solution_id}"}
        body |= {"amount_yuan": "800000", "signed_on": "2021-08-20"}
        return client.post("/api/v1/contracts", body, content_type="application/json")

    answers = [register(pk) for pk in (elsewhere.pk, draft.pk, 987654)]
    assert [a.status_code for a in answers] == [404, 404, 404]
    assert len({a.content for a in answers}) == 1
    assert register(world.solution.pk).status_code == 201


@pytest.mark.parametrize("paid", ["1e309", "1e999999", "1000000000000"])
def test_an_amount_beyond_any_contract_is_a_422_not_a_500(hs2021, paid):
    response = Client().get("/api/v1/campaigns/hs2021/subsidy-quote", {"paid_rd": paid, "district": "相城区"})
    assert response.status_code == 422
    assert "paid_rd" in response.json()["errors"]


@pytest.mark.parametrize("amount", ["1e999999", "1e20", "-1", "12.345"])
def test_a_contract_amount_out_of_range_is_refused_with_the_reason(world, amount):
    response = api_client(world.owner).post(
        "/api/v1/contracts",
        {
            "demand": world.demand.pk,
            "solution": world.solution.pk,
            "number": "HT-9",
            "amount_yuan": amount,
            "signed_on": "2021-08-20",
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "999,999,999,999.99" in response.json()["detail"]
