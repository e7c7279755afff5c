"""A user sees where he is signed in and ends those sessions (等保 2.0 身份鉴别; ASVS 3.3.4); an optional
limit of one staff session; a password change or a deactivation ends every session and API token."""

import datetime as dt

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from innochallenge.accounts.models import ApiToken, SignIn
from innochallenge.accounts.services import issue_api_token
from innochallenge.accounts.signins import describe_client
from innochallenge.audit.models import AuditEntry
from tests.factories.accounts import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

CHROME_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 "
    "Safari/537.36"
)
WECHAT_ANDROID = (
    "Mozilla/5.0 (Linux; Android 13; V2227A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 "
    "Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5023 MMWEBSDK/20230202 MicroMessenger/8.0.33.2320"
)
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.2 Mobile/15E148 Safari/604.1"
)


def _browser(user, agent=CHROME_WINDOWS, address="203.0.113.7") -> Client:
    client = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="zh-hans")
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def _signed_in(client) -> bool:
    return client.get("/", follow=True).context["user"].is_authenticated


def test_the_sessions_page_lists_each_device_in_beijing_time_and_marks_this_one():
    user = UserFactory(role="enterprise")
    yesterday = (timezone.now() - dt.timedelta(days=1)).replace(hour=1, minute=30, tzinfo=dt.UTC)
    with time_machine.travel(yesterday, tick=False):
        phone = _browser(user, WECHAT_ANDROID, "198.51.100.4")
    laptop = _browser(user)
    page = laptop.get("/accounts/sessions/").content.decode()
    assert "Chrome 120 · Windows" in page
    assert "203.0.113.7" in page
    assert "微信 8 · Android" in page
    assert "198.51.100.4" in page
    assert f"{yesterday:%Y-%m-%d} 09:30" in page  # 01:30 UTC is 09:30 in Suzhou
    assert page.count("本设备") == 1
    assert page.index("本设备") < page.index("微信")  # this device was seen last: listed first
    assert _signed_in(phone)


def test_the_user_menu_links_the_sessions_page(enterprise_user):
    client = _browser(enterprise_user)
    assert 'href="/accounts/sessions/"' in client.get("/").content.decode()


def test_ending_one_session_signs_that_browser_out_and_tells_it_why():
    user = UserFactory(role="provider")
    phone, laptop = _browser(user, SAFARI_IPHONE), _browser(user)
    other = SignIn.objects.get(user=user, client="Safari 17 · iOS")

    laptop.post(f"/accounts/sessions/{other.pk}/end/")

    response = phone.get("/demands/", follow=True)
    assert response.redirect_chain[0][0].startswith("/accounts/login/?next=/demands/")
    assert "这个会话已在另一设备上结束" in response.content.decode()
    assert not _signed_in(phone)
    assert _signed_in(laptop)
    assert not Session.objects.filter(session_key=other.session_key).exists()
    assert AuditEntry.objects.filter(action="session.ended", object_id=str(user.pk)).count() == 1


def test_ending_all_other_sessions_keeps_this_one():
    user = UserFactory(role="enterprise")
    others = [_browser(user, SAFARI_IPHONE), _browser(user, WECHAT_ANDROID)]
    laptop = _browser(user)

    laptop.post("/accounts/sessions/end-others/")

    assert [_signed_in(c) for c in others] == [False, False]
    assert _signed_in(laptop)
    assert list(SignIn.objects.filter(user=user, ended_reason="").values_list("client", flat=True)) == [
        "Chrome 120 · Windows"
    ]
    entry = AuditEntry.objects.get(action="session.ended_others")
    assert entry.changes == {"sessions": 2}


def test_nobody_ends_another_users_session():
    owner, stranger = UserFactory(role="enterprise"), UserFactory(role="enterprise")
    owners = _browser(owner)
    row = SignIn.objects.get(user=owner)
    _browser(stranger).post(f"/accounts/sessions/{row.pk}/end/")
    assert _signed_in(owners)
    assert "/accounts/login/" in Client().get("/accounts/sessions/")["Location"]


def test_logging_out_forgets_the_session():
    user = UserFactory(role="enterprise")
    client = _browser(user)
    client.post("/accounts/logout/")
    assert not SignIn.objects.filter(user=user).exists()


def test_last_seen_is_written_at_most_once_a_minute():
    user = UserFactory(role="enterprise")
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = _browser(user)
        clock.shift(dt.timedelta(seconds=30))
        client.get("/")
        assert SignIn.objects.get(user=user).last_seen_at == start
        clock.shift(dt.timedelta(seconds=40))
        client.get("/")
        assert SignIn.objects.get(user=user).last_seen_at == start + dt.timedelta(seconds=70)


