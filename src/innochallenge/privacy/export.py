"""Everything the site holds about one person, as a .zip: `data.json` and the files they uploaded.

What is in it: the account (without the password hash), its organisation, the demands the person filed
or that name them as contact, their solutions and messages, event registrations with their meeting
requests and meetings, contracts they registered, subsidy applications, judge's declarations and
conflicts, consents, and the audit entries where they are the actor. Another person's personal fields
(a demand's contact when the person is not that contact, brokers' names and phones) are left out:
records point at other people by id only."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import PurePosixPath

from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.utils import timezone

from innochallenge.audit.models import AuditEntry
from innochallenge.contracts.models import Contract, Evidence, SubsidyApplication
from innochallenge.demands.models import Demand
from innochallenge.events.models import Meeting, MeetingRequest, Registration
from innochallenge.judging.models import Conflict, JudgeProfile
from innochallenge.privacy.models import Consent
from innochallenge.privacy.notice import current_version
from innochallenge.solutions.models import Attachment, Message, ProviderProfile, Solution

#: A demand's fields that are a person's: the enterprise's contact, and the broker looking after it.
DEMAND_CONTACT_FIELDS = ["contact_name", "contact_phone", "contact_title", "contact_email"]
DEMAND_BROKER_FIELDS = ["broker_name", "broker_phone"]
USER_LEFT_OUT = {"password"}


def _rows(queryset, *, drop=()) -> list[dict]:
    rows = serializers.serialize("python", queryset)
    for row in rows:
        for name in drop:
            row["fields"].pop(name, None)
    return rows


#: Keys of an audit entry's changes that hold someone's personal details.
PERSONAL_CHANGE_KEYS = {
    *DEMAND_CONTACT_FIELDS,
    *DEMAND_BROKER_FIELDS,
    "phone",
    "email",
    "mobile",
    "office_phone",
    "wechat",
    "qq",
    "first_name",
    "last_name",
}
WITHHELD = "(withheld: another person's data)"


def _is_contact(demand: Demand, user) -> bool:
    """The demand's contact is the person, or a colleague on a demand of the person's own enterprise."""
    email = (user.email or "").lower()
    if email and (demand.contact_email or "").lower() == email:
        return True
    return bool(user.organisation_id) and demand.organisation_id == user.organisation_id


def _audit_entries(user) -> list[dict]:
    """The entries where the person is the actor; what they changed about someone else (a contact typed
    in for an enterprise, say) is withheld, their own account's changes are not."""
    rows = _rows(AuditEntry.objects.filter(actor=user).order_by("pk"))
    own = ("accounts.user", str(user.pk))
    for row in rows:
        fields = row["fields"]
        if (fields["object_type"], fields["object_id"]) == own:
            continue
        changes = fields.get("changes") or {}
        for key in list(changes):
            if key.rsplit(".", 1)[-1] in PERSONAL_CHANGE_KEYS:
                changes[key] = WITHHELD
    return rows


def _demands(user) -> list[dict]:
    mine = Q(created_by=user)
    if user.email:
        mine |= Q(contact_email__iexact=user.email)
    out = []
    for demand in Demand.objects.filter(mine).order_by("pk"):
        drop = list(DEMAND_BROKER_FIELDS)
        if not _is_contact(demand, user):  # filed by a liaison for another enterprise
            drop += DEMAND_CONTACT_FIELDS
        out += _rows([demand], drop=drop)
    return out


def _registrations(user):
    return Registration.objects.filter(user=user).order_by("pk")


def collect(user) -> dict:
    """The person's records as JSON-ready data, by kind."""
    registrations = _registrations(user)
    requests = MeetingRequest.objects.filter(
        Q(created_by=user) | Q(sender__in=registrations) | Q(recipient__in=registrations)
    ).order_by("pk")
    organisation = [user.organisation] if user.organisation_id else []
    return {
        "format": 1,
        "generated_at": timezone.now(),
        "notice_version": current_version(),
        "user": _rows([user], drop=USER_LEFT_OUT),
        "organisation": _rows(organisation),
        "provider_profile": _rows(ProviderProfile.objects.filter(organisation__in=organisation)),
        "demands": _demands(user),
        "solutions": _rows(Solution.objects.filter(created_by=user).order_by("pk")),
        "solution_messages": _rows(Message.objects.filter(author=user).order_by("pk")),
        "attachments": _rows(Attachment.objects.filter(uploaded_by=user).order_by("pk")),
        "event_registrations": _rows(registrations),
        "meeting_requests": _rows(requests),
        "meetings": _rows(Meeting.objects.filter(request__in=requests).order_by("pk")),
        "contracts": _rows(Contract.objects.filter(created_by=user).order_by("pk")),
        "contract_evidence": _rows(Evidence.objects.filter(uploaded_by=user).order_by("pk")),
        "subsidy_applications": _rows(SubsidyApplication.objects.filter(applied_by=user).order_by("pk")),
        "judge_profile": _rows(JudgeProfile.objects.filter(user=user)),
        "conflicts_declared": _rows(Conflict.objects.filter(judge=user).order_by("pk")),
        "consents": _rows(Consent.objects.filter(user=user).order_by("pk")),
        "audit_entries": _audit_entries(user),
    }


def uploaded_files(user) -> list[tuple[str, object]]:
    """(name in the zip, FieldFile) of every file the person uploaded that is still stored."""
    files = []
    for attachment in Attachment.objects.filter(uploaded_by=user).order_by("pk"):
        name = PurePosixPath(attachment.name).name
        files.append((f"files/solutions/{attachment.pk}-{name}", attachment.file))
    for evidence in Evidence.objects.filter(uploaded_by=user).order_by("pk"):
        name = PurePosixPath(evidence.name).name
        files.append((f"files/contracts/{evidence.pk}-{name}", evidence.file))
    return [(name, f) for name, f in files if f and f.storage.exists(f.name)]


def size_estimate(user) -> int:
    """Bytes of the person's files: what decides between a download now and a job."""
    attachments = Attachment.objects.filter(uploaded_by=user).values_list("size", flat=True)
    evidence = Evidence.objects.filter(uploaded_by=user).values_list("size", flat=True)
    return sum(attachments) + sum(evidence)


def write_zip(user, out, *, progress: Callable[[int, int], None] | None = None) -> list[str]:
    """Write the person's archive to `out` (a path or a binary file); returns the names written."""
    files = uploaded_files(user)
    names = ["data.json"]
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        data = json.dumps(collect(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        archive.writestr("data.json", data)
        for done, (name, field) in enumerate(files, start=1):
            with field.open("rb") as source, archive.open(name, "w") as target:
                for chunk in iter(lambda: source.read(1 << 20), b""):
                    target.write(chunk)
            names.append(name)
            if progress:
                progress(done, len(files))
    return names
