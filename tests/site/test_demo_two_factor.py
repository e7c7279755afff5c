"""The demo keeps `make run` usable with two factors on: its staff accounts share a published authenticator
key and the log-in page of a demo shows each one's current code."""

import re

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from innochallenge.site.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, set_up_demo
from tests.accounts.two_factor_support import STAFF, code_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, django_capture_on_commit_callbacks):
    settings.TWO_FACTOR_ROLES = STAFF
    with django_capture_on_commit_callbacks(execute=True):
        set_up_demo(today=timezone.localdate())


def test_demo_staff_sign_in_with_the_code_the_log_in_page_shows(client, settings, demo):
    settings.DEMO_MODE = True
    device = TOTPDevice.objects.get(user__username="liaison", confirmed=True)
    assert device.bin_key.hex() == "435ae11c0b591a620c8c74dd37a8982ba3324a72"  # DEMO_TOTP_SECRET
    assert DEMO_TOTP_SECRET == "INNOCHALLENGEDEMOTOTPKEYFORTESTS"

    page = client.get("/accounts/login/").content.decode()
    shown = dict(re.findall(r'data-demo-code="(\w+)">(\d{6})<', page))
    assert sorted(shown) == ["broker", "judge", "liaison", "organiser"]  # enterprise and provider need none
    assert shown["liaison"] == code_of(device)
    assert "所有演示账号的密码均为 demo-2021-pass" in page

    client.post("/accounts/login/", {"username": "liaison", "password": DEMO_PASSWORD})
    response = client.post("/accounts/two-factor/verify/", {"code": shown["liaison"]})
    assert response.status_code == 302
    assert client.get("/").context["user"].is_verified()


def test_outside_a_demo_no_code_is_shown(client, settings, demo):
    settings.DEMO_MODE = False

    page = client.get("/accounts/login/").content.decode()

    assert "data-demo-code" not in page


def test_a_demo_enterprise_signs_in_with_the_password_alone(client, demo):
    response = client.post("/accounts/login/", {"username": "enterprise", "password": DEMO_PASSWORD})

    assert response["Location"] == "/"
