import pytest

from innochallenge.accounts.enums import Role
from innochallenge.campaigns import preset as presets
from innochallenge.campaigns.services import load_preset
from tests.factories.accounts import UserFactory
from tests.factories.demands import FORM_VALUES


@pytest.fixture
def hs2021(db):
    """The bundled hs2021 campaign, loaded exactly as `innochallenge load-preset hs2021` does."""
    return load_preset(presets.read("hs2021")).campaign


@pytest.fixture
def organiser(db):
    return UserFactory(role=Role.ORGANISER, username="organiser")


@pytest.fixture
def liaison_of(hs2021):
    """liaison_of("xiangcheng") → a liaison user bound to that district of hs2021."""

    def make(code: str):
        return UserFactory(role=Role.LIAISON, district=hs2021.districts.get(code=code))

    return make


@pytest.fixture
def enterprise_user(db):
    return UserFactory(role=Role.ENTERPRISE)


@pytest.fixture
def client_of(client):
    """client_of(user) → the test client, logged in as that user."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def form_values():
    """A complete demand as a person would type it (choices by their Chinese names); a fresh copy."""
    return {k: list(v) if isinstance(v, list) else v for k, v in FORM_VALUES.items()}
