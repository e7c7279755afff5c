"""An API token lives 90 days by default and dies earlier with what it stood for: a password changed or
reset in any way (the reset by e-mail included), or the user deactivated. Its last use is recorded."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from innochallenge.accounts.models import ApiToken
from innochallenge.accounts.services import issue_api_token
from tests.accounts.test_account_flows import link_in
from tests.factories.accounts import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _answers(token: str) -> int:
    return Client().get("/api/v1/demands", headers={"authorization": f"Bearer {token}"}).status_code


@pytest.fixture
def holder():
    return UserFactory(role="organiser", email="holder@example.test")


def test_a_token_lives_90_days_and_records_its_last_use(holder):
    token = issue_api_token(username=holder.username, password=PASSWORD)
    stored = ApiToken.objects.get(user=holder)
    assert abs(stored.expires_at - (timezone.now() + dt.timedelta(days=90))) < dt.timedelta(minutes=1)
    assert stored.last_used_at is None

    assert _answers(token) == 200
    stored.refresh_from_db()
    assert stored.last_used_at is not None


def test_a_changed_password_ends_every_earlier_token(holder):
    old = issue_api_token(username=holder.username, password=PASSWORD)
    holder.set_password("Another-Long-Pass-77")
    holder.save()

    assert _answers(old) == 401
    new = issue_api_token(username=holder.username, password="Another-Long-Pass-77")
    assert _answers(new) == 200


def test_a_password_reset_by_mail_ends_the_tokens(holder, client, django_capture_on_commit_callbacks):
    token = issue_api_token(username=holder.username, password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password-reset/", {"email": holder.email})
    form_page = client.get(link_in(mail.outbox[0]), follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Another-Long-Pass-77", "new_password2": "Another-Long-Pass-77"},
    )

    assert _answers(token) == 401


def test_a_deactivated_user_has_no_working_token(holder):
    token = issue_api_token(username=holder.username, password=PASSWORD)
    holder.is_active = False
    holder.save(update_fields=["is_active"])

    assert _answers(token) == 401
