"""A job handed to the database task backend is run by a real `innochallenge db_worker` process."""

import subprocess
import sys
from pathlib import Path

import pytest

HANGZHOU = Path(__file__).resolve().parents[1] / "data" / "presets" / "hangzhou2023.yaml"

ENQUEUE = f"""
from innochallenge.accounts.enums import Role
from innochallenge.accounts.models import User
from innochallenge.campaigns.jobs import LOAD_PRESET
from innochallenge.jobs.services import start_job
import json, yaml
user = User.objects.create_user("worker-test", role=Role.ORGANISER)
data = json.loads(json.dumps(yaml.safe_load(open({str(HANGZHOU)!r}, encoding="utf-8")), default=str))
print(start_job(LOAD_PRESET, by=user, label="load", params={{"preset": data}}).pk)
"""

STATE = """
from innochallenge.jobs.models import Job
from innochallenge.campaigns.models import Campaign
job = Job.objects.get()
print(job.state, job.done, job.total, Campaign.objects.filter(slug=job.result.get("slug", "-")).exists())
"""


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_a_queued_job(tmp_path):
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path}/worker.sqlite3",
        "VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "innochallenge.settings",  # the database task backend, as in production
        "PATH": "/usr/bin:/bin",
    }

    def run(*args):
        result = subprocess.run(
            [sys.executable, "-m", "innochallenge", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        lines = result.stdout.strip().splitlines()
        return lines[-1] if lines else ""  # shell may print its auto-import notice first

    run("migrate", "--no-input")
    run("shell", "-c", ENQUEUE)
    assert run("shell", "-c", STATE) == "queued 0 0 False"
    run("db_worker", "--batch", "--no-startup-delay")
    assert run("shell", "-c", STATE) == "done 2 2 True"
