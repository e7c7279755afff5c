"""Login throttling, password rules, CSRF, security headers and cookies, and masked logs."""

import io
import json
import logging
import os
import re
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import translation

from innochallenge.core.logfilters import MaskPersonalData, mask
from tests.factories.accounts import PASSWORD, UserFactory


@pytest.fixture
def throttled(settings):
    """Throttling on, as in production (the test settings turn it off for the rest of the suite)."""
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    return settings


def _log_in(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


# --- login throttling ----------------------------------------------------------------------------------


def test_login_locks_after_the_failure_limit_with_a_chinese_message(throttled, db):
    user = UserFactory(username="zhangsan")
    client = Client()

    answers = [_log_in(client, "zhangsan", "wrong-password").status_code for _ in range(3)]
    locked = _log_in(client, "zhangsan", PASSWORD)

    assert answers == [200, 200, 429]
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # The refused attempt during the lock counts too (and restarts the cool-off).
    assert AccessAttempt.objects.get(username=user.username).failures_since_start == 4


def test_lockout_speaks_english_to_an_english_reader(throttled, db):
    UserFactory(username="zhangsan")
    client = Client(headers={"accept-language": "en"})
    for _ in range(3):
        _log_in(client, "zhangsan", "wrong-password")

    response = _log_in(client, "zhangsan", "wrong-password")

    assert response.status_code == 429
    assert "Too many failed log-in attempts" in response.content.decode()


def test_lockout_is_per_user_name_and_address(throttled, db):
    UserFactory(username="zhangsan")
    UserFactory(username="lisi")
    for _ in range(3):
        _log_in(Client(), "zhangsan", "wrong-password")

    other_user = _log_in(Client(), "lisi", PASSWORD)
    other_address = _log_in(Client(REMOTE_ADDR="10.0.0.9"), "zhangsan", PASSWORD)

    assert other_user.status_code == 302
    assert other_address.status_code == 302


def test_a_successful_login_before_the_limit_resets_the_count(throttled, db):
    UserFactory(username="zhangsan")
    client = Client()
    for _ in range(2):
        _log_in(client, "zhangsan", "wrong-password")

    assert _log_in(client, "zhangsan", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="zhangsan").exists()


def test_api_token_endpoint_is_throttled_too(throttled, db):
    UserFactory(username="zhangsan")
    client = Client()

    def ask(password):
        body = json.dumps({"username": "zhangsan", "password": password})
        return client.post("/api/v1/auth/token", body, content_type="application/json")

    answers = [ask("wrong-password").status_code for _ in range(3)]
    locked = ask(PASSWORD)

    assert answers == [401, 401, 429]
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.json()["detail"]


def test_behind_a_proxy_the_address_is_the_one_the_proxy_recorded(throttled, db):
    from innochallenge.accounts.throttling import client_ip

    throttled.PROXY_COUNT = 1
    request = Client().get("/healthz").wsgi_request
    request.META.update(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")

    assert client_ip(request) == "203.0.113.7"


# --- password rules -------------------------------------------------------------------------------------

REGISTRATION = {
    "role": "provider",
    "organisation_name": "示例理工大学技术转移中心",
    "username": "solver",
    "email": "solver@example.test",
    "privacy_consent": "on",
}


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ab3-xyz", "密码太短，至少需要 10 个字符"),
        ("password123", "这个密码太常见了"),
        ("8402957163", "密码只包含数字"),
    ],
)
def test_registration_refuses_weak_passwords_in_chinese(db, client, password, message):
    response = client.post(
        "/accounts/register/", REGISTRATION | {"password1": password, "password2": password}
    )

    assert response.status_code == 200
    assert message in response.content.decode()


def test_password_reset_applies_the_same_rules(db, client):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = UserFactory()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    form = client.get(f"/accounts/reset/{uid}/{default_token_generator.make_token(user)}/", follow=True)
    response = client.post(form.redirect_chain[-1][0], {"new_password1": "12345", "new_password2": "12345"})

    assert response.status_code == 200
    assert "密码太短" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


# --- CSRF -----------------------------------------------------------------------------------------------


def test_a_post_without_the_csrf_token_is_refused(db):
    UserFactory(username="zhangsan")
    client = Client(enforce_csrf_checks=True)

    response = _log_in(client, "zhangsan", PASSWORD)

    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_a_post_with_the_csrf_token_gets_through(db):
    UserFactory(username="zhangsan")
    client = Client(enforce_csrf_checks=True)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', client.get("/accounts/login/").text)[1]

    response = client.post(
        "/accounts/login/", {"username": "zhangsan", "password": PASSWORD, "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302


# --- headers and cookies --------------------------------------------------------------------------------


def test_pages_carry_a_strict_content_security_policy(db, client):
    response = client.get("/accounts/login/")

    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if part.strip()
    )
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"


def test_pages_carry_the_security_headers(db, client):
    response = client.get("/accounts/login/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_https_deployment_makes_cookies_secure_and_sends_hsts(tmp_path):
    code = (
        "from innochallenge import settings as s; import json; print(json.dumps([s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT]))"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env |= {"VAR_DIR": str(tmp_path), "DEBUG": "0", "HTTPS": "1", "SECURE_HSTS_SECONDS": "600"}

    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)

    assert json.loads(result.stdout) == [True, True, True, 600, True], result.stderr


def test_secure_cookies_are_sent_with_the_secure_flag(db, settings):
    settings.DEBUG = False
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    UserFactory(username="zhangsan")
    client = Client()

    response = _log_in(client, "zhangsan", PASSWORD)

    assert response.cookies["sessionid"]["secure"] is True
    assert response.cookies["sessionid"]["httponly"] is True


# --- personal data in logs ------------------------------------------------------------------------------


def test_mask_hides_phones_e_mails_and_chat_ids():
    text = "联系人 13812345678 / +86 139-1234-5678, zhang.san@example.com, 微信：zhangsan_88, QQ 12345678"

    assert mask(text) == "联系人 138****5678 / 139****5678, z***@example.com, 微信：***, QQ ***"


def test_mask_leaves_ordinary_numbers_alone():
    text = "需求 2021-0042 预算 1200 万元，订单号 202105120001234"

    assert mask(text) == text


def test_log_records_come_out_masked(caplog):
    logger = logging.getLogger("innochallenge.test")
    record = logger.makeRecord(
        "innochallenge.test", logging.ERROR, __file__, 1, "signup %s <%s>", ("13812345678", "li@x.cn"), None
    )

    assert MaskPersonalData().filter(record)
    assert record.getMessage() == "signup 138****5678 <l***@x.cn>"


def test_request_errors_in_the_log_are_masked():
    """What django.request writes with a server error goes through the configured console handler."""
    [handler] = [
        h
        for h in logging.getLogger("django").handlers
        if isinstance(h, logging.StreamHandler) and any(isinstance(f, MaskPersonalData) for f in h.filters)
    ]
    out = io.StringIO()
    previous = handler.setStream(out)
    try:
        try:
            raise ValueError("bad contact_phone=13812345678 email=wang@corp.cn")
        except ValueError:
            logging.getLogger("django.request").exception(
                "Internal Server Error: /demands/?phone=13900001111"
            )
    finally:
        handler.setStream(previous)

    text = out.getvalue()
    assert "13812345678" not in text and "13900001111" not in text and "wang@corp.cn" not in text
    assert "138****5678" in text and "w***@corp.cn" in text and "ValueError" in text


def test_the_lockout_message_is_translated():
    with translation.override("zh-hans"):
        from innochallenge.accounts.throttling import cooloff_minutes

        assert cooloff_minutes() == 15
