"""After REGISTRATION_CAPTCHA_AFTER attempts from one address within the hour, the registration form
asks for the characters of a picture drawn by the site itself (django-simple-captcha, its own font):
no outside service, no inline script, and the picture is allowed by the site's CSP."""

import re

import pytest
from captcha.models import CaptchaStore
from django.core.cache import cache
from django.test import Client, override_settings

from innochallenge.accounts.models import User
from tests.accounts.test_account_flows import FORM

pytestmark = pytest.mark.django_db

KEY = re.compile(r'name="captcha_0" value="([0-9a-f]+)"')


@pytest.fixture(autouse=True)
def after_three():
    cache.clear()
    with override_settings(REGISTRATION_CAPTCHA_AFTER=3):
        yield
    cache.clear()


def _key(answer) -> str:
    return KEY.search(answer.content.decode()).group(1)


def _three_failed_attempts(client) -> list:
    return [client.post("/accounts/register/", FORM | {"password2": "differs"}) for _ in range(3)]


def test_the_captcha_appears_only_after_the_third_attempt():
    client = Client(REMOTE_ADDR="10.4.0.1")
    assert "captcha_1" not in client.get("/accounts/register/").content.decode()

    answers = _three_failed_attempts(client)

    assert ["captcha_1" in a.content.decode() for a in answers] == [False, False, True]
    assert "captcha_1" in client.get("/accounts/register/").content.decode()
    # another address still registers without one
    assert "captcha_1" not in Client(REMOTE_ADDR="10.4.0.2").get("/accounts/register/").content.decode()


def test_a_wrong_answer_is_a_field_error_in_chinese_and_nothing_is_registered():
    client = Client(REMOTE_ADDR="10.4.0.3")
    key = _key(_three_failed_attempts(client)[-1])

    answer = client.post("/accounts/register/", FORM | {"captcha_0": key, "captcha_1": "nope"})

    assert answer.status_code == 200
    assert "验证码不正确" in answer.content.decode()
    assert not User.objects.filter(username=FORM["username"]).exists()


def test_leaving_the_captcha_out_is_refused():
    client = Client(REMOTE_ADDR="10.4.0.4")
    _three_failed_attempts(client)

    answer = client.post("/accounts/register/", FORM)

    assert "请输入图片中的验证码" in answer.content.decode()
    assert not User.objects.filter(username=FORM["username"]).exists()


def test_the_right_answer_registers(django_capture_on_commit_callbacks):
    client = Client(REMOTE_ADDR="10.4.0.5")
    key = _key(_three_failed_attempts(client)[-1])
    solution = CaptchaStore.objects.get(hashkey=key).response

    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post("/accounts/register/", FORM | {"captcha_0": key, "captcha_1": solution.upper()})

    assert answer.status_code == 200
    assert User.objects.filter(username=FORM["username"], is_active=False).exists()


def test_the_picture_is_drawn_locally_and_the_page_keeps_its_csp():
    client = Client(REMOTE_ADDR="10.4.0.6")
    page = _three_failed_attempts(client)[-1]
    html = page.content.decode()
    src = re.search(r'<img src="([^"]+)"[^>]*class="captcha"', html).group(1)

    picture = client.get(src)

    assert src.startswith("/accounts/captcha/image/")
    assert picture.status_code == 200
    assert picture["Content-Type"] == "image/png"
    assert picture.content.startswith(b"\x89PNG")
    assert "script-src 'self'" in page["Content-Security-Policy"]
    assert "<script>" not in html and "style=" not in html
