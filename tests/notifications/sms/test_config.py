"""SMS_URL picks the backend; a wrong URL stops with a message naming the wrong part."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from innochallenge.notifications.sms import get_backend, parse_sms_url
from innochallenge.notifications.sms.aliyun import AliyunBackend
from innochallenge.notifications.sms.console import ConsoleBackend
from innochallenge.notifications.sms.gateway import GatewayBackend
from innochallenge.notifications.sms.tencent import TencentBackend


def test_default_sms_url_is_the_console(settings):
    assert settings.SMS_URL == "console://"
    assert isinstance(get_backend(), ConsoleBackend)


def test_gateway_url_keeps_its_own_query_and_reads_the_options(monkeypatch):
    monkeypatch.setenv("SMS_SECRET", "s3cret")
    backend = parse_sms_url(
        "https://sms.example.gov.cn/send?method=POST&format=form&secret_env=SMS_SECRET"
        "&phone_field=mobile&text_field=content&appid=suzhou&timeout=3"
    )
    assert isinstance(backend, GatewayBackend)
    assert backend.url == "https://sms.example.gov.cn/send?appid=suzhou"
    assert (backend.method, backend.body_format, backend.secret, backend.timeout) == (
        "POST",
        "form",
        "s3cret",
        3,
    )
    assert backend.fields == {"phone": "mobile", "text": "content", "kind": "kind", "params": "params"}


def test_aliyun_url_gives_keys_sign_name_and_templates_per_kind():
    backend = parse_sms_url(
        "aliyun://LTAIkey:se%2Fcret@dysmsapi.aliyuncs.com?sign_name=沪苏同城创新挑战赛"
        "&template_deadline=SMS_1&template_default=SMS_2"
    )
    assert isinstance(backend, AliyunBackend)
    assert (backend.key_id, backend.secret, backend.host) == ("LTAIkey", "se/cret", "dysmsapi.aliyuncs.com")
    assert backend.sign_name == "沪苏同城创新挑战赛"
    assert backend.templates == {"deadline": "SMS_1", "default": "SMS_2"}


def test_tencent_url_gives_app_sign_name_and_templates():
    backend = parse_sms_url(
        "tencent://AKIDx:keyy@sms.tencentcloudapi.com?sdk_app_id=1400000001&sign_name=挑战赛&template_deadline=123"
    )
    assert isinstance(backend, TencentBackend)
    assert (backend.secret_id, backend.secret_key, backend.app_id) == ("AKIDx", "keyy", "1400000001")
    assert backend.templates == {"deadline": "123"}
    assert backend.region == "ap-guangzhou"


@pytest.mark.parametrize(
    ("url", "names"),
    [
        ("smtp://x", "unknown scheme smtp://"),
        ("sms.example.gov.cn/send", "unknown scheme (none)"),
        ("console://?verbose=1", "unknown option(s) verbose"),
        ("https:///send", "host name is missing"),
        ("https://gw/send?format=xml", "format='xml'"),
        ("https://gw/send?method=PUT", "method='PUT'"),
        ("https://gw/send?secret_env=NO_SUCH_SMS_SECRET", "secret_env=NO_SUCH_SMS_SECRET"),
        ("https://gw/send?timeout=soon", "timeout='soon'"),
        ("aliyun://dysmsapi.aliyuncs.com?sign_name=a&template_x=SMS_1", "AccessKey ID is missing"),
        ("aliyun://id@dysmsapi.aliyuncs.com?sign_name=a&template_x=SMS_1", "AccessKey secret is missing"),
        ("aliyun://id:s@dysmsapi.aliyuncs.com?template_x=SMS_1", "'sign_name' is missing"),
        ("aliyun://id:s@dysmsapi.aliyuncs.com?sign_name=a", "no template_<kind>"),
        ("aliyun://id:s@dysmsapi.aliyuncs.com?sign_name=a&template_x=1&sign=b", "unknown option(s) sign"),
        ("tencent://id:k@sms.tencentcloudapi.com?sign_name=a&template_x=1", "'sdk_app_id' is missing"),
        (
            "tencent://id:k@sms.tencentcloudapi.com?sdk_app_id=1&sign_name=a&template_x=1&protocol=ftp",
            "protocol=",
        ),
        ("https://gw:port/send", "is not a URL"),
    ],
)
def test_a_wrong_sms_url_names_the_wrong_part(url, names):
    with pytest.raises(ImproperlyConfigured, match="SMS_URL") as caught:
        parse_sms_url(url)
    assert names in str(caught.value)


def test_the_error_for_a_bad_url_does_not_show_the_secret():
    with pytest.raises(ImproperlyConfigured) as caught:
        parse_sms_url("https://gw:p4ssw0rd@gw:port/send")
    assert "p4ssw0rd" not in str(caught.value)


def test_the_system_check_refuses_a_wrong_sms_url_and_quiet_hours(settings):
    from django.core.checks import run_checks

    settings.SMS_URL = "aliyun://id:s@dysmsapi.aliyuncs.com?template_x=SMS_1"
    settings.SMS_QUIET_HOURS = "night"
    found = {message.id: message.msg for message in run_checks() if message.id.startswith("sms.")}
    assert "'sign_name' is missing" in found["sms.E001"]
    assert "SMS_QUIET_HOURS" in found["sms.E002"]


def test_the_system_check_accepts_the_defaults():
    from django.core.checks import run_checks

    assert [message for message in run_checks() if message.id.startswith("sms.")] == []