def test_one_staff_session_when_configured(settings):
    settings.STAFF_SINGLE_SESSION = True
    broker = UserFactory(role="broker")
    first = _browser(broker, SAFARI_IPHONE)
    second = _browser(broker)

    response = first.get("/demands/", follow=True)
    assert response.redirect_chain[0][0].startswith("/accounts/login/")
    assert "您的账号已在另一设备上登录" in response.content.decode()
    assert _signed_in(second)
    assert AuditEntry.objects.filter(action="session.ended_elsewhere").count() == 1


def test_enterprises_keep_several_sessions_under_the_staff_limit(settings):
    settings.STAFF_SINGLE_SESSION = True
    user = UserFactory(role="enterprise")
    first, second = _browser(user, SAFARI_IPHONE), _browser(user)
    assert _signed_in(first) and _signed_in(second)


def test_staff_keep_several_sessions_by_default():
    judge = UserFactory(role="judge")
    first, second = _browser(judge, SAFARI_IPHONE), _browser(judge)
    assert _signed_in(first) and _signed_in(second)


def _api(token: str) -> int:
    return Client().get("/api/v1/demands", headers={"authorization": f"Bearer {token}"}).status_code


def test_a_password_change_ends_every_session_and_deletes_every_token():
    user = UserFactory(role="organiser")
    browser = _browser(user)
    token = issue_api_token(username=user.username, password=PASSWORD)
    key = SignIn.objects.get(user=user).session_key

    user.set_password("another-Secret-42")
    user.save()

    assert not Session.objects.filter(session_key=key).exists()
    assert not ApiToken.objects.filter(user=user).exists()
    assert _api(token) == 401
    assert not _signed_in(browser)


def test_an_organiser_deactivating_a_user_in_the_admin_ends_his_sessions_and_tokens(organiser):
    user = UserFactory(role="broker")
    browser = _browser(user)
    token = issue_api_token(username=user.username, password=PASSWORD)
    key = SignIn.objects.get(user=user).session_key
    admin = Client()
    admin.force_login(organiser)
    page = admin.get(f"/admin/accounts/user/{user.pk}/change/")
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
    data |= {"district": "", "organisation": user.organisation_id, "last_login_0": "", "last_login_1": ""}
    joined = timezone.localtime(user.date_joined)
    data |= {"date_joined_0": joined.strftime("%Y-%m-%d"), "date_joined_1": joined.strftime("%H:%M:%S")}
    data.pop("is_active")
    for inline in page.context["inline_admin_formsets"]:  # the user's consents, shown read-only
        formset = inline.formset
        data |= {f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()}
    response = admin.post(f"/admin/accounts/user/{user.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    user.refresh_from_db()
    assert not user.is_active
    assert not Session.objects.filter(session_key=key).exists()  # at once, not at the next request
    assert not ApiToken.objects.filter(user=user).exists()
    assert _api(token) == 401
    assert not _signed_in(browser)
    assert AuditEntry.objects.filter(action="session.ended_deactivated", object_id=str(user.pk)).exists()


def test_an_expired_session_leaves_the_list():
    user = UserFactory(role="enterprise")
    old = _browser(user, SAFARI_IPHONE)
    laptop = _browser(user)
    Session.objects.filter(session_key=old.session.session_key).update(expire_date=timezone.now())
    page = laptop.get("/accounts/sessions/").content.decode()
    assert "Safari 17 · iOS" not in page
    assert SignIn.objects.filter(user=user).count() == 1


@pytest.mark.parametrize("others", [0, 4])
def test_the_sessions_page_costs_the_same_queries_for_one_or_five_sessions(others, django_assert_num_queries):
    user = UserFactory(role="enterprise")
    for _ in range(others):
        _browser(user, SAFARI_IPHONE)
    laptop = _browser(user)
    laptop.get("/accounts/sessions/")  # the first page may write the session once
    # The session, the user, the privacy notice's consent, the sign-in rows and the page's own reads.
    with django_assert_num_queries(9):
        assert laptop.get("/accounts/sessions/").status_code == 200


def test_changing_ones_own_password_keeps_this_session_and_ends_the_others():
    user = UserFactory(role="organiser")
    phone, laptop = _browser(user, SAFARI_IPHONE), _browser(user)
    new = "Another-secret-2026"
    response = laptop.post(
        "/admin/password_change/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert _signed_in(laptop)
    assert not _signed_in(phone)
    assert list(SignIn.objects.filter(user=user).values_list("client", flat=True)) == ["Chrome 120 · Windows"]


@pytest.mark.parametrize(
    ("agent", "shown"),
    [
        (
            "Mozilla/5.0 (Linux; U; Android 10; zh-cn; MI 9) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Version/4.0 Chrome/66.0 MQQBrowser/10.1 Mobile Safari/537.36",
            "QQ 浏览器 10 · Android",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 "
            "Safari/537.36 Edg/120.0",
            "Edge 120 · Windows",
        ),
        ("curl/8.0", "curl/8.0"),
    ],
)
def test_the_browser_is_named_as_people_know_it(agent, shown):
    assert describe_client(agent) == shown
