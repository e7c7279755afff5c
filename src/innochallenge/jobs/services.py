from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innochallenge.audit import services as audit
from innochallenge.jobs.enums import ACTIVE_STATES, JobState
from innochallenge.jobs.models import Job
from innochallenge.jobs.registry import handler_for

if TYPE_CHECKING:
    from innochallenge.accounts.models import User

log = logging.getLogger(__name__)


class JobFailure(Exception):
    """An expected failure whose message is for the person who started the job (a bad file, say)."""


@transaction.atomic
def start_job(kind: str, *, by: User, label: str, params: dict | None = None) -> Job:
    """Record a job and hand it to the task worker once the transaction commits."""
    handler_for(kind)  # fail now, not in the worker, on an unknown kind
    job = Job.objects.create(kind=kind, label=label, params=params or {}, created_by=by)
    audit.record(actor=by, action="job.started", obj=job, changes={"kind": [None, kind]})
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def stage_uploads(
    kind: str,
    uploads: Iterable,
    *,
    folder: Callable[[str], Path],
    by: User,
    label: str,
    params: dict | None = None,
) -> Job:
    """Store uploaded files where the worker reads them and start the job that imports them.

    `folder(token)` is the batch's directory (under VAR_DIR, never the web root). The files are saved as
    0001.csv, 0002.docx, … so no name a user chose reaches the file system; the job's params get the
    `token` and `files`, a list of [stored name, name as uploaded]."""
    token = uuid.uuid4().hex
    directory = folder(token)
    directory.mkdir(parents=True, exist_ok=True)
    stored = []
    for i, upload in enumerate(uploads, start=1):
        name = f"{i:04d}{Path(upload.name).suffix.lower()}"
        with open(directory / name, "wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        stored.append([name, upload.name])
    return start_job(kind, by=by, label=label, params={**(params or {}), "token": token, "files": stored})


def _enqueue(job_id) -> None:
    from innochallenge.jobs.tasks import task_run_job  # noqa: PLC0415 - jobs.tasks runs these services: a cycle at load

    task_run_job.enqueue(str(job_id))


def report_progress(job: Job, done: int, total: int, message: str = "") -> None:
    """Save how far a running job has got, outside any transaction of the handler, so pages see it."""
    job.done, job.total, job.message = done, total, message
    Job.objects.filter(pk=job.pk).update(done=done, total=total, message=message)


def run_job(job_id) -> Job:
    """Run one job in the worker. A job that already finished is not run again (a retried task); a job
    found RUNNING was left by a worker that stopped, and runs again, saying so on its page."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        if job.state in (JobState.DONE, JobState.FAILED):
            return job
        job.state = JobState.RUNNING
        job.started_at = timezone.now()
        job.attempts += 1
        job.save(update_fields=["state", "started_at", "attempts"])

    resumed = ""
    if job.attempts > 1:
        resumed = _("Resumed after the worker stopped (attempt %(n)s).") % {"n": job.attempts}
        report_progress(job, job.done, job.total, resumed)

    def with_note(message: str) -> str:
        """The resumed note stays on the first line of whatever the handler reports."""
        return "\n".join(part for part in (resumed, message) if part)

    def progress(done: int, total: int, message: str = "") -> None:
        report_progress(job, done, total, with_note(message))

    try:
        result = handler_for(job.kind)(job, progress)
    except JobFailure as exc:
        job.state, job.message, job.result = JobState.FAILED, with_note(str(exc)), {}
    except Exception as exc:
        log.exception("job %s (%s) failed", job.pk, job.kind)
        job.state, job.message, job.result = JobState.FAILED, with_note(f"{type(exc).__name__}: {exc}"), {}
    else:
        job.state, job.result = JobState.DONE, result or {}
        job.done = max(job.done, job.total)
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "message", "result", "done", "finished_at"])
    return job


def give_up_job(job_id, *, times: int, now=None) -> bool:
    """Fail a job whose worker died each of the `times` times it ran it; the task is not retried."""
    message = _("The worker stopped %(n)s times while running this job; it was not retried again.") % {
        "n": times
    }
    return bool(
        Job.objects.filter(pk=job_id, state__in=ACTIVE_STATES).update(
            state=JobState.FAILED, message=message, finished_at=now or timezone.now()
        )
    )
