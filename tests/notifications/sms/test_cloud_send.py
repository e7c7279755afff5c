"""Alibaba and Tencent backends against a local server that answers in the providers' documented shapes
(`protocol=http` points them at it): success, throttling (retry) and refusals (record)."""

import json
from urllib.parse import parse_qsl, urlsplit

import pytest

from innochallenge.notifications.sms import SmsPermanentError, SmsTransientError, parse_sms_url
from innochallenge.notifications.sms.aliyun import rpc_signature
from innochallenge.notifications.sms.tencent import authorization, tc3_signature


def _aliyun(platform):
    host = urlsplit(platform.url).netloc
    return parse_sms_url(
        f"aliyun://testid:testsecret@{host}?protocol=http&sign_name=挑战赛&template_deadline=SMS_1&template_default=SMS_9"
    )


def test_aliyun_sends_the_kinds_template_signed_and_returns_the_biz_id(platform):
    platform.answer(200, {"Code": "OK", "Message": "OK", "BizId": "900619746936498440^0", "RequestId": "r"})

    result = _aliyun(platform).send("13912345678", "ignored", kind="deadline", params={"date": "5月20日"})

    assert result.message_id == "900619746936498440^0"
    (request,) = platform.received
    query = dict(parse_qsl(urlsplit(request.path).query))
    assert query["TemplateCode"] == "SMS_1"
    assert json.loads(query["TemplateParam"]) == {"date": "5月20日"}
    signature = query.pop("Signature")
    assert signature == rpc_signature(query, "testsecret")


def test_aliyun_uses_the_default_template_for_other_kinds(platform):
    platform.answer(200, {"Code": "OK", "BizId": "1"})
    _aliyun(platform).send("13912345678", "x", kind="meeting")
    assert dict(parse_qsl(urlsplit(platform.received[0].path).query))["TemplateCode"] == "SMS_9"


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        ((200, {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "触发分钟级流控"}), SmsTransientError),
        ((503, {"Code": "ServiceUnavailable", "Message": "busy"}), SmsTransientError),
        ((200, {"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "非法手机号"}), SmsPermanentError),
        ((200, {"Code": "isv.SMS_TEMPLATE_ILLEGAL", "Message": "模板不合法"}), SmsPermanentError),
        ((200, {"Code": "isv.SMS_SIGNATURE_ILLEGAL", "Message": "签名不合法"}), SmsPermanentError),
    ],
)
def test_aliyun_failures_are_sorted_into_retry_and_record(platform, answer, error):
    platform.answer(*answer)
    with pytest.raises(error) as caught:
        _aliyun(platform).send("13912345678", "x", kind="deadline")
    assert answer[1]["Code"] in caught.value.reason


def test_aliyun_kind_without_template_is_permanent_and_nothing_is_sent(platform):
    host = urlsplit(platform.url).netloc
    backend = parse_sms_url(f"aliyun://a:b@{host}?protocol=http&sign_name=x&template_deadline=SMS_1")
    with pytest.raises(SmsPermanentError, match="template_meeting"):
        backend.send("13912345678", "x", kind="meeting")
    assert platform.received == []


def _tencent(platform):
    host = urlsplit(platform.url).netloc
    return parse_sms_url(
        f"tencent://AKIDx:secretkey@{host}?protocol=http&sdk_app_id=1400000001&sign_name=挑战赛&template_default=9"
    )


def test_tencent_posts_a_signed_sendsms_and_returns_the_serial_number(platform):
    platform.answer(
        200, {"Response": {"SendStatusSet": [{"SerialNo": "2028:abc", "Code": "Ok"}], "RequestId": "r"}}
    )

    result = _tencent(platform).send("13912345678", "x", kind="deadline", params={"date": "5月20日"})

    assert result.message_id == "2028:abc"
    (request,) = platform.received
    host = urlsplit(platform.url).netloc
    signature, scope = tc3_signature(
        secret_key="secretkey",
        service="sms",
        host=host,
        payload=request.body.decode(),
        timestamp=int(request.headers["X-TC-Timestamp"]),
    )
    assert request.headers["Authorization"] == authorization("AKIDx", signature, scope)
    assert json.loads(request.body)["TemplateParamSet"] == ["5月20日"]


@pytest.mark.parametrize(
    ("response", "error"),
    [
        ({"Error": {"Code": "RequestLimitExceeded", "Message": "too fast"}}, SmsTransientError),
        ({"Error": {"Code": "InternalError.Timeout", "Message": "t"}}, SmsTransientError),
        (
            {"Error": {"Code": "FailedOperation.TemplateIncorrectOrUnapproved", "Message": "m"}},
            SmsPermanentError,
        ),
        ({"Error": {"Code": "AuthFailure.SignatureFailure", "Message": "m"}}, SmsPermanentError),
        (
            {"SendStatusSet": [{"Code": "InvalidParameterValue.IncorrectPhoneNumber", "Message": "m"}]},
            SmsPermanentError,
        ),
        (
            {"SendStatusSet": [{"Code": "LimitExceeded.PhoneNumberThirtySecondLimit", "Message": "m"}]},
            SmsTransientError,
        ),
    ],
)
def test_tencent_failures_are_sorted_into_retry_and_record(platform, response, error):
    platform.answer(200, {"Response": response | {"RequestId": "r"}})
    with pytest.raises(error):
        _tencent(platform).send("13912345678", "x")
