"""A job handed to the database task backend is run by a real `innochallenge db_worker` process."""

from pathlib import Path

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


def test_the_database_worker_runs_a_queued_job(cli):
    cli.shell(ENQUEUE)
    assert cli.shell(STATE) == "queued 0 0 False"
    cli.run("db_worker", "--batch", "--no-startup-delay")
    assert cli.shell(STATE) == "done 2 2 True"
