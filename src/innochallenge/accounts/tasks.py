from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from innochallenge.accounts.models import User


@task()
def task_send_verification_email(user_id: int, language: str) -> None:
    from innochallenge.accounts.services import verification_url  # noqa: PLC0415 - accounts.services queues these tasks: a cycle at load

    user = User.objects.get(pk=user_id)
    with translation.override(language):
        context = {"user": user, "url": verification_url(user)}
        subject = render_to_string("accounts/email/verify_subject.txt", context).strip()
        body = render_to_string("accounts/email/verify_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


RESET_SUBJECT = "accounts/email/password_reset_subject.txt"
RESET_BODY = "accounts/email/password_reset_body.txt"


@task()
def task_send_password_reset(user_id: int, language: str, domain: str, protocol: str) -> bool:
    """Write and send the password-reset mail. The link is made here, when the mail leaves, so no reset
    token waits in the task queue; a user who became inactive meanwhile gets nothing."""
    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None:
        return False
    context = {
        "user": user,
        "email": user.email,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "domain": domain,
        "site_name": domain,
        "protocol": protocol,
    }
    with translation.override(language):
        subject = "".join(render_to_string(RESET_SUBJECT, context).splitlines())
        body = render_to_string(RESET_BODY, context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return True
