"""Every text carries the campaign's signature; nothing goes out in the quiet hours, Beijing time."""

import datetime as dt
import logging
import zoneinfo
from types import SimpleNamespace

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from innochallenge.notifications.sms import get_backend, in_quiet_hours, sms_signature, sms_text
from innochallenge.notifications.sms.text import quiet_hours

BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")


def test_signature_is_the_campaigns_chinese_name_in_brackets(hs2021):
    assert sms_signature(hs2021) == "【2021沪苏同城国际创新挑战赛】"


def test_text_starts_with_the_signature_and_is_never_signed_twice(hs2021):
    signed = sms_text(hs2021, "您的需求“高精度减速器”已通过审核。")
    assert signed == "【2021沪苏同城国际创新挑战赛】您的需求“高精度减速器”已通过审核。"
    assert sms_text(hs2021, signed) == signed


@pytest.mark.parametrize(
    ("beijing", "quiet"),
    [
        ((2021, 5, 12, 21, 59), False),
        ((2021, 5, 12, 22, 0), True),
        ((2021, 5, 13, 3, 0), True),
        ((2021, 5, 13, 7, 59), True),
        ((2021, 5, 13, 8, 0), False),
        ((2021, 5, 13, 12, 0), False),
    ],
)
def test_quiet_hours_are_read_on_beijing_time(beijing, quiet):
    campaign = SimpleNamespace(name="挑战赛")
    when = dt.datetime(*beijing, tzinfo=BEIJING)
    assert in_quiet_hours(campaign, when) is quiet
    # The same instant written in UTC (14:00 UTC is 22:00 in Beijing) gives the same answer.
    assert in_quiet_hours(campaign, when.astimezone(dt.UTC)) is quiet


def test_quiet_hours_now_follow_the_clock(hs2021):
    with time_machine.travel(dt.datetime(2021, 5, 12, 14, 30, tzinfo=dt.UTC), tick=False):  # 22:30 Beijing
        assert in_quiet_hours(hs2021, timezone.now())
    with time_machine.travel(dt.datetime(2021, 5, 12, 1, 30, tzinfo=dt.UTC), tick=False):  # 09:30 Beijing
        assert not in_quiet_hours(hs2021, timezone.now())


def test_quiet_hours_are_configurable_and_can_be_turned_off(settings):
    campaign = SimpleNamespace(name="挑战赛")
    nine_pm = dt.datetime(2021, 5, 12, 21, 30, tzinfo=BEIJING)
    settings.SMS_QUIET_HOURS = "21-7"
    assert in_quiet_hours(campaign, nine_pm)
    settings.SMS_QUIET_HOURS = "12-14"  # a lunch break, within one day
    assert in_quiet_hours(campaign, nine_pm.replace(hour=13))
    assert not in_quiet_hours(campaign, nine_pm)
    settings.SMS_QUIET_HOURS = ""
    assert not in_quiet_hours(campaign, nine_pm.replace(hour=23))


@pytest.mark.parametrize("value", ["22:00-08:00", "night", "25-8"])
def test_a_wrong_quiet_hours_setting_is_refused(value):
    with pytest.raises(ImproperlyConfigured, match="SMS_QUIET_HOURS"):
        quiet_hours(value)


def test_console_backend_logs_the_message_with_the_phone_masked(caplog):
    with caplog.at_level(logging.INFO, logger="innochallenge.notifications.sms"):
        result = get_backend().send("13912345678", "【挑战赛】请查收通知。", kind="deadline")
    assert result.message_id.startswith("console-")
    (record,) = [r for r in caplog.records if r.name == "innochallenge.notifications.sms"]
    message = record.getMessage()
    assert "139****5678" in message
    assert "13912345678" not in message
    assert "【挑战赛】请查收通知。" in message
    assert result.message_id in message
