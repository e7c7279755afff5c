"""Tell the people concerned: an in-app notification each, and an e-mail sent by the task worker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone

from innochallenge.accounts.enums import Role
from innochallenge.notifications.models import Notification

if TYPE_CHECKING:
    from innochallenge.accounts.models import User

#: Who hears of what happened to a demand.
_TO_ENTERPRISE = {
    "demand.diagnosis_started",
    "demand.diagnosed.approve",
    "demand.diagnosed.revise",
    "demand.diagnosed.reject",
    "demand.diagnosed.long_term",
    "demand.edit_proposed",
    "demand.published",
    "demand.closed",
}
_TO_BROKER = {
    "demand.assigned",
    "demand.resubmitted",
    "demand.edit_accepted",
    "demand.edit_rejected",
    "demand.published",
    "demand.withdrawn",
}
_TO_LIAISON = {"demand.submitted"}


def notify(users, event: str, params: dict, url: str = "") -> list[Notification]:
    """One notification per distinct user; e-mails go out once the transaction has committed."""
    created = [
        Notification.objects.create(recipient=user, event=event, params=params, url=url)
        for user in {u.pk: u for u in users if u is not None and u.is_active}.values()
    ]
    ids = [n.pk for n in created if n.recipient.email]
    if ids:
        from innochallenge.notifications.tasks import task_email_notifications  # noqa: PLC0415 - notifications.tasks sends through these services: a cycle

        transaction.on_commit(lambda: task_email_notifications.enqueue(ids))
    return created


def recipients(demand, event: str) -> list:
    users: list = []
    User = get_user_model()
    if event in _TO_ENTERPRISE and demand.organisation_id:
        users += User.objects.filter(role=Role.ENTERPRISE, organisation_id=demand.organisation_id)
    assignment = getattr(demand, "assignment", None)
    if event in _TO_BROKER and assignment is not None:
        users.append(assignment.broker)
    if event in _TO_LIAISON and demand.district_id:
        users += User.objects.filter(role=Role.LIAISON, district_id=demand.district_id)
    return users


def notify_demand(demand, event: str, *, by: User | None = None, **extra) -> list[Notification]:
    """Notify everyone concerned by `event` on `demand`, except whoever did it."""
    params = {"reference": demand.reference, "title": demand.title, "reason": ""} | {
        k: formats.date_format(v, "DATE_FORMAT") if hasattr(v, "isoformat") else v for k, v in extra.items()
    }
    actor = getattr(by, "pk", None)
    users = [u for u in recipients(demand, event) if u.pk != actor]
    return notify(users, event, params, reverse("demands:detail", args=[demand.pk]))


def mark_read(user, ids: list[int] | None = None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
