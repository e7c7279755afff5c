"""The provider signatures reproduce the worked examples of the providers' own documentation.

Alibaba Cloud, "RPC API signature" (signature V2): AccessKeyId testid, secret testsecret, DescribeRegions,
Format XML, Version 2014-05-26, nonce 3ee8c1b8-…, 2016-02-23T12:46:24Z. The current page names the
parameter `Timestamp` and publishes OLeaidS1JvxuMvnyHOwuJ+uX5qY=; the older page (and copies of it on
developer.aliyun.com) spelled it `TimeStamp` and published CT9X0VtwR86fNWSnsc6v8YGOjuE=. Both must come out.

Tencent Cloud, "签名方法 v3": the CVM DescribeInstances POST of 1551113065 (2019-02-25) to
cvm.tencentcloudapi.com with SecretKey Gu5t9xGARNpq86cd98joQYCN3EXAMPLE, published signature 72e494ea….
"""

import datetime as dt
import hashlib
import json

from innochallenge.notifications.sms import parse_sms_url
from innochallenge.notifications.sms.aliyun import percent_encode, rpc_signature, string_to_sign
from innochallenge.notifications.sms.tencent import authorization, tc3_signature

ALIYUN_EXAMPLE = {
    "AccessKeyId": "testid",
    "Action": "DescribeRegions",
    "Format": "XML",
    "SignatureMethod": "HMAC-SHA1",
    "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
    "SignatureVersion": "1.0",
    "Timestamp": "2016-02-23T12:46:24Z",
    "Version": "2014-05-26",
}


def test_aliyun_string_to_sign_is_the_documented_one():
    assert string_to_sign(ALIYUN_EXAMPLE) == (
        "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML"
        "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"
        "%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
    )


def test_aliyun_signature_is_the_documented_one():
    assert rpc_signature(ALIYUN_EXAMPLE, "testsecret") == "OLeaidS1JvxuMvnyHOwuJ+uX5qY="


def test_aliyun_signature_of_the_older_page_spelling_timestamp_with_a_capital_s():
    older = {("TimeStamp" if key == "Timestamp" else key): value for key, value in ALIYUN_EXAMPLE.items()}
    assert rpc_signature(older, "testsecret") == "CT9X0VtwR86fNWSnsc6v8YGOjuE="


def test_aliyun_percent_encoding_escapes_what_urlencode_keeps_and_chinese_as_utf8():
    assert percent_encode("a b*c~d+e") == "a%20b%2Ac~d%2Be"
    assert percent_encode("挑战") == "%E6%8C%91%E6%88%98"


def test_aliyun_send_request_is_signed_over_all_its_parameters():
    backend = parse_sms_url(
        "aliyun://testid:testsecret@dysmsapi.aliyuncs.com?sign_name=挑战赛&template_default=SMS_1"
    )
    query = backend.signed_params(
        "139 1234 5678",
        "SMS_1",
        {"date": "5月20日"},
        now=dt.datetime(2021, 5, 12, 2, tzinfo=dt.UTC),
        nonce="n1",
    )
    signature = query.pop("Signature")
    assert signature == rpc_signature(query, "testsecret")
    assert query["PhoneNumbers"] == "13912345678"
    assert query["Timestamp"] == "2021-05-12T02:00:00Z"
    assert json.loads(query["TemplateParam"]) == {"date": "5月20日"}
    assert (query["Action"], query["Version"], query["SignName"]) == ("SendSms", "2017-05-25", "挑战赛")


TENCENT_PAYLOAD = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}'


def test_tencent_payload_hash_is_the_documented_one():
    assert hashlib.sha256(TENCENT_PAYLOAD.encode()).hexdigest() == (
        "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"
    )


def test_tencent_tc3_signature_is_the_documented_one():
    signature, scope = tc3_signature(
        secret_key="Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
        service="cvm",
        host="cvm.tencentcloudapi.com",
        payload=TENCENT_PAYLOAD,
        timestamp=1551113065,
    )
    assert scope == "2019-02-25/cvm/tc3_request"
    assert signature == "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
    assert authorization("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", signature, scope) == (
        "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, "
        "SignedHeaders=content-type;host, "
        "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
    )


def test_tencent_date_of_the_scope_is_utc_not_beijing():
    # 1551113065 is 2019-02-26 00:44 in Beijing: the documentation warns the scope must say 2019-02-25.
    _, scope = tc3_signature(secret_key="k", service="sms", host="h", payload="{}", timestamp=1551113065)
    assert scope.startswith("2019-02-25/")


def test_tencent_send_request_carries_the_sendsms_headers_and_a_matching_signature():
    backend = parse_sms_url(
        "tencent://AKIDx:secretkey@sms.tencentcloudapi.com?sdk_app_id=1400000001&sign_name=挑战赛&template_default=9"
    )
    headers, body = backend.request(
        "13912345678", "9", {"date": "5月20日", "name": "征集"}, timestamp=1620784800
    )
    assert json.loads(body) == {
        "PhoneNumberSet": ["+8613912345678"],
        "SmsSdkAppId": "1400000001",
        "SignName": "挑战赛",
        "TemplateId": "9",
        "TemplateParamSet": ["5月20日", "征集"],
    }
    signature, scope = tc3_signature(
        secret_key="secretkey",
        service="sms",
        host="sms.tencentcloudapi.com",
        payload=body,
        timestamp=1620784800,
    )
    assert headers["Authorization"] == authorization("AKIDx", signature, scope)
    assert (headers["X-TC-Action"], headers["X-TC-Version"]) == ("SendSms", "2021-01-11")
