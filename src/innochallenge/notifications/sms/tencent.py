"""`tencent://`: Tencent Cloud SMS, action SendSms of API 3.0 (2021-01-11), signed with TC3-HMAC-SHA256.

    tencent://SECRET_ID:SECRET_KEY@sms.tencentcloudapi.com?sdk_app_id=1400000000&sign_name=沪苏同城创新挑战赛
        &template_deadline=123456&template_default=654321&region=ap-guangzhou&timeout=10

Templates are registered with Tencent and take positional parameters: the notice's placeholders are sent
in the order the notice gives them. `protocol=http` talks plain HTTP (a test double or an intranet relay).
"""

import datetime as dt
import hashlib
import hmac
import json
import time

import requests
from django.core.exceptions import ImproperlyConfigured

from innochallenge.notifications.sms.base import (
    Options,
    SmsBackend,
    SmsPermanentError,
    SmsResult,
    SmsTransientError,
    answer_text,
    credentials,
    e164,
    template_for,
)

ALGORITHM = "TC3-HMAC-SHA256"
#: Error-code families that mean "later"; any other code (a bad number, an unapproved template or
#: signature, a wrong key) is permanent.
TRANSIENT_PREFIXES = ("RequestLimitExceeded", "InternalError", "LimitExceeded", "ResourceUnavailable")


def _hmac(key: bytes, message: str) -> bytes:
    return hmac.new(key, message.encode(), hashlib.sha256).digest()


def tc3_signature(
    *,
    secret_key: str,
    service: str,
    host: str,
    payload: str,
    timestamp: int,
    content_type: str = "application/json; charset=utf-8",
) -> tuple[str, str]:
    """(signature, credential scope) of a POST to `host` with `payload`, as the v3 method defines them."""
    canonical_request = "\n".join(
        [
            "POST",
            "/",
            "",
            f"content-type:{content_type}\nhost:{host}\n",
            "content-type;host",
            hashlib.sha256(payload.encode()).hexdigest(),
        ]
    )
    date = dt.datetime.fromtimestamp(timestamp, dt.UTC).strftime("%Y-%m-%d")
    scope = f"{date}/{service}/tc3_request"
    to_sign = "\n".join(
        [ALGORITHM, str(timestamp), scope, hashlib.sha256(canonical_request.encode()).hexdigest()]
    )
    key = _hmac(_hmac(_hmac(("TC3" + secret_key).encode(), date), service), "tc3_request")
    return hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest(), scope


def authorization(secret_id: str, signature: str, scope: str) -> str:
    return (
        f"{ALGORITHM} Credential={secret_id}/{scope}, SignedHeaders=content-type;host, Signature={signature}"
    )


class TencentBackend(SmsBackend):
    def __init__(
        self, *, secret_id, secret_key, host, protocol, app_id, sign_name, templates, region, timeout
    ):
        self.secret_id, self.secret_key, self.host, self.protocol = secret_id, secret_key, host, protocol
        self.app_id, self.sign_name, self.templates = app_id, sign_name, templates
        self.region, self.timeout = region, timeout

    @classmethod
    def from_url(cls, scheme, parts):
        secret_id, secret_key = credentials(scheme, parts, user="SecretId", password="SecretKey")
        if not parts.hostname:
            raise ImproperlyConfigured(
                f"SMS_URL ({scheme}://): the host (sms.tencentcloudapi.com) is missing"
            )
        options = Options(scheme, parts)
        backend = cls(
            secret_id=secret_id,
            secret_key=secret_key,
            host=parts.hostname + (f":{parts.port}" if parts.port else ""),
            protocol=options.get("protocol", "https", choices=("https", "http")),
            app_id=options.get("sdk_app_id"),
            sign_name=options.get("sign_name"),
            templates=options.prefixed("template_"),
            region=options.get("region", "ap-guangzhou"),
            timeout=options.number("timeout", 10),
        )
        if not backend.templates:
            raise ImproperlyConfigured(f"SMS_URL ({scheme}://): no template_<kind>=… option")
        options.refuse_unknown()
        return backend

    def request(self, phone: str, template: str, params: dict | None, *, timestamp=None) -> tuple[dict, str]:
        """(headers, body) of one SendSms call."""
        body = json.dumps(
            {
                "PhoneNumberSet": [e164(phone)],
                "SmsSdkAppId": self.app_id,
                "SignName": self.sign_name,
                "TemplateId": template,
                "TemplateParamSet": [str(value) for value in (params or {}).values()],
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        timestamp = int(time.time()) if timestamp is None else timestamp
        signature, scope = tc3_signature(
            secret_key=self.secret_key, service="sms", host=self.host, payload=body, timestamp=timestamp
        )
        headers = {
            "Authorization": authorization(self.secret_id, signature, scope),
            "Content-Type": "application/json; charset=utf-8",
            "Host": self.host,
            "X-TC-Action": "SendSms",
            "X-TC-Version": "2021-01-11",
            "X-TC-Timestamp": str(timestamp),
            "X-TC-Region": self.region,
        }
        return headers, body

    def send(self, phone: str, text: str, *, kind: str = "", params: dict | None = None) -> SmsResult:
        headers, body = self.request(phone, template_for(self.templates, kind, "tencent"), params)
        try:
            response = requests.post(
                f"{self.protocol}://{self.host}/", data=body.encode(), headers=headers, timeout=self.timeout
            )
        except (requests.Timeout, requests.ConnectionError) as exc:
            raise SmsTransientError(f"tencent unreachable: {type(exc).__name__}") from exc
        raw = answer_text(response)
        if response.status_code >= 500:
            raise SmsTransientError(f"tencent answered HTTP {response.status_code}", raw=raw)
        try:
            answer = response.json().get("Response", {})
        except (ValueError, AttributeError):
            raise SmsPermanentError(
                f"tencent: unreadable answer, HTTP {response.status_code}", raw=raw
            ) from None
        error = answer.get("Error") or {}
        statuses = answer.get("SendStatusSet") or [{}]
        code = error.get("Code") or statuses[0].get("Code", "")
        if not error and code == "Ok":
            return SmsResult(message_id=str(statuses[0].get("SerialNo", "")), raw=raw)
        reason = f"tencent {code}: {error.get('Message') or statuses[0].get('Message', '')}"
        if str(code).startswith(TRANSIENT_PREFIXES):
            raise SmsTransientError(reason, raw=raw)
        raise SmsPermanentError(reason, raw=raw)
