"""Tasks left running by a worker that died (kill -9, out of memory, a reboot) are found and run again.

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again, so a task whose
worker died stays RUNNING for ever. Every worker therefore writes a heartbeat (`WorkerBeat`) while it
lives, and every worker now and then calls `reclaim_orphans`: a RUNNING task whose last worker has not
been seen for `WORKER_STALE_SECONDS` goes back to READY, or to FAILED once it has been claimed
`TASK_MAX_ATTEMPTS` times (a task that kills its worker each time must not kill workers for ever).

Running a task again is safe because our tasks are idempotent: `run_job` picks up a RUNNING job, the
importers skip what they already created, pushes have unique constraints.

Heartbeats and start times are written with each worker's own clock: the hosts of one installation must
keep their clocks in step (NTP) to well within `WORKER_STALE_SECONDS`.
"""

import datetime as dt
import logging
import os
import socket

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from innochallenge.jobs.models import WorkerBeat
from innochallenge.jobs.services import give_up_job

log = logging.getLogger(__name__)

#: How long the heartbeat of a worker that stopped is kept (it shows which host ran a lost task).
BEAT_KEPT = dt.timedelta(days=1)
RUN_JOB_TASK = "jobs.tasks.task_run_job"


class WorkerLost(Exception):
    """Recorded as the error of a task given up because its worker died while running it, too often."""


def beat(worker_id: str, *, now: dt.datetime | None = None) -> None:
    """Record that this worker process is alive."""
    now = now or timezone.now()
    where = {"host": socket.gethostname()[:255], "pid": os.getpid()}
    if not WorkerBeat.objects.filter(worker_id=worker_id).update(seen_at=now, **where):
        WorkerBeat.objects.update_or_create(
            worker_id=worker_id,
            defaults={"seen_at": now, **where},
            create_defaults={"seen_at": now, "started_at": now, **where},
        )


def forget(worker_id: str) -> None:
    """Remove the heartbeat of a worker that stops on purpose: whatever it leaves RUNNING is an orphan."""
    WorkerBeat.objects.filter(worker_id=worker_id).delete()


def reclaim_orphans(*, now: dt.datetime | None = None, stale_after: dt.timedelta | None = None) -> dict:
    """Put the tasks of dead workers back in the queue, or fail them after `TASK_MAX_ATTEMPTS` claims.

    A task is an orphan when it is RUNNING, started more than `stale_after` ago, and its last worker has
    not beaten within `stale_after`. Each change is a conditional UPDATE on the status and start time
    read, so several workers reclaiming at once act on a task once, and never on a task claimed again
    in between. Returns {"requeued": n, "failed": m}.
    """
    now = now or timezone.now()
    if stale_after is None:
        stale_after = dt.timedelta(seconds=settings.WORKER_STALE_SECONDS)
    cutoff = now - stale_after
    alive = set(WorkerBeat.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True))
    running = DBTaskResult.objects.running().filter(started_at__lt=cutoff)
    counts = _reclaim(running, lambda last_worker: last_worker not in alive, now=now)
    WorkerBeat.objects.filter(seen_at__lt=now - BEAT_KEPT).delete()
    return counts


def reclaim_left_by(worker_id: str, *, now: dt.datetime | None = None) -> dict:
    """Reclaim at once the tasks still RUNNING under `worker_id`, called by a worker as it starts.

    A worker started with a fixed `--worker-id` (a systemd unit, say) and restarted soon after being
    killed beats under the same id, so its old tasks would never look orphaned. A process that is just
    starting runs nothing: whatever is RUNNING under its id was left by its predecessor.
    """
    return _reclaim(
        DBTaskResult.objects.running(),
        lambda last_worker: last_worker == worker_id,
        now=now or timezone.now(),
    )


def _reclaim(running, is_orphan, *, now: dt.datetime) -> dict:
    counts = {"requeued": 0, "failed": 0}
    for result in running.only("id", "started_at", "worker_ids", "task_path", "args_kwargs"):
        last_worker = result.worker_ids[-1] if result.worker_ids else None
        if not is_orphan(last_worker):
            continue
        if len(result.worker_ids) < settings.TASK_MAX_ATTEMPTS:
            counts["requeued"] += _requeue(result, last_worker)
        else:
            counts["failed"] += _give_up(result, last_worker, now=now)
    return counts


def _unchanged(result: DBTaskResult):
    return DBTaskResult.objects.filter(
        pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
    )


def _requeue(result: DBTaskResult, last_worker: str | None) -> int:
    requeued = _unchanged(result).update(status=TaskResultStatus.READY, started_at=None)
    if requeued:
        log.warning(
            "task %s (%s) was left running by worker %s, which stopped; queued again (claimed %d times)",
            result.pk,
            result.task_path,
            last_worker,
            len(result.worker_ids),
        )
    return requeued


def _give_up(result: DBTaskResult, last_worker: str | None, *, now: dt.datetime) -> int:
    times = len(result.worker_ids)
    with transaction.atomic():
        failed = _unchanged(result).update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            return_value=None,
            exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
            traceback=f"{WorkerLost.__qualname__}: worker lost {times} times while running this task "
            f"(last worker {last_worker}); not retried again.\n",
        )
        if failed and result.task_path.endswith(RUN_JOB_TASK):
            args, kwargs = result.args_kwargs["args"], result.args_kwargs["kwargs"]
            give_up_job(args[0] if args else kwargs["job_id"], times=times, now=now)
    if failed:
        log.warning(
            "task %s (%s) was left running by worker %s, which stopped; failed after %d claims",
            result.pk,
            result.task_path,
            last_worker,
            times,
        )
    return failed


def requeue_unsettled(result: DBTaskResult) -> bool:
    """Queue again a task whose worker could not record how it ended (the database was away)."""
    requeued = bool(_unchanged(result).update(status=TaskResultStatus.READY, started_at=None))
    if requeued:
        log.warning("task %s (%s) queued again: its end could not be recorded", result.pk, result.task_path)
    return requeued
