"""Every list the API answers costs as many queries for five items as for one (HOUSE-STYLE: a query-count
guard on every list page). Each case names a caller who sees the items and how to add one more; a failure
prints the queries of the longer answer, where the one repeated per item stands out."""

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from innochallenge.accounts.enums import Role
from innochallenge.campaigns import preset as presets
from innochallenge.campaigns.services import load_preset
from innochallenge.contracts import services as contract_services
from innochallenge.demands.enums import DemandStatus
from innochallenge.diagnosis import services as diagnosis
from innochallenge.judging import services as judging
from innochallenge.judging.enums import RoundState
from innochallenge.matching import index, library
from innochallenge.solutions import services as solutions
from innochallenge.solutions.enums import SolutionStatus
from tests.demands.conftest import api_client
from tests.factories.accounts import UserFactory
from tests.factories.demands import DemandFactory
from tests.factories.judging import RoundFactory, judge
from tests.factories.solutions import ProviderProfileFactory, SolutionFactory, provider_user
from tests.matching.conftest import FILM
from tests.solutions.conftest import solution_values

_serial = itertools.count(1)
#: A provider whose expertise is the factories' demand (a polyimide film), so the engine pairs them.
FILM_EXPERTISE = {"expertise": "聚酰亚胺薄膜\n耐高温高分子材料", "keywords": "聚酰亚胺, 热收缩率, 薄膜"}


@dataclass
class Listing:
    client: Client
    url: str
    add: Callable[[], object]  # one more item the caller sees
    items: Callable[[dict | list], int] = lambda body: len(body["items"])


def _sql(captured: list[dict]) -> str:
    return "\n".join(f"{n:3}. {q['sql']}" for n, q in enumerate(captured, 1))


def _queries(listing: Listing, expected: int) -> list[dict]:
    with CaptureQueriesContext(connection) as context:
        response = listing.client.get(listing.url)
    assert response.status_code == 200, response.content
    assert listing.items(response.json()) == expected
    return context.captured_queries


def assert_same_queries(listing: Listing) -> None:
    listing.add()
    listing.client.get(listing.url)  # once first: what a process looks up once (domain words) aside
    one = _queries(listing, 1)
    for _ in range(4):
        listing.add()
    five = _queries(listing, 5)
    assert len(five) == len(one), (
        f"GET {listing.url}: {len(one)} queries for 1 item, {len(five)} for 5.\n"
        f"For 1:\n{_sql(one)}\nFor 5:\n{_sql(five)}"
    )


# --- demands ----------------------------------------------------------------------------------------------


@pytest.fixture
def demands_for_organiser(hs2021, organiser):
    return Listing(
        api_client(organiser), "/api/v1/demands", lambda: DemandFactory(status=DemandStatus.SUBMITTED)
    )


@pytest.fixture
def demands_for_liaison(liaison_of):
    liaison = liaison_of("xiangcheng")
    return Listing(
        api_client(liaison), "/api/v1/demands", lambda: DemandFactory(status=DemandStatus.SUBMITTED)
    )


@pytest.fixture
def demands_for_broker(hs2021, broker):
    return Listing(
        api_client(broker),
        "/api/v1/demands",
        lambda: DemandFactory(status=DemandStatus.PUBLISHED, assignment__broker=broker),
    )


@pytest.fixture
def demands_for_enterprise(hs2021, enterprise_user):
    return Listing(
        api_client(enterprise_user),
        "/api/v1/demands",
        lambda: DemandFactory(status=DemandStatus.SUBMITTED, created_by=enterprise_user),
    )


@pytest.fixture
def proposals(hs2021):
    demand = DemandFactory(status=DemandStatus.UNDER_DIAGNOSIS)
    broker = demand.assignment.broker
    return Listing(
        api_client(broker),
        f"/api/v1/demands/{demand.pk}/proposals",
        lambda: diagnosis.propose_edit(demand, "title", f"耐高温聚酰亚胺薄膜{next(_serial)}", by=broker),
        items=len,
    )


