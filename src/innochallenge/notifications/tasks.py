from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from innochallenge.notifications.models import Notification


@task()
def task_email_notifications(ids: list[int]) -> int:
    """E-mail notifications not sent yet, in Chinese then English (we do not know who reads which)."""
    sent = 0
    for note in Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).select_related("recipient"):
        texts = []
        for language in ("zh-hans", "en"):
            with translation.override(language):
                texts.append((_("InnoChallenge notice"), note.text))
        url = settings.SITE_URL + note.url if note.url else ""
        subject = f"{texts[0][0]}: {texts[0][1]}"[:150]
        body = "\n\n".join(f"{text}\n{url}".strip() for _title, text in texts)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [note.recipient.email])
        Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent
