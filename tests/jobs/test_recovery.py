"""Tasks left RUNNING by a worker that died are queued again, or failed after TASK_MAX_ATTEMPTS claims;
a resumed import finishes once, without duplicates."""

import datetime as dt
from pathlib import Path

import pytest
from django.db.utils import OperationalError
from django.utils import timezone, translation
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from innochallenge.demands import importing
from innochallenge.demands.models import Demand
from innochallenge.jobs import recovery
from innochallenge.jobs.enums import JobState
from innochallenge.jobs.models import Job, WorkerBeat
from innochallenge.jobs.services import start_job
from innochallenge.site.management.commands.db_worker import Worker
from tests.jobs.test_job_states import RUNS

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "demands"
HANGZHOU = Path(__file__).resolve().parents[1] / "data" / "presets" / "hangzhou2023.yaml"
NOW = timezone.now()
LONG_AGO = NOW - dt.timedelta(minutes=5)


@pytest.fixture
def db_tasks(settings):
    """Tasks go to the database queue, as in production, instead of running at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASK_MAX_ATTEMPTS = 3


@pytest.fixture
def queued_job(db_tasks, organiser, django_capture_on_commit_callbacks):
    """start_job(kind) → the Job, with its task waiting in the database queue."""

    def start(kind: str = "tests.count") -> Job:
        with django_capture_on_commit_callbacks(execute=True):
            return start_job(kind, by=organiser, label=kind)

    return start


def claim(*worker_ids: str, started_at=LONG_AGO) -> DBTaskResult:
    """The queued task, claimed by each of these workers in turn (the last one still holds it)."""
    result = DBTaskResult.objects.get()
    for worker_id in worker_ids:
        result.claim(worker_id)
    DBTaskResult.objects.filter(pk=result.pk).update(started_at=started_at)
    result.refresh_from_db()
    return result


def left_running(job: Job) -> None:
    """What run_job had written when its worker was killed."""
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, attempts=1, started_at=LONG_AGO)


#: The worker commits and closes its connections as in production, which a test transaction would not survive.
in_process = pytest.mark.django_db(transaction=True)

WORKER_OPTIONS = {
    "queue_names": ["default"],
    "interval": 0,
    "batch": True,
    "backend_name": "default",
    "startup_delay": False,
    "max_tasks": None,
    "excluded_queue_names": [],
}


def worker(worker_id: str) -> Worker:
    """A worker in batch mode, run in this process: it stops when the queue is empty."""
    return Worker(**WORKER_OPTIONS, worker_id=worker_id)


def test_a_task_of_a_worker_without_heartbeat_is_queued_again(queued_job):
    queued_job()
    result = claim("dead")
    assert recovery.reclaim_orphans(now=NOW) == {"requeued": 1, "failed": 0}
    result.refresh_from_db()
    assert (result.status, result.started_at, result.worker_ids) == (TaskResultStatus.READY, None, ["dead"])
    assert recovery.reclaim_orphans(now=NOW) == {"requeued": 0, "failed": 0}  # a second reclaimer


def test_a_task_of_a_worker_that_beat_recently_is_left_running(queued_job):
    queued_job()
    result = claim("alive")
    recovery.beat("alive", now=NOW - dt.timedelta(seconds=30))
    assert recovery.reclaim_orphans(now=NOW, stale_after=dt.timedelta(seconds=60)) == {
        "requeued": 0,
        "failed": 0,
    }
    result.refresh_from_db()
    assert result.status == TaskResultStatus.RUNNING


def test_a_task_started_recently_is_left_running(queued_job):
    queued_job()
    claim("no-beat-yet", started_at=NOW - dt.timedelta(seconds=10))
    assert recovery.reclaim_orphans(now=NOW, stale_after=dt.timedelta(seconds=60))["requeued"] == 0
    assert DBTaskResult.objects.get().status == TaskResultStatus.RUNNING


def test_a_worker_stale_for_long_enough_loses_its_task(queued_job):
    queued_job()
    claim("stalled")
    recovery.beat("stalled", now=NOW - dt.timedelta(seconds=90))
    assert recovery.reclaim_orphans(now=NOW, stale_after=dt.timedelta(seconds=60))["requeued"] == 1


def test_a_task_lost_max_attempts_times_fails_with_its_job(queued_job):
    job = queued_job()
    left_running(job)
    result = claim("w1", "w2", "w3")
    with translation.override("en"):
        assert recovery.reclaim_orphans(now=NOW) == {"requeued": 0, "failed": 1}
    result.refresh_from_db()
    job.refresh_from_db()
    assert (result.status, result.finished_at) == (TaskResultStatus.FAILED, NOW)
    assert result.exception_class_path == "innochallenge.jobs.recovery.WorkerLost"
    assert "worker lost 3 times" in result.traceback
    assert result.task_result.errors[0].exception_class is recovery.WorkerLost
    assert (job.state, job.finished_at) == (JobState.FAILED, NOW)
    assert job.message == "The worker stopped 3 times while running this job; it was not retried again."


def test_a_restarted_worker_with_the_same_id_reclaims_its_own_tasks_at_once(queued_job):
    queued_job()
    claim("systemd-worker-1", started_at=timezone.now())
    recovery.beat("systemd-worker-1")
    assert recovery.reclaim_orphans()["requeued"] == 0
    assert recovery.reclaim_left_by("systemd-worker-1") == {"requeued": 1, "failed": 0}
    assert DBTaskResult.objects.get().status == TaskResultStatus.READY


def test_heartbeats_keep_their_start_and_old_ones_are_removed(db):
    recovery.beat("w", now=LONG_AGO)
    recovery.beat("w", now=NOW)
    recovery.beat("gone", now=NOW - dt.timedelta(days=2))
    beat = WorkerBeat.objects.get(worker_id="w")
    assert (beat.started_at, beat.seen_at, beat.pid is not None, bool(beat.host)) == (
        LONG_AGO,
        NOW,
        True,
        True,
    )
    recovery.reclaim_orphans(now=NOW)
    assert list(WorkerBeat.objects.values_list("worker_id", flat=True)) == ["w"]


@in_process
def test_a_reclaimed_job_runs_once_more_and_says_it_was_resumed(queued_job):
    RUNS.clear()
    job = queued_job()
    left_running(job)
    claim("dead")
    recovery.reclaim_orphans(now=NOW)
    with translation.override("en"):
        worker("w2").run()
    job.refresh_from_db()
    assert (job.state, job.attempts, RUNS) == (JobState.DONE, 2, [job.pk])
    assert job.message == "Resumed after the worker stopped (attempt 2).\nstep 3"
    result = DBTaskResult.objects.get()
    assert (result.status, result.worker_ids) == (TaskResultStatus.SUCCESSFUL, ["dead", "w2"])
    assert not WorkerBeat.objects.exists()  # a worker that stops on purpose forgets its heartbeat


class DatabaseAwayAtTheEnd(Worker):
    def run_task(self, db_task_result):
        raise OperationalError("the database is restarting")


@in_process
def test_a_task_whose_end_could_not_be_recorded_is_queued_again(queued_job):
    queued_job()
    away = DatabaseAwayAtTheEnd(**dict(WORKER_OPTIONS, worker_id="w1"))
    task, retrieved = away._claim()
    away._run(task)  # logged, not raised
    assert DBTaskResult.objects.get().status == TaskResultStatus.RUNNING
    again, retrieved = away._claim()
    assert (again.pk, again.worker_ids, retrieved) == (task.pk, ["w1", "w1"], True)


@in_process
def test_an_import_killed_midway_is_resumed_without_duplicates(
    hs2021, organiser, client, settings, tmp_path, db_tasks, django_capture_on_commit_callbacks
):
    settings.VAR_DIR = tmp_path
    names = ["a-checkboxes-fullwidth.docx", "e-three-forms.docx"]
    client.force_login(organiser)
    with (
        open(SAMPLES / names[0], "rb") as first,
        open(SAMPLES / names[1], "rb") as second,
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post("/demands/import/?campaign=hs2021", {"files": [first, second]})
    job = Job.objects.get()
    assert job.state == JobState.QUEUED
    # A worker imported the first file, then was killed.
    left_running(job)
    claim("dead")
    assert importing.import_file(hs2021, names[0], (SAMPLES / names[0]).read_bytes(), by=organiser).ok

    assert recovery.reclaim_orphans(now=NOW)["requeued"] == 1
    worker("w2").run()

    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.DONE, 2)
    assert (job.result["created"], job.result["duplicates"]) == (3, 1)
    assert [Demand.objects.filter(source_file=name).count() for name in names] == [1, 3]


ORPHAN = f"""
import datetime as dt, json, yaml
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from innochallenge.accounts.enums import Role
from innochallenge.accounts.models import User
from innochallenge.campaigns.jobs import LOAD_PRESET
from innochallenge.jobs.models import Job
from innochallenge.jobs.services import start_job
user = User.objects.create_user("worker-test", role=Role.ORGANISER)
data = json.loads(json.dumps(yaml.safe_load(open({str(HANGZHOU)!r}, encoding="utf-8")), default=str))
job = start_job(LOAD_PRESET, by=user, label="load", params={{"preset": data}})
# A worker claimed the task, started the job, and was killed.
result = DBTaskResult.objects.get()
result.claim("killed-worker")
long_ago = timezone.now() - dt.timedelta(minutes=10)
DBTaskResult.objects.filter(pk=result.pk).update(started_at=long_ago)
Job.objects.filter(pk=job.pk).update(state="running", attempts=1, started_at=long_ago)
"""

STATE = """
from django_tasks_db.models import DBTaskResult
from innochallenge.jobs.models import Job, WorkerBeat
job, result = Job.objects.get(), DBTaskResult.objects.get()
print(job.state, job.attempts, result.status, len(result.worker_ids), WorkerBeat.objects.count())
"""


def test_a_real_worker_runs_again_the_job_of_a_killed_one(cli):
    cli.shell(ORPHAN)
    assert cli.shell(STATE) == "running 1 RUNNING 1 0"
    worker_run = cli.run("db_worker", "--batch", "--no-startup-delay", "--worker-id", "fresh-worker")
    assert "killed-worker" in worker_run.stderr  # the reclaim is logged as a warning
    assert cli.shell(STATE) == "done 2 SUCCESSFUL 2 0"
