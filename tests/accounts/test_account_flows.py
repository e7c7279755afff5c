"""Self-registration with e-mail verification, password reset by e-mail, API tokens."""

import re
import smtplib

import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from innochallenge.accounts.models import ApiToken, User
from tests.factories.accounts import PASSWORD, UserFactory

FORM = {
    "role": "provider",
    "organisation_name": "示例理工大学技术转移中心",
    "username": "solver",
    "email": "solver@example.test",
    "password1": "a-long-enough-pass-42",
    "password2": "a-long-enough-pass-42",
    "privacy_consent": "on",
}


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0).split("testserver", 1)[-1]


def register(client, capture):
    with capture(execute=True):  # the mail task is queued once the registration commits
        return client.post("/accounts/register/", FORM)


def test_registration_mails_a_link_that_activates_the_account(db, client, django_capture_on_commit_callbacks):
    register(client, django_capture_on_commit_callbacks)
    user = User.objects.get(username="solver")
    assert (user.is_active, user.email_verified, user.role) == (False, False, "provider")
    assert not client.login(username="solver", password=FORM["password1"])

    [message] = mail.outbox
    assert message.to == ["solver@example.test"]
    response = client.get(link_in(message))

    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    user.refresh_from_db()
    assert (user.is_active, user.email_verified) == (True, True)
    assert client.login(username="solver", password=FORM["password1"])


def test_a_tampered_or_expired_link_changes_nothing(db, client, settings, django_capture_on_commit_callbacks):
    register(client, django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    assert client.get(link[:-3] + "xyz/").status_code == 400
    with time_machine.travel(
        timezone.now() + timezone.timedelta(seconds=settings.EMAIL_VERIFICATION_MAX_AGE_S + 60)
    ):
        response = client.get(link)
    assert response.status_code == 400
    assert not User.objects.get(username="solver").is_active


def test_staff_roles_cannot_register_themselves(db, client):
    response = client.post("/accounts/register/", FORM | {"role": "organiser"})
    assert response.status_code == 200 and "role" in response.context["form"].errors
    assert not User.objects.filter(username="solver").exists()


def test_password_reset_by_mail(db, client, django_capture_on_commit_callbacks):
    user = UserFactory(email="reset@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password-reset/", {"email": "reset@example.test"})
    [message] = mail.outbox
    form_page = client.get(link_in(message), follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "another-long-pass-77", "new_password2": "another-long-pass-77"},
    )
    assert response.status_code == 302
    assert client.login(username=user.username, password="another-long-pass-77")


def test_api_token_answers_and_only_its_digest_is_stored(db, client):
    user = UserFactory()
    ok = client.post(
        "/api/v1/auth/token",
        {"username": user.username, "password": PASSWORD},
        content_type="application/json",
    )
    assert ok.status_code == 200
    token = ok.json()["token"]
    stored = ApiToken.objects.get(user=user)
    assert stored.digest == ApiToken.digest_of(token) and token not in stored.digest

    wrong = client.post(
        "/api/v1/auth/token", {"username": user.username, "password": "nope"}, content_type="application/json"
    )
    assert wrong.status_code == 401 and set(wrong.json()) == {"detail", "errors"}
    missing = client.post("/api/v1/auth/token", {"username": user.username}, content_type="application/json")
    assert missing.status_code == 422 and "password" in missing.json()["errors"]

    ApiToken.objects.filter(pk=stored.pk).update(expires_at=timezone.now() - timezone.timedelta(seconds=1))
    expired = client.get("/api/v1/demands", headers={"authorization": f"Bearer {token}"})
    assert expired.status_code == 401


class RelayDown(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("the relay hung up")


def test_a_failing_mail_relay_does_not_break_the_reset_page(
    db, client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.RelayDown"
    UserFactory(email="reset@example.test")
    with django_capture_on_commit_callbacks(execute=True) as queued:
        response = client.post("/accounts/password-reset/", {"email": "reset@example.test"})
    assert response.status_code == 302 and response["Location"] == "/accounts/password-reset/sent/"
    assert len(queued) == 1  # the mail went to the task worker, whose failure is its own
    assert mail.outbox == []


def test_the_reset_link_is_made_when_the_mail_leaves(db):
    from innochallenge.accounts.tasks import task_send_password_reset

    user = UserFactory(email="later@example.test")
    assert task_send_password_reset.call(user.pk, "en", "challenge.example.gov.cn", "https") is True
    [message] = mail.outbox
    assert message.to == ["later@example.test"]
    assert "https://challenge.example.gov.cn/accounts/reset/" in message.body
    user.is_active = False
    user.save()
    assert task_send_password_reset.call(user.pk, "en", "challenge.example.gov.cn", "https") is False
    assert len(mail.outbox) == 1
