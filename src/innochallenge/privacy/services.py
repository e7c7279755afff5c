"""Writing consents. Each is recorded inside the caller's transaction, so an account or a demand is never
saved without the consent that came with it, nor a consent without them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext

from innochallenge.audit import services as audit
from innochallenge.audit.context import client_address
from innochallenge.privacy.enums import ConsentContext
from innochallenge.privacy.models import Consent
from innochallenge.privacy.notice import current_version

if TYPE_CHECKING:
    from innochallenge.accounts.models import User
    from innochallenge.demands.models import Demand


@transaction.atomic
def record_consent(
    *, context: str, user: User | None = None, demand: Demand | None = None, by: User | None = None
) -> Consent:
    """Record that the notice's current version was accepted, by `user` (their own account) or with
    `demand` (filed by `by` for someone without an account). The address is the request's, when there is
    one."""
    consent = Consent.objects.create(
        user=user,
        demand=demand,
        recorded_by=by or user,
        notice_version=current_version(),
        context=ConsentContext(context),
        client_address=client_address.get(),
    )
    audit.record(
        actor=by or user,
        action="privacy.consent_recorded",
        obj=consent,
        changes={"notice_version": [None, consent.notice_version], "context": [None, consent.context]},
    )
    return consent


def has_accepted_current(user) -> bool:
    """Whether the person's latest consent is to the notice's current version."""
    latest = Consent.objects.filter(user=user).order_by("-accepted_at", "-pk").values_list("notice_version")
    return latest[:1].first() == (current_version(),)


def accept_notice(user: User) -> Consent:
    """A signed-in person accepts the current notice on the accept page."""
    return record_consent(user=user, context=ConsentContext.RENEWAL)


def export_archive(user: User, out, *, by: User | None, progress=None) -> list[str]:
    """Write everything the site holds about `user` to the zip `out`; recorded in the audit trail as a
    sensitive read (by the person, or by the organiser answering a request by letter)."""
    from innochallenge.privacy.export import write_zip  # noqa: PLC0415 - export imports every domain app

    names = write_zip(user, out, progress=progress)
    audit.record(
        actor=by,
        action="privacy.data_exported",
        obj=user,
        changes={"files": [None, len(names) - 1]},
        note="" if by == user else "on request",
    )
    return names


def export_path(job_id) -> Path:
    """Where a job leaves a person's archive: under PRIVATE_ROOT, handed out only to that person."""
    return Path(settings.PRIVATE_ROOT) / "privacy-exports" / f"{job_id}.zip"


def start_export(user: User):
    """A person's archive too large to build during a request: the task worker builds it."""
    from innochallenge.jobs.services import start_job  # noqa: PLC0415 - jobs import the registry at load
    from innochallenge.privacy.jobs import EXPORT_PERSONAL_DATA  # noqa: PLC0415

    return start_job(
        EXPORT_PERSONAL_DATA, by=user, label=gettext("Download of my personal data"), params={"user": user.pk}
    )
