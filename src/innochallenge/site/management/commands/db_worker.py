"""`innochallenge db_worker`: django-tasks-db's worker, which also recovers the tasks of dead workers.

The site app comes before django_tasks_db in INSTALLED_APPS, so this command replaces theirs under the
same name and keeps all of its options. Added to their worker:

- a heartbeat (`jobs.recovery.beat`), written once before the first claim and then every
  `WORKER_BEAT_SECONDS` from a daemon thread, so a long task does not make its worker look dead;
- `jobs.recovery.reclaim_orphans()` at start and then at most every `WORKER_BEAT_SECONDS`, so the tasks
  of a worker that was killed run again (see that module);
- a database that goes away while the worker waits (a PostgreSQL restart) is waited for, not fatal, and
  a task whose end could not be recorded for that reason is queued again once the database is back.

The claim loop mirrors django-tasks-db 0.13's `Worker.run` (pinned below 0.14 in pyproject.toml): it has
no hook between iterations, so `run` is written out here; running a task is still theirs.
"""

import logging
import os
import random
import threading
import time

from django.conf import settings
from django.core.management.base import CommandError
from django.db import close_old_connections, connections
from django.db.utils import OperationalError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker as upstream
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from innochallenge.jobs import recovery

log = logging.getLogger(__name__)


class Worker(upstream.Worker):
    def __init__(self, *, beat_seconds: float | None = None, **options):
        super().__init__(**options)
        self.beat_seconds = max(settings.WORKER_BEAT_SECONDS if beat_seconds is None else beat_seconds, 0.1)
        self._stop_beating = threading.Event()
        self._next_reclaim = 0.0
        self._unsettled: DBTaskResult | None = None

    def run(self) -> None:
        log.info("Starting worker worker_id=%s queues=%s", self.worker_id, ",".join(self.queue_names))
        # Before the first claim, or another worker could take our first task for an orphan.
        recovery.beat(self.worker_id)
        recovery.reclaim_left_by(self.worker_id)
        beater = threading.Thread(target=self._beat_until_stopped, name="worker-heartbeat", daemon=True)
        beater.start()
        try:
            self._loop()
        finally:
            self._stop_beating.set()
            beater.join(timeout=5)
            try:
                recovery.forget(self.worker_id)
            except Exception:
                log.warning("could not remove the heartbeat of worker %s", self.worker_id, exc_info=True)

    def _loop(self) -> None:
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # spread workers started together
        while self.running:
            try:
                task_result, retrieved = self._claim()
            except OperationalError as exc:
                log.warning("database unavailable (%s); worker %s waits", exc, self.worker_id)
                connections.close_all()
                time.sleep(max(self.interval, 1))
                continue
            if task_result is not None:
                self._run(task_result)
            if self.batch and retrieved and task_result is None:
                log.info("No more tasks to run for worker_id=%s - exiting gracefully.", self.worker_id)
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                log.info("Run maximum tasks (%d) on worker=%s - exiting.", self._run_tasks, self.worker_id)
                return
            close_old_connections()
            if self.running and not task_result:
                time.sleep(self.interval)

    def _claim(self) -> tuple[DBTaskResult | None, bool]:
        """The next task, claimed for this worker; (None, False) when the database is locked (SQLite)."""
        close_old_connections()
        if self._unsettled is not None:
            recovery.requeue_unsettled(self._unsettled)
            self._unsettled = None
        self._reclaim_if_due()
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            try:
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
            except OperationalError as exc:
                if is_locked_database_exception(exc):
                    return None, False
                raise
        return task_result, True

    def _run(self, task_result: DBTaskResult) -> None:
        try:
            self.run_task(task_result)
        except OperationalError:
            # The task ran, but neither its success nor its failure could be saved: queue it again
            # once the database answers (the tasks are idempotent), rather than leave it RUNNING
            # under a worker that is alive and so never reclaimed.
            log.warning("could not record the end of task %s; it will be queued again", task_result.pk)
            self._unsettled = task_result
            connections.close_all()

    def _reclaim_if_due(self) -> None:
        if time.monotonic() < self._next_reclaim:
            return
        self._next_reclaim = time.monotonic() + self.beat_seconds
        try:
            recovery.reclaim_orphans()
        except OperationalError as exc:
            log.warning("worker %s could not reclaim orphaned tasks: %s", self.worker_id, exc)
        except Exception:
            # Housekeeping must not stop the worker; the next round tries again.
            log.exception("worker %s could not reclaim orphaned tasks", self.worker_id)

    def _beat_until_stopped(self) -> None:
        """In its own thread, so with its own database connection, closed when the thread ends."""
        try:
            while not self._stop_beating.wait(self.beat_seconds):
                try:
                    recovery.beat(self.worker_id)
                except OperationalError as exc:
                    log.warning("worker %s could not record its heartbeat: %s", self.worker_id, exc)
                    connections.close_all()
                except Exception:
                    log.exception("worker %s could not record its heartbeat", self.worker_id)
                    connections.close_all()
        finally:
            connections.close_all()


class Command(upstream.Command):
    help = "Run a database background worker that also re-queues the tasks of workers that died"

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        reload: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        **options,
    ) -> None:
        self.configure_logging(verbosity)
        if reload and batch:
            log.warning("--reload and --batch cannot be specified together. Disabling autoreload.")
            reload = False
        queue_names = queue_name.split(",")
        excluded_queue_names = exclude_queues.split(",") if exclude_queues else []
        if excluded_queue_names and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = Worker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded_queue_names,
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only the child process, as theirs does
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
