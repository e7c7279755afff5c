import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.test import Client

from innochallenge.accounts.enums import Role
from innochallenge.accounts.services import issue_api_token
from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.demands import DESCRIPTION_50, FORM_VALUES  # noqa: F401  (tests import it from here)


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


@pytest.fixture
def broker(db):
    return UserFactory(role=Role.BROKER)


def api_client(user) -> Client:
    """A client that calls the API with a bearer token of `user`."""
    token = issue_api_token(username=user.username, password=PASSWORD)
    return Client(headers={"authorization": f"Bearer {token}"})
