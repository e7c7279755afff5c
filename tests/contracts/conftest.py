"""A registered contract for the contract and subsidy tests."""

import datetime as dt

import pytest

from innochallenge.contracts import services
from tests.solutions.conftest import published, world  # noqa: F401  (fixtures)

SIGNED_ON = dt.date(2021, 9, 1)


@pytest.fixture
def contract(world):  # noqa: F811
    """A contract between the world's enterprise and the provider of its first solution."""
    return services.register_contract(
        world.demand.campaign,
        demand=world.demand,
        solution=world.solution,
        number="2021-JS-0001",
        registration_number="320500-2021-0001",
        amount_yuan="2000000",
        signed_on=SIGNED_ON,
        by=world.organiser,
    )
