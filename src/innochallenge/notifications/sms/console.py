"""`console://`: messages go to the log, the phone number masked; for development and demonstrations."""

import itertools
import logging

from innochallenge.core.logfilters import mask
from innochallenge.notifications.sms.base import Options, SmsBackend, SmsResult

logger = logging.getLogger("innochallenge.notifications.sms")
_counter = itertools.count(1)


class ConsoleBackend(SmsBackend):
    @classmethod
    def from_url(cls, scheme, parts):
        Options(scheme, parts).refuse_unknown()
        return cls()

    def send(self, phone: str, text: str, *, kind: str = "", params: dict | None = None) -> SmsResult:
        message_id = f"console-{next(_counter)}"
        line = mask(f"SMS {message_id} to {phone} ({kind or '-'}): {text}")
        logger.info("%s", line)
        return SmsResult(message_id=message_id, raw=line)
