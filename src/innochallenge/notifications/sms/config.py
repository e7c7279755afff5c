"""`SMS_URL` → a backend, like `EMAIL_URL` chooses the mail backend.

console://                                    the log (the default)
https://sms.example.gov.cn/send?format=json&secret_env=SMS_SECRET&phone_field=mobile
aliyun://KEY_ID:SECRET@dysmsapi.aliyuncs.com?sign_name=…&template_<kind>=SMS_123
tencent://SECRET_ID:SECRET_KEY@sms.tencentcloudapi.com?sdk_app_id=…&sign_name=…&template_<kind>=123
"""

import functools
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from innochallenge.notifications.sms.base import SmsBackend

_SCHEMES = {
    "console": "innochallenge.notifications.sms.console.ConsoleBackend",
    "http": "innochallenge.notifications.sms.gateway.GatewayBackend",
    "https": "innochallenge.notifications.sms.gateway.GatewayBackend",
    "aliyun": "innochallenge.notifications.sms.aliyun.AliyunBackend",
    "tencent": "innochallenge.notifications.sms.tencent.TencentBackend",
}


def parse_sms_url(url: str) -> SmsBackend:
    """The backend `url` describes; ImproperlyConfigured naming the wrong part otherwise."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018  (raises on a port that is not a number)
    except ValueError as exc:
        raise ImproperlyConfigured(f"SMS_URL={_safe(url)!r} is not a URL: {exc}") from exc
    scheme = parts.scheme.lower()
    if scheme not in _SCHEMES:
        raise ImproperlyConfigured(
            f"SMS_URL: unknown scheme {scheme + '://' if scheme else '(none)'}; "
            f"use one of {', '.join(s + '://' for s in _SCHEMES)}"
        )
    return import_string(_SCHEMES[scheme]).from_url(scheme, parts)


@functools.cache
def _cached(url: str) -> SmsBackend:
    return parse_sms_url(url)


def get_backend() -> SmsBackend:
    """The backend of `settings.SMS_URL`, built once per process and URL."""
    return _cached(getattr(settings, "SMS_URL", "console://"))


def _safe(url: str) -> str:
    """The URL without its password, for an error message that may reach the log."""
    head, at, tail = url.rpartition("@")
    return f"{head.split(':')[0]}:***@{tail}" if at and ":" in head.split("//")[-1] else url
