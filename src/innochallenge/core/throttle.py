"""Request throttling for pages, counted in the shared cache (Redis when `REDIS_URL` is set).

A fixed window per scope and caller: `cache.add` opens the window's counter, `cache.incr` counts (both
atomic in Redis, so every process sees one count). Over the scope's rate in `THROTTLE_RATES`, the page
answers 429 with `Retry-After` and a message in the reader's language. The API is throttled by
django-ninja's own throttles (api_throttle.py), reading the same rates.
"""

import functools
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import ngettext

from innochallenge.core.addresses import client_ip

_PERIODS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """'30/h' → (30, 3600); '5/10min' → (5, 600). Raises ValueError on anything else."""
    count, _, period = rate.partition("/")
    digits = "".join(ch for ch in period if ch.isdigit())
    unit = period[len(digits) :]
    if unit not in _PERIODS or not count.isdigit():
        raise ValueError(f"not a throttle rate: {rate!r}")
    return int(count), int(digits or 1) * _PERIODS[unit]


@dataclass(frozen=True)
class Count:
    count: int
    limit: int
    retry_after: int

    @property
    def exceeded(self) -> bool:
        return self.count > self.limit


def hit(scope: str, ident: str, *, rate: str | None = None) -> Count:
    """Count one request of `ident` in `scope`'s current window."""
    limit, period = parse_rate(rate or settings.THROTTLE_RATES[scope])
    now = time.time()
    window = int(now // period)
    key = f"throttle:{scope}:{ident}:{window}"
    cache.add(key, 0, timeout=period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # the window expired between add and incr
        cache.add(key, 1, timeout=period + 1)
        count = 1
    return Count(count=count, limit=limit, retry_after=max(1, math.ceil((window + 1) * period - now)))


def peek(scope: str, ident: str, *, period: int) -> int:
    """How many requests `ident` made in `scope`'s current window, without counting one."""
    return cache.get(f"throttle:{scope}:{ident}:{int(time.time() // period)}", 0)


def too_many_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Too many requests. Please try again in %(minutes)s minute.",
        "Too many requests. Please try again in %(minutes)s minutes.",
        minutes,
    ) % {"minutes": minutes}


def too_many_page(request: HttpRequest, retry_after: int) -> HttpResponse:
    response = render(request, "core/throttled.html", {"message": too_many_message(retry_after)}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def throttled(scope: str, *, methods=("POST",), recipient_field: str | None = None):
    """Throttle a view per client address in `scope`, counting only requests of `methods`.

    With `recipient_field`, the e-mail address posted in that field is also counted (scope
    `mail_recipient`), so no one floods a stranger's mailbox from many addresses.
    """

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if settings.THROTTLE_ENABLED and request.method in methods:
                counts = [hit(scope, client_ip(request))]
                recipient = request.POST.get(recipient_field, "").strip().lower() if recipient_field else ""
                if recipient:
                    counts.append(hit("mail_recipient", recipient))
                over = [c.retry_after for c in counts if c.exceeded]
                if over:
                    # A page in a language of its own (/en/catalog/) is refused in that language.
                    with translation.override(kwargs.get("lang") or translation.get_language()):
                        return too_many_page(request, max(over))
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
