"""SMS: a backend chosen by `SMS_URL` (console, the bureau's own HTTP gateway, Alibaba Cloud, Tencent Cloud)
and the rules every text follows (the campaign's signature, quiet hours). The outbox calls `get_backend()`.
"""

from innochallenge.notifications.sms.base import (
    SmsBackend,
    SmsError,
    SmsPermanentError,
    SmsResult,
    SmsTransientError,
)
from innochallenge.notifications.sms.config import get_backend, parse_sms_url
from innochallenge.notifications.sms.text import in_quiet_hours, sms_signature, sms_text

__all__ = [
    "SmsBackend",
    "SmsError",
    "SmsPermanentError",
    "SmsResult",
    "SmsTransientError",
    "get_backend",
    "in_quiet_hours",
    "parse_sms_url",
    "sms_signature",
    "sms_text",
]
