import datetime as dt
import zoneinfo

import hypothesis
import pytest
import time_machine

from innochallenge.accounts.enums import Role
from innochallenge.campaigns import preset as presets
from innochallenge.campaigns.services import load_preset
from tests.factories.accounts import UserFactory
from tests.factories.demands import FORM_VALUES

# Tests never assert a time (DESIGN.md): hypothesis's 200 ms deadline per example would turn a busy
# machine (the suite runs on every core with pytest-xdist) into failures.
hypothesis.settings.register_profile("innochallenge", deadline=None)
hypothesis.settings.load_profile("innochallenge")


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    """Everything the app writes under var/ (import batches, media, uploaded files, the matching index
    and its lock) goes to folders of the test's own, so tests running side by side under pytest-xdist
    never share one."""
    settings.VAR_DIR = tmp_path / "var"
    settings.MEDIA_ROOT = tmp_path / "var" / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"
    settings.MATCHING_INDEX_DIR = tmp_path / "index" / "matching"
    return settings.PRIVATE_ROOT


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
def broker(db):
    """A technology broker of a service team."""
    return UserFactory(role=Role.BROKER)


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


@pytest.fixture
def in_collection():
    """Today is inside hs2021's collection window (2021-05-08 to 2021-05-20, Asia/Shanghai)."""
    when = dt.datetime(2021, 5, 12, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(when, tick=True):
        yield when.date()


@pytest.fixture
def after_collection():
    when = dt.datetime(2021, 5, 25, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(when, tick=True):
        yield when.date()
