"""Staff sign in with a password and a code from an authenticator app (等保 2.0 level 3: two kinds of proof
for administrators): the code page after the password, recovery codes, setting up an authenticator, and
a signed-in user who has not given the code reaching nothing else."""

import datetime as dt
import re

import pytest
import time_machine
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from innochallenge.audit.models import AuditEntry
from tests.accounts.two_factor_support import STAFF, code_of, give_authenticator, password_step
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def staff_use_two_factors(settings):
    settings.TWO_FACTOR_ROLES = STAFF


def _home_is_open(client) -> bool:
    response = client.get("/")
    return response.status_code == 200 and response.context["user"].is_verified()


def test_staff_password_alone_leads_to_the_code_page(client, liaison_of):
    liaison = liaison_of("xiangcheng")
    give_authenticator(liaison)

    response = password_step(client, liaison, next_url="/demands/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/two-factor/verify/?next=%2Fdemands%2F"
    page = client.get(response["Location"]).content.decode()
    assert "密码正确。请打开手机上的身份验证器应用" in page
    assert client.get("/demands/")["Location"].startswith("/accounts/two-factor/verify/")
    assert 'href="/demands/"' not in page  # the menu offers nothing before the code is given


def test_a_wrong_code_is_refused_then_throttled_and_the_right_code_signs_in(client, broker):
    device = give_authenticator(broker)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        password_step(client, broker, next_url="/demands/")

        wrong = client.post("/accounts/two-factor/verify/", {"code": "000000", "next": "/demands/"})
        assert wrong.status_code == 200
        assert "验证码错误或已过期" in wrong.content.decode()

        # django-otp's throttling: right after a failure even the right code waits.
        throttled = client.post(
            "/accounts/two-factor/verify/", {"code": code_of(device), "next": "/demands/"}
        )
        assert "验证码错误次数过多，请等待 1 秒后再试。" in throttled.content.decode()
        assert not _home_is_open(client)

        clock.shift(dt.timedelta(seconds=2))
        right = client.post("/accounts/two-factor/verify/", {"code": code_of(device), "next": "/demands/"})
        assert right.status_code == 302
        assert right["Location"] == "/demands/"
        assert _home_is_open(client)


def test_a_code_is_good_once(client, broker):
    device = give_authenticator(broker)
    with time_machine.travel(timezone.now(), tick=False):
        password_step(client, broker)
        code = code_of(device)
        assert client.post("/accounts/two-factor/verify/", {"code": code}).status_code == 302
        client.post("/accounts/logout/")
        password_step(client, broker)
        again = client.post("/accounts/two-factor/verify/", {"code": code})
    assert "验证码错误或已过期" in again.content.decode()


def test_a_recovery_code_signs_in_once(client, organiser):
    give_authenticator(organiser, recovery=("abcd2345", "efgh6723"))

    password_step(client, organiser)
    first = client.post("/accounts/two-factor/verify/", {"code": "ABCD 2345"})
    assert first.status_code == 302
    assert _home_is_open(client)
    assert AuditEntry.objects.filter(action="account.recovery_code_used", actor=organiser).count() == 1

    client.post("/accounts/logout/")
    password_step(client, organiser)
    second = client.post("/accounts/two-factor/verify/", {"code": "abcd2345"})
    assert "验证码错误或已过期" in second.content.decode()
    assert list(StaticToken.objects.filter(device__user=organiser).values_list("token", flat=True)) == [
        "efgh6723"
    ]


def test_staff_without_an_authenticator_sets_one_up_right_after_the_password(client):
    judge = UserFactory(role="judge")

    response = password_step(client, judge, next_url="/judging/")
    assert response["Location"] == "/accounts/two-factor/set-up/?next=%2Fjudging%2F"

    page = client.get(response["Location"])
    html = page.content.decode()
    assert re.search(r'<svg viewBox="[0-9 ]+" class="qr">', html)
    assert "style=" not in html and "<script>" not in html  # the CSP forbids inline style and script
    device = TOTPDevice.objects.get(user=judge, confirmed=False)
    secret = re.search(r"data-secret>([A-Z2-7 ]+)<", html).group(1).replace(" ", "")
    assert len(secret) == 32

    wrong = client.post(response["Location"], {"code": "123456", "next": "/judging/"})
    assert "验证码错误或已过期" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=judge, confirmed=True).exists()

    with time_machine.travel(timezone.now() + dt.timedelta(seconds=2), tick=False):
        done = client.post(response["Location"], {"code": code_of(device), "next": "/judging/"})
    html = done.content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", html)
    assert len(set(codes)) == 10
    assert "请妥善保存这些恢复码" in html
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert StaticToken.objects.filter(device__user=judge).count() == 10
    assert AuditEntry.objects.filter(action="account.two_factor_enrolled", actor=judge).exists()
    assert _home_is_open(client)


