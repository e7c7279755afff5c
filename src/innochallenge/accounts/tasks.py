from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from innochallenge.accounts.models import User


@task()
def task_send_verification_email(user_id: int, language: str) -> None:
    from innochallenge.accounts.services import verification_url

    user = User.objects.get(pk=user_id)
    with translation.override(language):
        context = {"user": user, "url": verification_url(user)}
        subject = render_to_string("accounts/email/verify_subject.txt", context).strip()
        body = render_to_string("accounts/email/verify_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
