"""The second factor beyond the log-in page: the API token endpoint asks for it, the admin requires it, and
an organiser resets a colleague's (audited), who then sets up a new authenticator at the next sign-in."""

import datetime as dt

import pytest
import time_machine
from django.test import RequestFactory
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from innochallenge.accounts import two_factor
from innochallenge.audit.models import AuditEntry
from innochallenge.core.admin_site import InnoChallengeAdminSite
from tests.accounts.two_factor_support import (
    STAFF,
    code_of,
    give_authenticator,
    password_step,
    signed_in_with_code,
)
from tests.factories.accounts import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
TOKEN = "/api/v1/auth/token"


@pytest.fixture(autouse=True)
def staff_use_two_factors(settings):
    settings.TWO_FACTOR_ROLES = STAFF


def _token(client, user, **extra):
    body = {"username": user.username, "password": PASSWORD, **extra}
    return client.post(TOKEN, body, content_type="application/json")


def test_the_token_endpoint_asks_staff_for_the_code(client, broker):
    device = give_authenticator(broker)

    missing = _token(client, broker)
    assert missing.status_code == 401
    assert missing.json()["errors"] == {"otp": ["请在“otp”字段中填写身份验证器的 6 位验证码。"]}

    wrong = _token(client, broker, otp="000000")
    assert wrong.status_code == 401
    assert wrong.json()["errors"]["otp"] == ["验证码错误或已过期，请输入身份验证器当前显示的验证码。"]

    with time_machine.travel(timezone.now() + dt.timedelta(seconds=2), tick=False):
        right = _token(client, broker, otp=code_of(device))
    assert right.status_code == 200
    token = right.json()["token"]
    mine = client.get("/api/v1/demands", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert mine.status_code == 200


def test_the_token_endpoint_is_throttled_after_wrong_codes(client, broker):
    give_authenticator(broker)
    with time_machine.travel(timezone.now(), tick=False):
        _token(client, broker, otp="000000")
        again = _token(client, broker, otp="111111")
    assert again.status_code == 429
    assert again.json()["detail"] == "验证码错误次数过多，请等待 1 秒后再试。"


def test_staff_without_an_authenticator_sets_one_up_on_the_web_before_a_token(client, liaison_of):
    liaison = liaison_of("xiangcheng")

    response = _token(client, liaison, otp="123456")

    assert response.status_code == 401
    assert response.json()["detail"] == "请先在网站上登录一次并绑定身份验证器，再申请令牌。"


def test_an_enterprise_without_two_factors_gets_a_token_as_before(client, enterprise_user):
    response = _token(client, enterprise_user)

    assert response.status_code == 200
    assert response.json()["token"]


def test_the_admin_requires_the_second_factor(client, organiser):
    device = give_authenticator(organiser)
    password_step(client, organiser)

    assert client.get("/admin/")["Location"].startswith("/accounts/two-factor/verify/")
    # The admin site asks itself too, whatever the middleware in front of it does.
    request = RequestFactory().get("/admin/")
    request.user, request.session = organiser, client.session
    organiser.is_verified = lambda: False
    assert not InnoChallengeAdminSite().has_permission(request)

    client.post("/accounts/two-factor/verify/", {"code": code_of(device)})
    assert client.get("/admin/").status_code == 200


def test_an_organiser_resets_a_colleague_who_then_sets_up_again(client, organiser, broker):
    give_authenticator(broker, recovery=("abcd2345",))
    with time_machine.travel(timezone.now(), tick=False) as clock:
        signed_in_with_code(client, organiser, give_authenticator(organiser))

        response = client.post(
            "/admin/accounts/user/",
            {"action": "reset_second_factor", "_selected_action": [broker.pk]},
            follow=True,
        )
        assert "已重置 1 个账号的第二因素" in response.content.decode()
        assert not TOTPDevice.objects.filter(user=broker).exists()
        assert not StaticDevice.objects.filter(user=broker).exists()
        entry = AuditEntry.objects.get(action="account.two_factor_reset")
        assert (entry.actor, entry.object_id, entry.changes) == (
            organiser,
            str(broker.pk),
            {"two_factor": [True, False]},
        )

        client.post("/accounts/logout/")
        clock.shift(dt.timedelta(seconds=1))
        assert password_step(client, broker)["Location"].startswith("/accounts/two-factor/set-up/")


def test_a_reset_ends_the_colleagues_verified_session(client, broker):
    device = give_authenticator(broker)
    signed_in_with_code(client, broker, device)
    assert client.get("/").status_code == 200

    two_factor.reset_for(broker, by=UserFactory(role="organiser"))

    assert client.get("/")["Location"].startswith("/accounts/two-factor/set-up/")


def test_only_an_organiser_resets_a_second_factor(broker, liaison_of):
    give_authenticator(broker)

    with pytest.raises(two_factor.TwoFactorError):
        two_factor.reset_for(broker, by=liaison_of("xiangcheng"))

    assert TOTPDevice.objects.filter(user=broker).exists()
