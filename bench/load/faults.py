"""`make bench-faults`: the two fault scenarios of issue 11, on real processes and a real PostgreSQL.

1. **A task worker killed mid-job.** (a) An import of many Word files is started; when part of it is saved,
   the worker is killed with SIGKILL; a second worker finds the orphaned task (its worker stopped beating),
   runs it again, and the import completes with every demand filed exactly once. (b) The same with push
   jobs: the worker is killed while a push task runs; the task is retried; no one is pushed the same
   demand twice or sent two digests.
2. **PostgreSQL restarted under load.** Enterprises file demands through gunicorn while the database is
   restarted (`pg_ctlcluster … restart`): requests in the gap get 503 with Retry-After (never a 500),
   requests afterwards succeed again, no acknowledged save is lost or filed twice, and the task worker
   lives through it.

Writes bench/results/faults.json; exits 1 when a scenario fails.

    python bench/load/faults.py [--only worker|database] [--users 50] [--seconds 60]
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import rig  # noqa: E402

#: A worker that has not beaten for this long is taken for dead (production default: 60 s).
STALE_SECONDS = 3


def worker(env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [str(rig.BIN / "innochallenge"), "db_worker", "--interval", "0.2", "--no-startup-delay"],
        env=env | {"WORKER_STALE_SECONDS": str(STALE_SECONDS), "WORKER_BEAT_SECONDS": "1"},
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
    )


def wait_for(condition, seconds: float, what: str, every: float = 0.02):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise TimeoutError(f"waited {seconds} s for {what}")


def kill_mid_import(folder: Path, env: dict, files: int = 120) -> dict:
    """Scenario 1a: an import of `files` Word forms, its worker killed when part of it is saved."""
    from django.contrib.auth import get_user_model

    from innochallenge.accounts.enums import Role
    from innochallenge.campaigns.models import Campaign
    from innochallenge.demands.importing import campaign_options
    from innochallenge.demands.io.docx_form import write_forms
    from innochallenge.demands.jobs import IMPORT_DEMANDS, upload_dir
    from innochallenge.demands.models import Demand
    from innochallenge.jobs.models import Job
    from innochallenge.jobs.services import start_job

    campaign = Campaign.objects.get(slug=rig.CAMPAIGN)
    organiser = get_user_model().objects.create(username="faults-organiser", role=Role.ORGANISER)
    form = json.loads((folder / "setup.json").read_text())["form"]
    token = "faults"
    batch = upload_dir(token)
    batch.mkdir(parents=True)
    stored = []
    for n in range(1, files + 1):
        values = form | {"company_name": f"苏州导入企业{n:03d}有限公司", "title": f"导入需求 {n:03d}"}
        (batch / f"{n:04d}.docx").write_bytes(write_forms([values], campaign_options(campaign)))
        stored.append([f"{n:04d}.docx", f"form-{n:03d}.docx"])
    before = Demand.objects.filter(campaign=campaign).count()
    job = start_job(
        IMPORT_DEMANDS,
        by=organiser,
        label="faults",
        params={"campaign": rig.CAMPAIGN, "token": token, "files": stored},
    )

    first = worker(env, folder / "worker.log")
    done_at_kill = wait_for(
        lambda: (j := Job.objects.get(pk=job.pk)).state == "running" and j.done >= files // 4 and j.done,
        120,
        "the import to be a quarter done",
    )
    first.send_signal(signal.SIGKILL)
    first.wait()
    saved_at_kill = Demand.objects.filter(campaign=campaign).count() - before
    killed_at = time.monotonic()
    second = worker(env, folder / "worker.log")
    try:
        finished = wait_for(
            lambda: Job.objects.filter(pk=job.pk, state__in=["done", "failed"]).first(),
            180,
            "the import to finish",
            0.2,
        )
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(30)
    titles = list(
        Demand.objects.filter(campaign=campaign, title__startswith="导入需求").values_list("title", flat=True)
    )
    figures = {
        "files": files,
        "progress_at_kill": done_at_kill,
        "demands_saved_at_kill": saved_at_kill,
        "job_state": finished.state,
        "job_attempts": finished.attempts,
        "resumed_after_s": round(time.monotonic() - killed_at, 1),
        "demands_after": len(titles),
        "duplicated": len(titles) - len(set(titles)),
        "missing": files - len(set(titles)),
    }
    figures["passed"] = (
        finished.state == "done"
        and finished.attempts == 2
        and 0 < saved_at_kill < files
        and figures["duplicated"] == 0
        and figures["missing"] == 0
    )
    return figures


def kill_mid_push(folder: Path, env: dict, rounds: int = 40) -> dict:
    """Scenario 1b: push tasks for the published demands queued `rounds` times over; the worker is killed
    while one runs; the retried tasks push no one twice and send no second digest."""
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from innochallenge.demands.models import Demand
    from innochallenge.matching.models import Push
    from innochallenge.matching.tasks import task_push_demand
    from innochallenge.notifications.models import Notification
    from innochallenge.site.demo import set_up_demo

    set_up_demo(today=timezone.localdate())
    published = list(Demand.objects.filter(status="published").values_list("pk", flat=True))
    runner = worker(env, folder / "worker.log")  # let it build the index and send the first pushes
    wait_for(
        lambda: not DBTaskResult.objects.exclude(status__in=["SUCCESSFUL", "FAILED"]).exists(),
        300,
        "the queue to drain",
        0.2,
    )
    for _ in range(rounds):
        for pk in published:
            task_push_demand.enqueue(pk)
    path = task_push_demand.module_path
    orphan = wait_for(
        lambda: (
            DBTaskResult.objects.filter(task_path=path, status="RUNNING").values_list("pk", flat=True).first()
        ),
        120,
        "a push task to run",
        0.005,
    )
    runner.send_signal(signal.SIGKILL)
    runner.wait()
    orphaned = DBTaskResult.objects.filter(status="RUNNING").count()
    killed_at = time.monotonic()
    second = worker(env, folder / "worker.log")
    try:
        wait_for(
            lambda: not DBTaskResult.objects.exclude(status__in=["SUCCESSFUL", "FAILED"]).exists(),
            300,
            "the push queue to drain",
            0.2,
        )
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(30)
    pairs = list(Push.objects.values_list("demand_id", "recipient_id"))
    digests = list(
        Notification.objects.filter(
            event="matching.digest", created_at__date=timezone.localdate()
        ).values_list("recipient_id", flat=True)
    )
    retried = DBTaskResult.objects.get(pk=orphan)
    figures = {
        "push_tasks": rounds * len(published),
        "orphaned_at_kill": orphaned,
        "killed_task_state": retried.status,
        "killed_task_claims": len(retried.worker_ids),
        "failed_tasks": DBTaskResult.objects.filter(status="FAILED").count(),
        "resumed_after_s": round(time.monotonic() - killed_at, 1),
        "pushes": len(pairs),
        "duplicated_pushes": len(pairs) - len(set(pairs)),
        "digests_today": len(digests),
        "second_digests": len(digests) - len(set(digests)),
    }
    figures["passed"] = (
        orphaned >= 1
        and retried.status == "SUCCESSFUL"
        and len(retried.worker_ids) == 2
        and figures["failed_tasks"] == 0
        and figures["duplicated_pushes"] == 0
        and figures["second_digests"] == 0
        and len(pairs) > 0
    )
    return figures


def restart_database_under_load(folder: Path, env: dict, users: int, seconds: int, port: int) -> dict:
    """Scenario 2: PostgreSQL restarted while enterprises file demands."""
    from django.db import connections
    from django_tasks_db.models import DBTaskResult

    connections.close_all()
    acks = folder / "acks.jsonl"
    env = env | {
        "LOAD_SETUP": str(folder / "setup.json"),
        "LOAD_ACKS": str(acks),
        "LOAD_CAMPAIGN": rig.CAMPAIGN,
    }
    server = rig.Server(env, port, 4, folder / "gunicorn.log")
    runner = worker(env, folder / "worker.log")
    try:
        load = rig.locust(env, "Enterprise", users, seconds, folder / "restart", server.url)
        time.sleep(seconds / 3)
        started = time.monotonic()
        subprocess.run(["pg_ctlcluster", "15", "main", "restart", "-m", "fast"], check=True)
        down_for = round(time.monotonic() - started, 1)
        back_at = time.time()
        load.wait()
        worker_alive = runner.poll() is None
        time.sleep(3)
        waiting = wait_for(
            lambda: not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists() or "drained",
            60,
            "the queue to drain",
            0.5,
        )
    finally:
        server.stop()
        runner.send_signal(signal.SIGTERM)
        runner.wait(30)
    connections.close_all()
    check = rig.check_acks(acks)
    failures = rig.failures(folder / "restart")
    statuses = Counter()
    for reason, count in failures.items():
        status = re.search(r"\('(\d{3})", reason)
        statuses[status.group(1) if status else "no answer"] += count
    overall = rig.stats(folder / "restart")["Aggregated"]
    figures = {
        "concurrent_enterprises": users,
        "seconds": seconds,
        "restart_took_s": down_for,
        "requests": overall["requests"],
        "failed_requests": overall["errors"],
        "failed_by_kind": dict(statuses),
        "failures": failures,
        "worker_survived": worker_alive,
        "queue_drained": bool(waiting),
        **{k: check[k] for k in ("acknowledged_saves", "acknowledged_submissions", "lost", "duplicated")},
        "saved_without_acknowledgement": check["saved_without_acknowledgement"],
    }
    recovered = sum(1 for line in acks.read_text().splitlines() if json.loads(line)["at"] > back_at)
    figures["saves_acknowledged_after_restart"] = recovered
    figures["passed"] = (
        overall["errors"] > 0  # the restart was felt …
        and statuses.get("500", 0) == 0  # … as clean 503s, never a bare 500
        and recovered > 0
        and check["lost"] == 0
        and check["duplicated"] == 0
        and worker_alive
    )
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["worker", "database"])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="innochallenge-faults-"))
    env = rig.django_env(rig.fresh_database("innochallenge_bench_faults"), folder)
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "VAR_DIR", "DJANGO_SETTINGS_MODULE", "DEBUG")})
    import django

    django.setup()
    from django.core.management import call_command

    rig.set_up(folder, max(args.users, 1), 2)
    call_command("collectstatic", interactive=False, verbosity=0)
    results = {}
    if args.only in (None, "worker"):
        print("worker killed mid-import …", flush=True)
        results["worker_killed_mid_import"] = kill_mid_import(folder, env)
        print(results["worker_killed_mid_import"], flush=True)
        print("worker killed mid-push …", flush=True)
        results["worker_killed_mid_push"] = kill_mid_push(folder, env)
        print(results["worker_killed_mid_push"], flush=True)
    if args.only in (None, "database"):
        print(f"PostgreSQL restarted under load ({args.users} enterprises, {args.seconds} s) …", flush=True)
        results["database_restarted_under_load"] = restart_database_under_load(
            folder, env, args.users, args.seconds, args.port
        )
        print(results["database_restarted_under_load"], flush=True)
    from _common import write_result

    write_result("faults", results, folder=str(folder))
    ok = all(r["passed"] for r in results.values())
    print("OK: every fault scenario passed" if ok else "FAILED: a fault scenario did not pass", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
