"""A real task worker killed with SIGKILL in the middle of an import (issue 11): a second worker takes the
orphaned task back and the import completes with every demand filed exactly once.

Real processes on a SQLite file, the database task backend as in production; `make bench-faults` does the
same on PostgreSQL, with push jobs and a database restart as well."""

import signal
import sqlite3
import time

FILES = 120

SET_UP = f"""
from django.utils import timezone
from innochallenge.accounts.enums import Role
from innochallenge.accounts.models import User
from innochallenge.campaigns import preset as presets
from innochallenge.campaigns.services import load_preset
from innochallenge.demands.importing import campaign_options
from innochallenge.demands.io.docx_form import write_forms
from innochallenge.demands.jobs import IMPORT_DEMANDS, upload_dir
from innochallenge.jobs.services import start_job
from tests.factories.demands import FORM_VALUES

campaign = load_preset(presets.read("hs2021")).campaign
organiser = User.objects.create(username="organiser", role=Role.ORGANISER)
batch = upload_dir("killed")
batch.mkdir(parents=True)
options = campaign_options(campaign)
files = []
for n in range(1, {FILES} + 1):
    values = dict(FORM_VALUES, company_name=f"苏州导入企业{{n:03d}}有限公司", title=f"导入需求 {{n:03d}}")
    (batch / f"{{n:04d}}.docx").write_bytes(write_forms([values], options))
    files.append([f"{{n:04d}}.docx", f"form-{{n:03d}}.docx"])
params = {{"campaign": "hs2021", "token": "killed", "files": files}}
start_job(IMPORT_DEMANDS, by=organiser, label="import", params=params)
"""


def query(database, sql: str):
    with sqlite3.connect(database, timeout=10) as conn:
        return conn.execute(sql).fetchone()


def test_a_worker_killed_mid_import_is_resumed_by_another_without_duplicates(cli):
    cli.env |= {"WORKER_STALE_SECONDS": "2", "WORKER_BEAT_SECONDS": "1"}
    cli.shell(SET_UP)
    first = cli.start("db_worker", "--interval", "0.1", "--no-startup-delay", "--worker-id", "first")
    deadline = time.monotonic() + 120
    try:
        while query(cli.database, "SELECT done FROM jobs_job")[0] < FILES // 6:
            assert time.monotonic() < deadline, "the import did not start"
            time.sleep(0.02)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    saved_at_kill = query(cli.database, "SELECT count(*) FROM demands_demand")[0]
    assert query(cli.database, "SELECT state FROM jobs_job") == ("running",)
    assert 0 < saved_at_kill < FILES  # killed in the middle, with part of the import saved

    time.sleep(2.5)  # the first worker's heartbeat goes stale
    cli.run("db_worker", "--batch", "--no-startup-delay", "--worker-id", "second")
    assert query(cli.database, "SELECT state, attempts FROM jobs_job") == ("done", 2)
    assert query(cli.database, "SELECT count(*), count(DISTINCT title) FROM demands_demand") == (FILES, FILES)
    assert query(cli.database, "SELECT status FROM django_tasks_database_dbtaskresult") == ("SUCCESSFUL",)
