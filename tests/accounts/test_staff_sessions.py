"""Staff sessions end on their own (等保 2.0 level 3): after 30 minutes without a request and 12 hours after
signing in however busy; the next page asks to sign in again and says why. An enterprise's session is
not timed."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def _signed_in(client) -> bool:
    return client.get("/").context["user"].is_authenticated


def test_an_idle_staff_session_ends_and_the_page_says_why(client):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client.force_login(UserFactory(role="broker"))
        assert _signed_in(client)
        clock.shift(dt.timedelta(minutes=29))
        assert _signed_in(client)  # a request within the half hour keeps it alive
        clock.shift(dt.timedelta(minutes=31))
        response = client.get("/demands/", HTTP_ACCEPT_LANGUAGE="zh-hans", follow=True)
    assert response.redirect_chain[0][0].startswith("/accounts/login/?next=/demands/")
    assert "30 分钟未操作，您已退出登录" in response.content.decode()
    assert not _signed_in(client)


def test_a_busy_staff_session_still_ends_after_twelve_hours(client):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client.force_login(UserFactory(role="organiser"))
        for _ in range(12 * 3):  # a request every 20 minutes for twelve hours
            clock.shift(dt.timedelta(minutes=20))
            last = client.get("/")
        assert last.context["user"].is_authenticated
        clock.shift(dt.timedelta(minutes=20))
        assert client.get("/demands/").status_code == 302
    assert not _signed_in(client)


def test_an_enterprise_session_is_not_timed(client):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client.force_login(UserFactory(role="enterprise"))
        clock.shift(dt.timedelta(hours=3))
        assert _signed_in(client)


def test_signing_in_again_restarts_the_clock(client):
    user = UserFactory(role="liaison")
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client.force_login(user)
        clock.shift(dt.timedelta(hours=11, minutes=50))
        client.force_login(user)
        clock.shift(dt.timedelta(minutes=20))
        assert _signed_in(client)
