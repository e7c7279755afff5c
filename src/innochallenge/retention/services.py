"""Erasure of a person's personal information once no campaign keeps it (PIPL art. 47).

What is erased, field by field (the `*_FIELDS` below): the account's names, e-mail, phone and user name (the
account is deactivated, its password made unusable, its API tokens deleted); the contact person, phone,
e-mail and title of the demands the person filed or that name the person's e-mail, and the Word form's
file name; the provider profile's contact when it is the person's e-mail; a judge's declaration (works
for, past employers, relations); the contact of the financing-meeting registrations they made or that
carry their e-mail. Their notifications are deleted (entries in `items` with no fields: whole rows). The
log-in logs (django-axes) keep time and address, as security logs must, under the new user name. The
audit entries about those rows and those the person wrote keep their digests but lose the values
(`audit.services.erase_entries`).

Files: the Word or Excel files of an import are deleted by the import itself; any left by an import the
person started are deleted here. Solution attachments and contract evidence are kept: they are the
organisation's records of the campaign (and the evidence of subsidies paid), not the person's.
"""

import shutil
from pathlib import Path

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from innochallenge.accounts.models import ApiToken, User
from innochallenge.audit import services as audit
from innochallenge.audit.models import ERASED_TEXT, AuditEntry, labels_of
from innochallenge.demands.models import Demand
from innochallenge.jobs.models import Job
from innochallenge.judging.models import JudgeProfile
from innochallenge.notifications.models import Notification
from innochallenge.reports.models import FinancingRegistration
from innochallenge.retention import campaigns
from innochallenge.retention.enums import RequestState, Trigger
from innochallenge.retention.models import Erasure, ErasureRequest
from innochallenge.retention.queries import data_kept_until
from innochallenge.solutions.models import ProviderProfile

#: Per model, the personal fields and what they read afterwards.
DEMAND_FIELDS = {
    "contact_name": ERASED_TEXT,
    "contact_phone": "",
    "contact_email": "",
    "contact_title": "",
    "source_file": "",
}
PROFILE_FIELDS = {"contact_name": ERASED_TEXT, "contact_email": "", "contact_phone": ""}
JUDGE_FIELDS = {"affiliation": ERASED_TEXT, "past_employers": "", "relations": ""}
FINANCING_FIELDS = {"contact_name": ERASED_TEXT, "contact_phone": "", "contact_email": ""}
USER_FIELDS = ["username", "first_name", "last_name", "email", "phone"]
#: Where imports keep their uploaded files until the worker has read them (demands.jobs, matching.jobs).
UPLOAD_FOLDERS = ["demands", "achievements"]


class NotYetError(Exception):
    """A campaign still keeps the person's data."""


def request_erasure(user: User) -> ErasureRequest:
    """Record the person's request (once: asking again returns the pending one), audited."""
    with transaction.atomic():
        pending = ErasureRequest.objects.select_for_update().filter(user=user, state=RequestState.PENDING)
        if existing := pending.first():
            return existing
        req = ErasureRequest.objects.create(user=user, kept_until=data_kept_until(user))
        audit.record(actor=user, action="retention.requested", obj=req)
    return req


def may_erase_now(req: ErasureRequest, today=None) -> bool:
    """True once no campaign keeps the person's data. Recomputed, as the person may have taken part in a
    campaign since asking; the request's `kept_until` is brought up to date on the way."""
    until = data_kept_until(req.user)
    if until != req.kept_until:
        req.kept_until = until
        req.save(update_fields=["kept_until"])
    return until is None or (today or timezone.localdate()) > until


def erase_expired(*, dry_run: bool = False, today=None) -> tuple[list, list[ErasureRequest]]:
    """Erase the contact data of every campaign past its retention period, then every pending request
    no campaign keeps any more; (campaigns due, requests due), erased unless `dry_run`. Run daily by
    `innochallenge erase-expired`."""
    expired = campaigns.expired_campaigns(today)
    due = [
        r
        for r in ErasureRequest.objects.filter(state=RequestState.PENDING).select_related("user")
        if may_erase_now(r, today)
    ]
    if not dry_run:
        for campaign in expired:
            campaigns.erase_campaign(campaign)
        for req in due:
            erase_person(req, trigger=Trigger.SWEEP)
    return expired, due