@pytest.fixture
def campaigns(db):
    preset = presets.read("hs2021")
    return Listing(
        Client(),
        "/api/v1/campaigns",
        lambda: load_preset(preset.model_copy(update={"slug": f"edition{next(_serial)}"})),
    )


@pytest.fixture
def public_demands(hs2021):
    return Listing(Client(), "/api/v1/public/demands", lambda: DemandFactory(status=DemandStatus.PUBLISHED))


# --- providers and solutions ------------------------------------------------------------------------------


@pytest.fixture
def providers(hs2021, organiser):
    return Listing(api_client(organiser), "/api/v1/providers", ProviderProfileFactory)


@pytest.fixture
def solutions_for_organiser(hs2021, organiser):
    return Listing(
        api_client(organiser), "/api/v1/solutions", lambda: SolutionFactory(status=SolutionStatus.SUBMITTED)
    )


@pytest.fixture
def solutions_for_provider(hs2021):
    provider = provider_user()
    return Listing(
        api_client(provider),
        "/api/v1/solutions",
        lambda: SolutionFactory(status=SolutionStatus.SUBMITTED, created_by=provider),
    )


@pytest.fixture
def demand_solutions_for_enterprise(hs2021):
    demand = DemandFactory(status=DemandStatus.PUBLISHED)
    return Listing(
        api_client(demand.created_by),
        f"/api/v1/demands/{demand.pk}/solutions",
        lambda: SolutionFactory(status=SolutionStatus.SUBMITTED, demand=demand),
    )


@pytest.fixture
def demand_solutions_for_broker(hs2021):
    demand = DemandFactory(status=DemandStatus.PUBLISHED)
    return Listing(
        api_client(demand.assignment.broker),
        f"/api/v1/demands/{demand.pk}/solutions",
        lambda: SolutionFactory(status=SolutionStatus.SUBMITTED, demand=demand),
    )


@pytest.fixture
def solution_versions(hs2021):
    solution = SolutionFactory(status=SolutionStatus.SUBMITTED)

    def edit():
        values = solution_values(solution.demand) | {"title": f"Cross-linked polyimide film v{next(_serial)}"}
        return solutions.update_solution(solution, values, by=solution.created_by)

    return Listing(
        api_client(solution.created_by), f"/api/v1/solutions/{solution.pk}/versions", edit, items=len
    )


@pytest.fixture
def solution_messages(hs2021):
    solution = SolutionFactory(status=SolutionStatus.SUBMITTED)
    enterprise = solution.demand.created_by
    return Listing(
        api_client(solution.created_by),
        f"/api/v1/solutions/{solution.pk}/messages",
        lambda: solutions.post_message(solution, f"样品何时能到？（{next(_serial)}）", by=enterprise),
        items=len,
    )


# --- contracts --------------------------------------------------------------------------------------------


@pytest.fixture
def contracts(hs2021, organiser):
    signed_on = dt.date(2021, 9, 1)

    def register():
        solution = SolutionFactory(status=SolutionStatus.SHORTLISTED)
        contract = contract_services.register_contract(
            hs2021,
            demand=solution.demand,
            solution=solution,
            number=f"2021-JS-{next(_serial):04d}",
            amount_yuan="2000000",
            signed_on=signed_on,
            by=organiser,
        )
        contract_services.add_payment(contract, amount_yuan="500000", paid_on=signed_on, by=organiser)
        return contract

    return Listing(api_client(organiser), "/api/v1/contracts", register, items=len)


# --- matching ---------------------------------------------------------------------------------------------


def _achievement(organiser) -> int:
    [pk] = library.save_achievements(
        [dict(FILM, title=f"{FILM['title']}（{next(_serial)}）")], by=organiser, source="test"
    ).ids
    index.update([f"a:{pk}"])
    return pk


def _indexed_demand():
    demand = DemandFactory(status=DemandStatus.PUBLISHED)
    index.update([f"d:{demand.pk}"])
    return demand


def _indexed_provider():
    profile = ProviderProfileFactory(**FILM_EXPERTISE)
    index.update([f"p:{profile.pk}"])
    return profile


@pytest.fixture
def achievements(hs2021, organiser, broker):
    return Listing(api_client(broker), "/api/v1/achievements", lambda: _achievement(organiser))


