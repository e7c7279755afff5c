"""What every SMS backend promises the outbox, and the parsing of `SMS_URL` they share.

A backend answers `send()` with an `SmsResult`, or raises `SmsTransientError` (try again later: a timeout,
a 5xx, the provider throttling us) or `SmsPermanentError` (trying again cannot help: a bad number, an
unknown template, a refused signature). The outbox retries the first and records the second.
"""

import dataclasses
import re
from typing import Any
from urllib.parse import SplitResult, parse_qsl, unquote

from django.core.exceptions import ImproperlyConfigured


class SmsError(Exception):
    """A message that did not go out; `reason` is the provider's own words, for the organiser."""

    def __init__(self, reason: str, *, raw: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.raw = raw


class SmsTransientError(SmsError):
    """Sending may work later."""


class SmsPermanentError(SmsError):
    """Sending this message again will fail again."""


@dataclasses.dataclass(frozen=True)
class SmsResult:
    message_id: str
    raw: str = ""


class SmsBackend:
    """One configured way of sending; built once from `SMS_URL` by `get_backend()`."""

    def send(self, phone: str, text: str, *, kind: str = "", params: dict | None = None) -> SmsResult:
        raise NotImplementedError


_MAINLAND_MOBILE = re.compile(r"1[3-9]\d{9}")


def e164(phone: str) -> str:
    """+8613912345678 for a mainland mobile written with or without +86; other numbers as given."""
    digits = re.sub(r"[\s-]", "", phone)
    if digits.startswith("+"):
        return digits
    if digits.startswith("0086"):
        return "+" + digits[2:]
    if digits.startswith("86") and _MAINLAND_MOBILE.fullmatch(digits[2:]):
        return "+" + digits
    if _MAINLAND_MOBILE.fullmatch(digits):
        return "+86" + digits
    raise SmsPermanentError(f"not a phone number: {phone[:3]}…")


def national(phone: str) -> str:
    """13912345678 for a mainland mobile, the E.164 form for any other number."""
    full = e164(phone)
    return full[3:] if full.startswith("+86") else full


class Options:
    """The query options of an `SMS_URL`; every option read is ticked off so a typo can be refused."""

    def __init__(self, scheme: str, parts: SplitResult):
        self.scheme = scheme
        self._values: dict[str, str] = {}
        for key, value in parse_qsl(parts.query, keep_blank_values=True):
            if key in self._values:
                raise ImproperlyConfigured(f"SMS_URL ({scheme}://): option {key!r} is given twice")
            self._values[key] = value
        self._read: set[str] = set()

    def get(self, key: str, default: str | None = None, *, choices: tuple[str, ...] = ()) -> str:
        self._read.add(key)
        value = self._values.get(key, default)
        if value is None or value == "":
            raise ImproperlyConfigured(f"SMS_URL ({self.scheme}://): the option {key!r} is missing")
        if choices and value not in choices:
            raise ImproperlyConfigured(
                f"SMS_URL ({self.scheme}://): option {key}={value!r}, use one of {', '.join(choices)}"
            )
        return value

    def optional(self, key: str, default: str = "") -> str:
        """An option that may be empty (an empty `kind_field=` leaves that field out)."""
        self._read.add(key)
        return self._values.get(key, default)

    def number(self, key: str, default: float) -> float:
        raw = self.get(key, str(default))
        try:
            value = float(raw)
        except ValueError:
            value = 0.0
        if value <= 0:
            raise ImproperlyConfigured(
                f"SMS_URL ({self.scheme}://): option {key}={raw!r} is not a positive number"
            )
        return value

    def prefixed(self, prefix: str) -> dict[str, str]:
        """`template_<kind>=…` options as {kind: value}."""
        found = {key[len(prefix) :]: value for key, value in self._values.items() if key.startswith(prefix)}
        self._read.update(prefix + kind for kind in found)
        return found

    def rest(self) -> dict[str, str]:
        """The options no one has read (the generic gateway passes them on to the platform)."""
        return {key: value for key, value in self._values.items() if key not in self._read}

    def refuse_unknown(self) -> None:
        unknown = sorted(self.rest())
        if unknown:
            raise ImproperlyConfigured(f"SMS_URL ({self.scheme}://): unknown option(s) {', '.join(unknown)}")


def credentials(scheme: str, parts: SplitResult, *, user: str, password: str) -> tuple[str, str]:
    """The key pair written as `user:password@` (percent-encoded if it holds `/`, `+` or `@`)."""
    if not parts.username:
        raise ImproperlyConfigured(f"SMS_URL ({scheme}://): the {user} is missing before '@'")
    if not parts.password:
        raise ImproperlyConfigured(f"SMS_URL ({scheme}://): the {password} is missing after '{user}:'")
    return unquote(parts.username), unquote(parts.password)


def template_for(templates: dict[str, str], kind: str, scheme: str) -> str:
    template = templates.get(kind) or templates.get("default")
    if not template:
        raise SmsPermanentError(f"{scheme}: no template for the notice kind {kind!r} (add template_{kind}=…)")
    return template


def answer_text(response: Any, limit: int = 2000) -> str:
    return (response.text or "")[:limit]
