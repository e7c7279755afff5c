"""`http://` / `https://`: the bureau's own SMS platform, any gateway that takes a phone and a text.

    https://sms.example.gov.cn/send?method=POST&format=json&secret_env=SMS_SECRET&phone_field=mobile
        &text_field=content&timeout=10

Options (every other query item is passed on to the platform's URL unchanged):
  method       POST (default) or GET (the fields then travel in the query)
  format       json (default) or form, the body of a POST
  phone_field, text_field, kind_field, params_field
               the names the platform expects (default phone, text, kind, params); an empty
               kind_field or params_field leaves that field out
  secret_env   the environment variable holding the shared secret; with it every request carries
               `X-Timestamp` (Unix seconds) and `X-Signature` = hex HMAC-SHA256(secret, timestamp + body),
               the body being the exact bytes sent (the query string for GET)
  id_field     where the answer's JSON names the message id (default: message_id, msgid or id)
  timeout      seconds (default 10)
HTTP 5xx, 429, timeouts and refused connections are transient; any other 4xx, and a redirect (a wrong
URL; it is not followed), is permanent.
"""

import hashlib
import hmac
import json
import os
import time
from urllib.parse import urlencode, urlunsplit

import requests
from django.core.exceptions import ImproperlyConfigured

from innochallenge.notifications.sms.base import (
    Options,
    SmsBackend,
    SmsPermanentError,
    SmsResult,
    SmsTransientError,
    answer_text,
)


def gateway_signature(secret: str, timestamp: str, body: bytes) -> str:
    """What `X-Signature` carries; the platform recomputes it to know the request is ours and fresh."""
    return hmac.new(secret.encode(), timestamp.encode() + body, hashlib.sha256).hexdigest()


class GatewayBackend(SmsBackend):
    def __init__(self, *, url, method, body_format, fields, secret, id_field, timeout):
        self.url, self.method, self.body_format = url, method, body_format
        self.fields, self.secret, self.id_field, self.timeout = fields, secret, id_field, timeout

    @classmethod
    def from_url(cls, scheme, parts):
        if not parts.hostname:
            raise ImproperlyConfigured(f"SMS_URL ({scheme}://): the gateway's host name is missing")
        options = Options(scheme, parts)
        secret = ""
        secret_env = options.optional("secret_env")
        if secret_env:
            secret = os.environ.get(secret_env, "")
            if not secret:
                raise ImproperlyConfigured(
                    f"SMS_URL: secret_env={secret_env} names an empty or unset variable"
                )
        fields = {name: options.get(f"{name}_field", name) for name in ("phone", "text")}
        fields |= {name: options.optional(f"{name}_field", name) for name in ("kind", "params")}
        backend = cls(
            url="",
            method=options.get("method", "POST", choices=("POST", "GET")),
            body_format=options.get("format", "json", choices=("json", "form")),
            fields=fields,
            secret=secret,
            id_field=options.optional("id_field"),
            timeout=options.number("timeout", 10),
        )
        backend.url = urlunsplit((scheme, parts.netloc, parts.path or "/", urlencode(options.rest()), ""))
        return backend

    def _payload(self, phone, text, kind, params) -> dict:
        payload = {self.fields["phone"]: phone, self.fields["text"]: text}
        if self.fields["kind"]:
            payload[self.fields["kind"]] = kind
        if self.fields["params"] and params:
            payload[self.fields["params"]] = params
        return payload

    def send(self, phone: str, text: str, *, kind: str = "", params: dict | None = None) -> SmsResult:
        payload = self._payload(phone, text, kind, params)
        headers, url, body = {}, self.url, b""
        if self.method == "GET":
            flat = {
                k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v for k, v in payload.items()
            }
            query = urlencode(flat)
            url = f"{url}{'&' if '?' in url else '?'}{query}"
            signed = query.encode()
        elif self.body_format == "json":
            body = signed = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
            headers["Content-Type"] = "application/json; charset=utf-8"
        else:
            flat = {
                k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v for k, v in payload.items()
            }
            body = signed = urlencode(flat).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
        if self.secret:
            timestamp = str(int(time.time()))
            headers["X-Timestamp"] = timestamp
            headers["X-Signature"] = gateway_signature(self.secret, timestamp, signed)
        try:
            response = requests.request(
                self.method, url, data=body or None, headers=headers, timeout=self.timeout
            )
        except (requests.Timeout, requests.ConnectionError) as exc:
            raise SmsTransientError(f"gateway unreachable: {type(exc).__name__}") from exc
        raw = answer_text(response)
        if response.status_code >= 500 or response.status_code == 429:
            raise SmsTransientError(f"gateway answered HTTP {response.status_code}", raw=raw)
        if response.status_code >= 300:  # a redirect means a wrong URL: following it would resend the secret
            raise SmsPermanentError(
                f"gateway refused the message: HTTP {response.status_code} {raw[:200]}", raw=raw
            )
        return SmsResult(message_id=self._message_id(response), raw=raw)

    def _message_id(self, response) -> str:
        try:
            answer = response.json()
        except ValueError:
            return ""
        if not isinstance(answer, dict):
            return ""
        for key in [self.id_field] if self.id_field else ["message_id", "msgid", "id"]:
            if answer.get(key) not in (None, ""):
                return str(answer[key])
        return ""
