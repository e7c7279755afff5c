"""API throttling with django-ninja's own throttles, at the rates of `THROTTLE_RATES`.

Two counts for every call: per client address (`api_address`, the address as accounts.throttling reads
it behind proxies) and per bearer token (`api_token`; a user's tokens are counted apart, as the token is
what a client holds). The rate is read at each request, so settings can change it without a restart
of the class; with `THROTTLE_ENABLED` off nothing is counted.
"""

import hashlib

from django.conf import settings
from ninja.throttling import AuthRateThrottle, SimpleRateThrottle

from innochallenge.accounts.throttling import client_ip


class _SettingsRate:
    scope: str

    def __init__(self):
        super().__init__(rate="1/s")  # a placeholder: allow_request reads the setting each time

    def get_ident(self, request):
        return client_ip(request)

    def allow_request(self, request) -> bool:
        if not settings.THROTTLE_ENABLED:
            return True
        self.num_requests, self.duration = self.parse_rate(settings.THROTTLE_RATES[self.scope])
        return super().allow_request(request)


class AddressThrottle(_SettingsRate, SimpleRateThrottle):
    scope = "api_address"

    def get_cache_key(self, request):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenThrottle(_SettingsRate, AuthRateThrottle):
    scope = "api_token"

    def get_cache_key(self, request):
        if getattr(request, "auth", None) is None:
            return None  # not signed in: the address count alone applies
        token = request.headers.get("Authorization", "").partition(" ")[2].strip()
        ident = hashlib.sha256(token.encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}
