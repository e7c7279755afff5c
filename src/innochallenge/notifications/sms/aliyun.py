"""`aliyun://`: Alibaba Cloud SMS (短信服务), action SendSms of its RPC API, signature V2 (HMAC-SHA1).

    aliyun://ACCESS_KEY_ID:ACCESS_KEY_SECRET@dysmsapi.aliyuncs.com?sign_name=沪苏同城创新挑战赛
        &template_deadline=SMS_123456&template_default=SMS_654321&region=cn-hangzhou&timeout=10

Alibaba sends only registered templates: each notice kind names its template (`template_<kind>`,
`template_default` for the rest) and the notice's placeholders travel as TemplateParam; the provider adds
the registered signature `sign_name`. `protocol=http` talks plain HTTP (a test double or an intranet relay).
"""

import base64
import datetime as dt
import hashlib
import hmac
import json
import uuid
from urllib.parse import quote

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
    national,
    template_for,
)

#: Codes that mean "later": throttling and the provider's own trouble. Any other code is permanent.
TRANSIENT_CODES = {
    "isv.BUSINESS_LIMIT_CONTROL",
    "Throttling",
    "Throttling.User",
    "ServiceUnavailable",
    "InternalError",
    "SignatureNonceUsed",
    "isp.RAM_PERMISSION_DENY_TEMP",
}


def percent_encode(value: str) -> str:
    """RFC 3986 as Alibaba documents it: only A-Z a-z 0-9 - _ . ~ stay as they are; UTF-8 bytes, %XX."""
    return quote(value, safe="-_.~")


def string_to_sign(params: dict[str, str], method: str = "GET") -> str:
    canonical = "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in sorted(params.items()))
    return f"{method}&{percent_encode('/')}&{percent_encode(canonical)}"


def rpc_signature(params: dict[str, str], access_key_secret: str, method: str = "GET") -> str:
    """Base64(HMAC-SHA1(secret + "&", StringToSign)) over the sorted, encoded parameters."""
    key = (access_key_secret + "&").encode()
    digest = hmac.new(key, string_to_sign(params, method).encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


class AliyunBackend(SmsBackend):
    def __init__(self, *, key_id, secret, host, protocol, sign_name, templates, region, timeout):
        self.key_id, self.secret, self.host, self.protocol = key_id, secret, host, protocol
        self.sign_name, self.templates, self.region, self.timeout = sign_name, templates, region, timeout

    @classmethod
    def from_url(cls, scheme, parts):
        key_id, secret = credentials(scheme, parts, user="AccessKey ID", password="AccessKey secret")
        options = Options(scheme, parts)
        backend = cls(
            key_id=key_id,
            secret=secret,
            host=parts.hostname + (f":{parts.port}" if parts.port else "") if parts.hostname else "",
            protocol=options.get("protocol", "https", choices=("https", "http")),
            sign_name=options.get("sign_name"),
            templates=options.prefixed("template_"),
            region=options.get("region", "cn-hangzhou"),
            timeout=options.number("timeout", 10),
        )
        if not backend.host:
            raise ImproperlyConfigured(f"SMS_URL ({scheme}://): the host (dysmsapi.aliyuncs.com) is missing")
        if not backend.templates:
            raise ImproperlyConfigured(f"SMS_URL ({scheme}://): no template_<kind>=SMS_… option")
        options.refuse_unknown()
        return backend

    def signed_params(self, phone: str, template: str, params: dict | None, *, now=None, nonce=None) -> dict:
        query = {
            "AccessKeyId": self.key_id,
            "Action": "SendSms",
            "Format": "JSON",
            "PhoneNumbers": national(phone),
            "RegionId": self.region,
            "SignName": self.sign_name,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": nonce or uuid.uuid4().hex,
            "SignatureVersion": "1.0",
            "TemplateCode": template,
            "Timestamp": (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": "2017-05-25",
        }
        if params:
            query["TemplateParam"] = json.dumps({k: str(v) for k, v in params.items()}, ensure_ascii=False)
        query["Signature"] = rpc_signature(query, self.secret)
        return query

    def send(self, phone: str, text: str, *, kind: str = "", params: dict | None = None) -> SmsResult:
        query = self.signed_params(phone, template_for(self.templates, kind, "aliyun"), params)
        encoded = "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in query.items())
        try:
            response = requests.get(f"{self.protocol}://{self.host}/?{encoded}", timeout=self.timeout)
        except (requests.Timeout, requests.ConnectionError) as exc:
            raise SmsTransientError(f"aliyun unreachable: {type(exc).__name__}") from exc
        raw = answer_text(response)
        try:
            answer = response.json()
        except ValueError:
            answer = {}
        code = str(answer.get("Code", "")) if isinstance(answer, dict) else ""
        if code == "OK":
            return SmsResult(message_id=str(answer.get("BizId", "")), raw=raw)
        if code:
            reason = f"aliyun {code}: {answer.get('Message', '')}"
        else:
            reason = f"aliyun HTTP {response.status_code}: {raw[:200]}"
        if (
            code in TRANSIENT_CODES
            or response.status_code >= 500
            or (not code and response.status_code == 429)
        ):
            raise SmsTransientError(reason, raw=raw)
        raise SmsPermanentError(reason, raw=raw)
