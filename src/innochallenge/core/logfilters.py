"""Personal data never reaches the log (等保 2.0: personal information protection).

`MaskPersonalData` sits on every log handler. It rewrites the finished message, and the traceback of an
error, so that mainland mobile numbers, e-mail addresses, ID card numbers and WeChat or QQ ids keep only
enough to tell two of them apart. `django.request` errors carry request data in their text, so they pass
through it too.
"""

import logging
import re

_MOBILE = re.compile(r"(?<![\d\w])(?:\+?86[ -]?)?(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?!\d)")
_ID_CARD = re.compile(r"(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?![\dXx])")
_EMAIL = re.compile(r"(?<![\w.+-])([\w.+-])[\w.+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
#: A WeChat or QQ id is any token after a label that says so: "微信：abc_123", "wechat=abc", "QQ 12345678".
_LABELLED_ID = re.compile(
    r"((?:微信号?|wechat|weixin|wx|qq)(?:[ _-]?id)?[\"']?\s*[:：=]?\s*[\"']?)([A-Za-z][\w-]{4,19}|\d{5,12})",
    re.IGNORECASE,
)
_WXID = re.compile(r"\bwxid_[A-Za-z0-9]{6,}")


def mask(text: str) -> str:
    """The text with every phone, e-mail, ID number and WeChat/QQ id masked."""
    text = _ID_CARD.sub(r"\1********\2", text)
    text = _MOBILE.sub(r"\1****\3", text)
    text = _EMAIL.sub(r"\1***@\2", text)
    text = _WXID.sub("wxid_***", text)
    return _LABELLED_ID.sub(r"\1***", text)


class MaskPersonalData(logging.Filter):
    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is the logging module's to report, not ours
            return True
        record.msg, record.args = mask(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        return True
