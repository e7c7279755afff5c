"""What every SMS text obeys: it carries the campaign's signature and waits out the night.

The signature 【…】 is the campaign's Chinese name without spaces (【2021沪苏同城国际创新挑战赛】): the
recipient knows who writes before reading on. Alibaba and Tencent add their registered signature
(`sign_name`) themselves; the text is for the console and the bureau's own gateway.
"""

import datetime as dt
import re
import zoneinfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

_SPACE = re.compile(r"\s+")


def sms_signature(campaign) -> str:
    name = _SPACE.sub("", campaign.name).strip("【】[]")
    return f"【{name}】"


def sms_text(campaign, body: str) -> str:
    """`body` signed for `campaign`, the signature first as Chinese SMS custom has it; never signed twice."""
    signature = sms_signature(campaign)
    body = body.strip()
    if body.startswith(signature) or body.endswith(signature):
        return body
    return signature + body


def quiet_hours(value: str | None = None) -> tuple[int, int]:
    """`"22-8"` → (22, 8): from 22:00 to 08:00 no SMS goes out. `"0-0"` or empty: never quiet."""
    raw = (settings.SMS_QUIET_HOURS if value is None else value).strip()
    if not raw:
        return (0, 0)
    match = re.fullmatch(r"(\d{1,2})\s*-\s*(\d{1,2})", raw)
    if not match or not all(0 <= int(h) <= 24 for h in match.groups()):
        raise ImproperlyConfigured(f"SMS_QUIET_HOURS={raw!r}: write the hours as start-end, e.g. 22-8")
    return int(match[1]) % 24, int(match[2]) % 24


def campaign_zone(campaign) -> zoneinfo.ZoneInfo:
    """The campaign's time zone: its own if it ever gets one, the site's (Asia/Shanghai) until then."""
    return zoneinfo.ZoneInfo(getattr(campaign, "time_zone", "") or settings.TIME_ZONE)


def in_quiet_hours(campaign, when: dt.datetime) -> bool:
    """Whether `when` (an aware time) falls in the quiet hours, read on the campaign's clock."""
    start, end = quiet_hours()
    if start == end:
        return False
    hour = when.astimezone(campaign_zone(campaign)).hour
    if start < end:
        return start <= hour < end
    return hour >= start or hour < end
