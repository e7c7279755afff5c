"""A user makes, lists and revokes his own API tokens (the secret shown once, never listed); organisers list
and revoke anyone's in the admin, audited (ASVS 3.5; 等保 2.0 身份鉴别)."""

import re

import pytest
from django.test import Client

from innochallenge.accounts.models import ApiToken
from innochallenge.accounts.services import issue_api_token
from innochallenge.audit.models import AuditEntry
from tests.factories.accounts import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _signed_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(user)
    return client


def _api(token: str, path="/api/v1/demands", method="get") -> int:
    return getattr(Client(), method)(path, headers={"authorization": f"Bearer {token}"}).status_code


def test_a_token_made_on_the_page_is_shown_once_and_works(enterprise_user):
    client = _signed_in(enterprise_user)
    made = client.post("/accounts/tokens/", {"label": "月度报表脚本"})
    secret = re.search(r'<code class="secret">([^<]+)</code>', made.content.decode()).group(1)
    assert made["Cache-Control"] == "no-store"
    assert _api(secret) == 200

    listed = client.get("/accounts/tokens/").content.decode()
    assert "月度报表脚本" in listed
    assert secret not in listed
    assert "从未使用" not in listed  # it was used just now
    assert AuditEntry.objects.filter(action="api_token.created", object_id=str(enterprise_user.pk)).exists()


def test_revoking_a_token_on_the_page_stops_it_at_once(enterprise_user):
    secret = issue_api_token(username=enterprise_user.username, password=PASSWORD)
    token = ApiToken.objects.get(user=enterprise_user)
    _signed_in(enterprise_user).post(f"/accounts/tokens/{token.pk}/revoke/")
    assert _api(secret) == 401
    assert AuditEntry.objects.filter(action="api_token.revoked").count() == 1


def test_nobody_sees_or_revokes_another_users_token(enterprise_user):
    secret = issue_api_token(username=enterprise_user.username, password=PASSWORD)
    token = ApiToken.objects.get(user=enterprise_user)
    ApiToken.objects.filter(pk=token.pk).update(label="秘密脚本")
    stranger = _signed_in(UserFactory(role="enterprise"))
    assert "秘密脚本" not in stranger.get("/accounts/tokens/").content.decode()
    assert stranger.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    assert _api(secret) == 200
    assert Client().get("/accounts/tokens/").status_code == 302  # the public: to the log-in page


def test_the_api_lists_and_revokes_the_callers_own_tokens(enterprise_user):
    first = issue_api_token(username=enterprise_user.username, password=PASSWORD)
    second = issue_api_token(username=enterprise_user.username, password=PASSWORD)
    other = issue_api_token(username=UserFactory(role="provider").username, password=PASSWORD)
    listed = Client().get("/api/v1/auth/tokens", headers={"authorization": f"Bearer {first}"}).json()
    assert len(listed) == 2
    assert set(listed[0]) == {"id", "label", "created_at", "expires_at", "last_used_at"}
    other_id = ApiToken.objects.get(user__username__startswith="user", user__role="provider").pk
    assert _api(first, f"/api/v1/auth/tokens/{other_id}", "delete") == 404
    second_id = ApiToken.objects.get(digest=ApiToken.digest_of(second)).pk
    assert _api(first, f"/api/v1/auth/tokens/{second_id}", "delete") == 204
    assert _api(second) == 401
    assert _api(other) == 200
    assert Client().get("/api/v1/auth/tokens").status_code == 401


def test_an_organiser_revokes_anyones_token_in_the_admin(organiser, enterprise_user):
    secret = issue_api_token(username=enterprise_user.username, password=PASSWORD)
    token = ApiToken.objects.get(user=enterprise_user)
    admin = _signed_in(organiser)
    page = admin.get("/admin/accounts/apitoken/")
    assert page.status_code == 200
    assert enterprise_user.username in page.content.decode()
    assert token.digest not in page.content.decode()

    admin.post("/admin/accounts/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})

    assert _api(secret) == 401
    entry = AuditEntry.objects.get(action="api_token.revoked")
    assert entry.actor == organiser
    assert entry.object_id == str(enterprise_user.pk)


def test_only_organisers_open_the_token_admin(broker):
    assert _signed_in(broker).get("/admin/accounts/apitoken/").status_code in (302, 403)