@pytest.fixture
def achievement_search(hs2021, organiser, broker):
    return Listing(
        api_client(broker),
        "/api/v1/achievements/search?q=聚酰亚胺薄膜",
        lambda: _achievement(organiser),
        items=len,
    )


@pytest.fixture
def achievement_demands(hs2021, organiser, broker):
    pk = _achievement(organiser)
    return Listing(api_client(broker), f"/api/v1/achievements/{pk}/demands", _indexed_demand, items=len)


@pytest.fixture
def my_demands(hs2021):
    provider = UserFactory(role=Role.PROVIDER)
    ProviderProfileFactory(organisation=provider.organisation, **FILM_EXPERTISE)
    return Listing(api_client(provider), "/api/v1/providers/me/demands", _indexed_demand, items=len)


@pytest.fixture
def demand_matched_achievements(hs2021, organiser):
    demand = DemandFactory(status=DemandStatus.PUBLISHED)
    return Listing(
        api_client(demand.assignment.broker),
        f"/api/v1/demands/{demand.pk}/matches",
        lambda: _achievement(organiser),
        items=lambda body: len(body["achievements"]),
    )


@pytest.fixture
def demand_matched_providers(hs2021):
    demand = DemandFactory(status=DemandStatus.PUBLISHED)
    return Listing(
        api_client(demand.assignment.broker),
        f"/api/v1/demands/{demand.pk}/matches",
        _indexed_provider,
        items=lambda body: len(body["providers"]),
    )


# --- judging ----------------------------------------------------------------------------------------------


def _entries(user, organiser) -> Listing:
    """A session in preparation that `user` sees, gaining candidate demands."""
    panel = [] if user is organiser else [user]
    session = RoundFactory(state=RoundState.DRAFT, entries=[], judges=panel)
    return Listing(
        api_client(user),
        f"/api/v1/judging/rounds/{session.pk}/entries",
        lambda: judging.add_entry(session, demand=DemandFactory(status=DemandStatus.PUBLISHED), by=organiser),
        items=len,
    )


@pytest.fixture
def round_entries_for_judge(hs2021, organiser):
    return _entries(judge(), organiser)


@pytest.fixture
def round_entries_for_organiser(hs2021, organiser):
    return _entries(organiser, organiser)


LISTINGS = [
    "demands_for_organiser",
    "demands_for_liaison",
    "demands_for_broker",
    "demands_for_enterprise",
    "proposals",
    "campaigns",
    "public_demands",
    "providers",
    "solutions_for_organiser",
    "solutions_for_provider",
    "demand_solutions_for_enterprise",
    "demand_solutions_for_broker",
    "solution_versions",
    "solution_messages",
    "contracts",
    "achievements",
    "achievement_search",
    "achievement_demands",
    "my_demands",
    "demand_matched_achievements",
    "demand_matched_providers",
    "round_entries_for_judge",
    "round_entries_for_organiser",
]


@pytest.mark.parametrize("listing", LISTINGS)
def test_a_list_costs_the_same_queries_for_1_and_5_items(listing, request):
    assert_same_queries(request.getfixturevalue(listing))


def test_session_results_cost_the_same_queries_for_1_and_5_entries(hs2021, organiser):
    client = api_client(organiser)

    def results(entries: int) -> list[dict]:
        demands = [DemandFactory(status=DemandStatus.PUBLISHED) for _ in range(entries)]
        session = RoundFactory(state=RoundState.CLOSED, entries=demands)
        with CaptureQueriesContext(connection) as context:
            response = client.get(f"/api/v1/judging/rounds/{session.pk}/results")
        assert response.status_code == 200, response.content
        assert {len(ranked) for ranked in response.json()["methods"].values()} == {entries}
        return context.captured_queries

    results(1)  # once first, as above
    one, five = results(1), results(5)
    assert len(five) == len(one), (
        f"session results: {len(one)} queries for 1 entry, {len(five)} for 5.\n"
        f"For 1:\n{_sql(one)}\nFor 5:\n{_sql(five)}"
    )
