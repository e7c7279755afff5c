from django.test import Client

from innochallenge.accounts.services import issue_api_token
from tests.factories.accounts import PASSWORD
from tests.factories.demands import DESCRIPTION_50, FORM_VALUES  # noqa: F401  (tests import it from here)


def api_client(user) -> Client:
    """A client that calls the API with a bearer token of `user`."""
    token = issue_api_token(username=user.username, password=PASSWORD)
    return Client(headers={"authorization": f"Bearer {token}"})