def test_a_signed_in_user_owing_the_code_reaches_only_the_two_factor_pages(client, broker):
    give_authenticator(broker)
    client.force_login(broker)

    assert client.get("/")["Location"] == "/accounts/two-factor/verify/?next=%2F"
    assert client.get("/demands/")["Location"].startswith("/accounts/two-factor/verify/")
    # His own security page (where recovery codes are made) waits for the code too.
    assert client.get("/accounts/two-factor/")["Location"].startswith("/accounts/two-factor/verify/")
    assert client.post("/accounts/two-factor/recovery-codes/").status_code == 302
    assert not StaticToken.objects.filter(device__user=broker).exists()

    api = client.get("/api/v1/demands")
    assert api.status_code == 403
    assert api.json() == {"detail": "请先完成第二因素验证（动态验证码）。", "errors": {}}

    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 200  # signed out: the public home


def test_the_password_alone_cannot_replace_an_authenticator(client, broker):
    device = give_authenticator(broker)
    password_step(client, broker)

    response = client.get("/accounts/two-factor/set-up/")

    assert response["Location"].startswith("/accounts/two-factor/verify/")
    assert list(TOTPDevice.objects.filter(user=broker)) == [device]


def test_an_enterprise_may_turn_two_factors_on_and_off(client, enterprise_user):
    assert password_step(client, enterprise_user)["Location"] == "/"  # off by default for enterprises
    status = client.get("/accounts/two-factor/").content.decode()
    assert "未开启：您仅凭密码登录。" in status

    client.get("/accounts/two-factor/set-up/")
    device = TOTPDevice.objects.get(user=enterprise_user)
    done = client.post("/accounts/two-factor/set-up/", {"code": code_of(device)})
    assert "请妥善保存" in done.content.decode()

    client.post("/accounts/logout/")
    assert password_step(client, enterprise_user)["Location"].startswith("/accounts/two-factor/verify/")
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=31), tick=False):
        assert client.post("/accounts/two-factor/verify/", {"code": code_of(device)}).status_code == 302
    assert "已开启" in client.get("/accounts/two-factor/").content.decode()

    client.post("/accounts/two-factor/off/")
    assert not TOTPDevice.objects.filter(user=enterprise_user).exists()
    home = client.get("/")  # nothing owed any more: the pages open without a code
    assert home.status_code == 200 and home.context["user"] == enterprise_user
    client.post("/accounts/logout/")
    assert password_step(client, enterprise_user)["Location"] == "/"
    assert AuditEntry.objects.filter(action="account.two_factor_turned_off", actor=enterprise_user).exists()


def test_a_role_that_requires_two_factors_cannot_turn_them_off(client, broker):
    device = give_authenticator(broker)
    password_step(client, broker)
    client.post("/accounts/two-factor/verify/", {"code": code_of(device)})

    response = client.post("/accounts/two-factor/off/", follow=True)

    assert "您的角色必须使用双因素登录，不能关闭。" in response.content.decode()
    assert TOTPDevice.objects.filter(user=broker).exists()


def test_new_recovery_codes_replace_the_old_ones(client, broker):
    device = give_authenticator(broker, recovery=("oldcode22",))
    password_step(client, broker)
    client.post("/accounts/two-factor/verify/", {"code": code_of(device)})

    html = client.post("/accounts/two-factor/recovery-codes/").content.decode()

    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", html)
    assert len(codes) == 10
    assert set(StaticToken.objects.filter(device__user=broker).values_list("token", flat=True)) == set(codes)


def test_the_roles_setting_decides_who_must(client, settings, liaison_of, organiser):
    settings.TWO_FACTOR_ROLES = ["organiser"]
    liaison = liaison_of("xiangcheng")

    assert password_step(client, liaison)["Location"] == "/"
    client.post("/accounts/logout/")
    assert password_step(client, organiser)["Location"].startswith("/accounts/two-factor/set-up/")


def test_the_roles_setting_refuses_an_unknown_role(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from innochallenge.accounts.enums import Role
    from innochallenge.envconf import env_choices
    from innochallenge.settings import ROLE_CODES

    assert set(Role.values) == ROLE_CODES
    monkeypatch.setenv("TWO_FACTOR_ROLES", "organiser,liason")
    with pytest.raises(ImproperlyConfigured, match="liason"):
        env_choices("TWO_FACTOR_ROLES", [], allowed=ROLE_CODES)
    monkeypatch.setenv("TWO_FACTOR_ROLES", "")
    assert env_choices("TWO_FACTOR_ROLES", ["judge"], allowed=ROLE_CODES) == []


def test_the_session_gets_a_new_key_with_the_second_factor(client, broker):
    device = give_authenticator(broker)
    password_step(client, broker)
    before = client.session.session_key

    client.post("/accounts/two-factor/verify/", {"code": code_of(device)})

    assert client.session.session_key != before
    assert _home_is_open(client)