def erase_now(req: ErasureRequest, *, by: User) -> Erasure:
    """An organiser erasing at once; refused while a campaign keeps the data."""
    if not may_erase_now(req):
        raise NotYetError
    return erase_person(req, trigger=Trigger.ORGANISER, by=by)


def erase_person(req: ErasureRequest, *, trigger: str, by: User | None = None) -> Erasure:
    """Erase the request's person: personal fields, leftover uploads, audit values; deactivate."""
    with transaction.atomic():
        req = ErasureRequest.objects.select_for_update().select_related("user").get(pk=req.pk)
        user = req.user
        items: list[dict] = []
        touched: list[tuple[str, list[int]]] = []

        demands = Demand.objects.filter(Q(created_by=user) | _email_q("contact_email", user.email))
        touched += _erase(items, demands, DEMAND_FIELDS)
        profiles = ProviderProfile.objects.filter(_email_q("contact_email", user.email))
        touched += _erase(items, profiles, PROFILE_FIELDS)
        touched += _erase(items, JudgeProfile.objects.filter(user=user), JUDGE_FIELDS)
        financing = FinancingRegistration.objects.filter(
            Q(registered_by=user) | _email_q("contact_email", user.email)
        )
        touched += _erase(items, financing, FINANCING_FIELDS)
        notes = Notification.objects.filter(recipient=user)
        if count := notes.count():
            notes.delete()
            items.append({"model": "notifications.notification", "fields": [], "count": count})
        _rename_in_login_logs(user.username, f"erased-{user.pk}")

        folders, files = _leftover_uploads(user)

        # Files cannot be rolled back: they go once the erasure is committed.
        def remove_folders() -> None:
            for folder in folders:
                shutil.rmtree(folder, ignore_errors=True)

        transaction.on_commit(remove_folders)
        ApiToken.objects.filter(user=user).delete()
        user.username, user.first_name, user.last_name = f"erased-{user.pk}", "", ""
        user.email, user.phone, user.is_active = "", "", False
        user.set_unusable_password()
        user.save(update_fields=[*USER_FIELDS, "is_active", "password"])
        items.append({"model": "accounts.user", "fields": USER_FIELDS, "count": 1})
        touched.append(("accounts.user", [user.pk]))

        about = Q(actor_id=user.pk)
        for label, ids in touched:
            about |= Q(object_type__in=labels_of(label), object_id__in=[str(i) for i in ids])
        emptied = audit.erase_entries(AuditEntry.objects.filter(about), person_id=user.pk)

        req.state, req.erased_at = RequestState.ERASED, timezone.now()
        req.save(update_fields=["state", "erased_at"])
        erasure = Erasure.objects.create(
            request=req,
            subject_id=user.pk,
            trigger=trigger,
            by=by,
            items=items,
            files_deleted=files,
            audit_entries=len(emptied),
        )
        audit.record(
            actor=by,
            action=audit.ERASURE_ACTION,
            obj=erasure,
            changes={"items": items, "files_deleted": files, "audit_entries": emptied},
        )
    return erasure


def _email_q(field: str, email: str) -> Q:
    return Q(**{f"{field}__iexact": email}) if email else Q(pk__in=[])


def _erase(items: list, queryset, fields: dict) -> list:
    """Blank `fields` on the rows of `queryset`; note the model, fields and count in `items`."""
    ids = list(queryset.values_list("pk", flat=True))
    if ids:
        queryset.model.objects.filter(pk__in=ids).update(**fields)
        label = queryset.model._meta.label_lower
        items.append({"model": label, "fields": list(fields), "count": len(ids)})
        return [(label, ids)]
    return []


def _leftover_uploads(user: User) -> tuple[list[Path], int]:
    """The folders imports the person started left on disk, and how many files they hold."""
    folders = []
    for token in Job.objects.filter(created_by=user).values_list("params__token", flat=True):
        for kind in UPLOAD_FOLDERS:
            folder = Path(settings.VAR_DIR) / "uploads" / kind / str(token)
            if token and folder.is_dir():
                folders.append(folder)
    return folders, sum(1 for folder in folders for f in folder.rglob("*") if f.is_file())


def _rename_in_login_logs(old: str, new: str) -> None:
    """The log-in logs keep when and from where (security logs are kept), not the person's user name;
    the lock-out counters, which only matter for a few minutes, go."""
    AccessAttempt.objects.filter(username=old).delete()
    AccessLog.objects.filter(username=old).update(username=new)
    AccessFailureLog.objects.filter(username=old).update(username=new)
