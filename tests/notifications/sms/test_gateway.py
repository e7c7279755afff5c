"""The generic gateway against a real HTTP server: bodies, the HMAC header, and which failures retry."""

import hashlib
import hmac
import json
import socket
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from innochallenge.notifications.sms import SmsPermanentError, SmsTransientError, parse_sms_url


def _expected_signature(secret: str, timestamp: str, body: bytes) -> str:
    # Written out here as the platform's side would: HMAC-SHA256 over timestamp then body, hex.
    return hmac.new(secret.encode(), timestamp.encode() + body, hashlib.sha256).hexdigest()


def test_json_body_with_named_fields_and_a_verified_signature(platform, monkeypatch):
    monkeypatch.setenv("SMS_SECRET", "shared-secret")
    backend = parse_sms_url(
        f"{platform.url}/send?format=json&secret_env=SMS_SECRET&phone_field=mobile&text_field=content&appid=sz"
    )
    platform.answer(200, {"code": 0, "msgid": "A123"})

    result = backend.send(
        "13912345678", "【挑战赛】请于5月20日前提交需求。", kind="deadline", params={"date": "5月20日"}
    )

    assert result.message_id == "A123"
    assert json.loads(result.raw) == {"code": 0, "msgid": "A123"}
    (request,) = platform.received
    assert request.method == "POST"
    assert urlsplit(request.path).path == "/send"
    assert parse_qs(urlsplit(request.path).query) == {"appid": ["sz"]}
    assert json.loads(request.body) == {
        "mobile": "13912345678",
        "content": "【挑战赛】请于5月20日前提交需求。",
        "kind": "deadline",
        "params": {"date": "5月20日"},
    }
    assert request.headers["Content-Type"].startswith("application/json")
    timestamp = request.headers["X-Timestamp"]
    assert abs(int(timestamp) - time.time()) < 60
    assert request.headers["X-Signature"] == _expected_signature("shared-secret", timestamp, request.body)


def test_form_body_and_no_signature_without_a_secret(platform):
    backend = parse_sms_url(f"{platform.url}/sms?format=form&phone_field=tel&kind_field=")
    platform.answer(200, {"id": 77})

    result = backend.send("13912345678", "【挑战赛】会议明天9:00开始。", kind="meeting")

    assert result.message_id == "77"
    (request,) = platform.received
    assert request.headers["Content-Type"].startswith("application/x-www-form-urlencoded")
    assert parse_qs(request.body.decode()) == {
        "tel": ["13912345678"],
        "text": ["【挑战赛】会议明天9:00开始。"],
    }
    assert "X-Signature" not in request.headers


def test_get_method_sends_the_fields_in_the_query_and_signs_it(platform, monkeypatch):
    monkeypatch.setenv("SMS_SECRET", "k")
    backend = parse_sms_url(f"{platform.url}/send?method=GET&secret_env=SMS_SECRET&appid=sz")

    backend.send("13912345678", "好", kind="x")

    (request,) = platform.received
    query = urlsplit(request.path).query
    assert parse_qs(query) == {"appid": ["sz"], "phone": ["13912345678"], "text": ["好"], "kind": ["x"]}
    signed = query.split("appid=sz&", 1)[1].encode()
    assert request.headers["X-Signature"] == _expected_signature("k", request.headers["X-Timestamp"], signed)


@pytest.mark.parametrize("status", [500, 502, 503, 429])
def test_server_errors_and_throttling_are_transient(platform, status):
    backend = parse_sms_url(f"{platform.url}/send")
    platform.answer(status, {"error": "busy"})
    with pytest.raises(SmsTransientError) as caught:
        backend.send("13912345678", "x")
    assert str(status) in caught.value.reason
    assert "busy" in caught.value.raw


@pytest.mark.parametrize("status", [301, 400, 403, 404, 422])
def test_refusals_are_permanent_with_the_platforms_reason(platform, status):
    backend = parse_sms_url(f"{platform.url}/send")
    platform.answer(status, {"error": "号码格式错误"})
    with pytest.raises(SmsPermanentError) as caught:
        backend.send("13912345678", "x")
    assert "号码格式错误" in caught.value.reason


def test_a_gateway_slower_than_the_timeout_is_transient(platform):
    backend = parse_sms_url(f"{platform.url}/send?timeout=0.2")
    platform.answer(200, {"id": 1}, delay=1.0)
    started = time.monotonic()
    with pytest.raises(SmsTransientError, match="Timeout"):
        backend.send("13912345678", "x")
    assert time.monotonic() - started < 0.9


def test_a_gateway_that_is_down_is_transient():
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    backend = parse_sms_url(f"http://127.0.0.1:{port}/send?timeout=1")
    with pytest.raises(SmsTransientError, match="unreachable"):
        backend.send("13912345678", "x")
