"""The privacy notice in both languages, and the consent that registration and intake now require."""

import pytest

from innochallenge.accounts.models import User
from innochallenge.demands.models import Demand
from innochallenge.privacy.models import Consent
from innochallenge.privacy.notice import current_version
from tests.demands.test_pages import post_form
from tests.factories.accounts import UserFactory

REGISTRATION = {
    "role": "enterprise",
    "organisation_name": "苏州恒新材料科技有限公司",
    "username": "hengxin",
    "email": "wang@hengxin.example.cn",
    "password1": "a-long-enough-pass-42",
    "password2": "a-long-enough-pass-42",
}
NEW = "/demands/new/?campaign=hs2021"


def test_notice_in_chinese_says_what_why_how_long_who_and_whom_to_contact(hs2021, client):
    html = client.get("/privacy/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "个人信息保护声明" in html and f"版本 {current_version()}" in html
    words_to_find = ("微信号", "回避声明", "为什么保存", "颁奖典礼结束", "后 3 年", "谁能看到", "撤回同意")
    for words in (*words_to_find, "苏州市科学技术局"):
        assert words in html, words


def test_notice_in_english_at_its_english_address(hs2021, client):
    response = client.get("/en/privacy/")
    html = response.content.decode()
    assert response.status_code == 200
    for words in ("Privacy Notice", "WeChat", "3 years after the award ceremony", "withdrawal of consent"):
        assert words in html, words
    assert "Suzhou Science and Technology Bureau" in html
    assert 'hreflang="zh-Hans"' in html  # the switch to the Chinese text


@pytest.mark.parametrize("path", ["/privacy/", "/en/privacy/"])
def test_the_notice_leads_to_the_erasure_request(hs2021, client, path):
    html = client.get(path, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'href="/retention/erasure/"' in html


def test_the_retention_years_come_from_the_preset(hs2021, client):
    hs2021.retention_years = 5
    hs2021.save(update_fields=["retention_years"])
    assert "5 years after the award ceremony" in client.get("/en/privacy/").content.decode()


def test_every_page_links_the_notice_in_its_footer(hs2021, client):
    assert 'href="/privacy/"' in client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'href="/en/privacy/"' in client.get("/en/catalog/").content.decode()


def test_registration_without_the_box_is_refused_in_chinese(db, client):
    response = client.post("/accounts/register/", REGISTRATION, HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = response.content.decode()
    assert "请勾选“我已阅读并同意《个人信息保护声明》”。" in html
    assert "我已阅读并同意《个人信息保护声明》" in html and 'href="/privacy/"' in html
    assert not User.objects.filter(username="hengxin").exists() and not Consent.objects.exists()


def test_registration_records_the_version_time_and_address(db, client, settings):
    settings.PRIVACY_NOTICE_VERSION = "2026.2"
    client.post("/accounts/register/", REGISTRATION | {"privacy_consent": "on"}, REMOTE_ADDR="10.1.2.3")
    user = User.objects.get(username="hengxin")
    consent = Consent.objects.get(user=user)
    assert (consent.notice_version, consent.context, consent.client_address) == (
        "2026.2",
        "registration",
        "10.1.2.3",
    )
    assert consent.accepted_at is not None


def test_a_refused_registration_saves_no_consent_either(db, client):
    UserFactory(username="hengxin")  # the user name is taken: the service is never reached
    before = Consent.objects.count()
    client.post("/accounts/register/", REGISTRATION | {"privacy_consent": "on"})
    assert Consent.objects.count() == before


def test_intake_without_the_box_saves_nothing_and_says_so_in_chinese(
    hs2021, enterprise_user, client, form_values, in_collection
):
    client.force_login(enterprise_user)
    data = {k: v for k, v in form_values.items() if v} | {"submit": "1"}  # the box left empty
    response = client.post(NEW, data)
    html = response.content.decode()
    assert response.status_code == 422
    assert "请勾选“我已阅读并同意《个人信息保护声明》”。" in html
    assert form_values["title"] in html  # nothing typed is lost
    assert not Demand.objects.exists()


@pytest.mark.parametrize("action", ["submit", "draft"])
def test_intake_records_the_consent_with_the_demand(
    hs2021, enterprise_user, client, form_values, in_collection, action
):
    client.force_login(enterprise_user)
    post_form(client, NEW, form_values, action=action)
    demand = Demand.objects.get()
    consent = Consent.objects.get(context="intake")
    expected = (enterprise_user, demand, current_version())
    assert (consent.user, consent.demand, consent.notice_version) == expected


def test_a_liaison_filing_a_paper_form_records_the_consent_with_the_demand(
    hs2021, liaison_of, client, form_values, in_collection
):
    liaison = liaison_of("xiangcheng")
    client.force_login(liaison)
    post_form(client, NEW, form_values)
    consent = Consent.objects.get(context="intake")
    assert (consent.user, consent.demand, consent.recorded_by) == (None, Demand.objects.get(), liaison)


def test_a_word_form_upload_needs_the_box_too(hs2021, enterprise_user, client, in_collection):
    from tests.demands.test_filed_once import word_file

    client.force_login(enterprise_user)
    url = "/demands/new/from-word/?campaign=hs2021"
    refused = client.post(url, {"file": word_file("a-checkboxes-fullwidth.docx")})
    assert "请勾选“我已阅读并同意《个人信息保护声明》”。" in refused.content.decode()
    assert not Demand.objects.exists()
    client.post(url, {"file": word_file("a-checkboxes-fullwidth.docx"), "privacy_consent": "on"})
    assert Consent.objects.get(context="intake").demand == Demand.objects.get()


def test_staff_see_a_users_consents_in_the_admin(db, organiser, client):
    person = UserFactory(username="wanglei")
    client.force_login(organiser)
    html = client.get(f"/admin/accounts/user/{person.pk}/change/").content.decode()
    assert current_version() in html
    listing = client.get("/admin/privacy/consent/")
    assert listing.status_code == 200 and "wanglei" in listing.content.decode()
