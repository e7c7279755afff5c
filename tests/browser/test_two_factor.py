"""A district liaison's first sign-in with two factors, in a Chinese browser: after the password the site
leads to setting up an authenticator (QR code and the key in text), takes a first code, shows ten recovery
codes once; at the next sign-in it asks for the code, refuses a wrong one and lets the right one in. The
phone is played by the test: it computes the codes from the device's key (RFC 6238, django_otp.oath)."""

import base64
import datetime as dt

import pytest
import time_machine
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.accounts.two_factor_support import STAFF
from tests.factories.accounts import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _phone(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _password(page, url, username):
    page.goto(url + "/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form.stacked button[type=submit]").click()


def test_a_liaison_sets_up_an_authenticator_and_signs_in_with_its_code(
    page, live_server, settings, liaison_of
):
    settings.TWO_FACTOR_ROLES = STAFF
    liaison = liaison_of("xiangcheng")

    _password(page, live_server.url, liaison.username)
    expect(page.locator("main h1")).to_have_text("设置双因素登录")
    expect(page.locator(".two-factor-qr svg.qr")).to_be_visible()
    device = TOTPDevice.objects.get(user=liaison, confirmed=False)
    typed_key = page.locator("[data-secret]").inner_text().replace(" ", "")
    assert base64.b32decode(typed_key) == device.bin_key  # the key for manual entry is the device's

    page.get_by_label("验证码").fill(_phone(device))
    page.get_by_role("button", name="确认").click()
    expect(page.locator("main h1")).to_have_text("恢复码")
    expect(page.locator(".notice")).to_contain_text("请妥善保存")
    expect(page.locator("ol.recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="我已妥善保存，继续").click()
    expect(page.locator("main h1").first).to_contain_text("工作台")

    page.locator("header").get_by_role("button", name="退出").click()
    _password(page, live_server.url, liaison.username)
    expect(page.locator("main h1")).to_have_text("第二因素验证")
    page.get_by_label("验证码").fill("000000")
    page.get_by_role("button", name="验证并登录").click()
    expect(page.locator(".errorlist")).to_contain_text("验证码错误或已过期")

    # Half a minute later the phone shows a new code (the one used at the set-up counts only once), and
    # the wait after the wrong code is over.
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=31), tick=True):
        page.get_by_label("验证码").fill(_phone(device))
        page.get_by_role("button", name="验证并登录").click()
        expect(page.locator("main h1").first).to_contain_text("工作台")
        page.get_by_role("link", name=liaison.username).click()
        expect(page.locator(".two-factor-state")).to_contain_text("已开启")
    assert page.csp_violations == []
