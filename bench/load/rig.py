"""The load rig shared by `make bench-load` and `make bench-faults`: a fresh PostgreSQL database with an
open collection and enterprise accounts, the app under gunicorn, locust in another process, and the
check that every acknowledged save is in the database exactly once."""

import contextlib
import csv
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BIN = Path(sys.executable).parent
PG_SERVER = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/test").rsplit("/", 1)[0]
CAMPAIGN = "rush"


def fresh_database(name: str) -> str:
    """Drop and create database `name` on the local server; returns its URL."""
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{PG_SERVER}/{name}"


def set_up(folder: Path, accounts: int, word_files: int) -> dict:
    """Migrate, open a collection today, make `accounts` enterprises with a signed-in session each and
    `word_files` filled-in Word forms per account; returns what locust needs (also written to setup.json)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.utils import timezone

    from innochallenge.accounts.enums import OrganisationKind, Role
    from innochallenge.accounts.models import Organisation, User
    from innochallenge.campaigns import preset as presets
    from innochallenge.campaigns.services import load_preset, shifted_preset
    from innochallenge.demands.importing import campaign_options
    from innochallenge.demands.io.docx_form import write_forms

    call_command("migrate", verbosity=0)
    source = presets.read("hs2021")
    rush = shifted_preset(
        source, slug=CAMPAIGN, name_prefix=("压测 · ", "Load · "), today=timezone.localdate()
    )
    campaign = load_preset(rush).campaign
    options = campaign_options(campaign)
    form = {
        "district": "相城区",
        "contact_name": "王磊",
        "contact_phone": "13912345678",
        "contact_title": "研发部 经理",
        "contact_email": "wanglei@hengxin.example.cn",
        "company_profile": "专注于高分子功能薄膜的研发与生产，主要产品为光学膜和绝缘膜。",
        "sales_bracket": "5000万-1亿",
        "budget_wan": "150",
        "industry_field": "新材料",
        "description": "开发耐高温低收缩聚酰亚胺薄膜：在300℃下保持尺寸稳定，热收缩率低于0.1%，"
        "拉伸强度不低于200MPa，厚度12.5至50微米，满足柔性电路基材的量产要求。",
        "cooperation_modes": ["合作开发", "技术转让"],
        "broker_name": "李敏",
        "broker_phone": "0512-65246015",
    }
    words = folder / "word"
    words.mkdir(exist_ok=True)
    setup = {"form": form, "accounts": []}
    backend = settings.AUTHENTICATION_BACKENDS[-1]  # the one that signs users in (axes only guards)
    for n in range(1, accounts + 1):
        company = f"苏州压测企业{n:03d}有限公司"
        organisation = Organisation.objects.create(kind=OrganisationKind.ENTERPRISE, name=company)
        user = User.objects.create(username=f"rush{n:03d}", role=Role.ENTERPRISE, organisation=organisation)
        session = SessionStore()
        session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(user.pk), backend
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        uploads = []
        for k in range(1, word_files + 1):
            title = f"rush{n:03d} Word 需求 {k}"
            values = form | {"company_name": company, "title": title}
            path = words / f"rush{n:03d}-{k}.docx"
            path.write_bytes(write_forms([values], options))
            uploads.append({"path": str(path), "title": title, "values": {}})
        setup["accounts"].append(
            {
                "username": user.username,
                "company": company,
                "session": session.session_key,
                "word_files": uploads,
            }
        )
    (folder / "setup.json").write_text(json.dumps(setup, ensure_ascii=False))
    return setup


class Server:
    """gunicorn serving the app on 127.0.0.1:`port` with `workers` processes, as in production."""

    def __init__(self, env: dict, port: int, workers: int, log: Path):
        self.url = f"http://127.0.0.1:{port}"
        self.log = log.open("w")
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "innochallenge.wsgi",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout",
                "120",
                "--backlog",
                "2048",
                "--preload",  # load the app once before forking, as in production: no cold first requests
            ],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.wait_until_up()

    def wait_until_up(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as answer,
            ):
                if answer.status == 200:
                    return
            time.sleep(0.5)
        raise RuntimeError(f"the server did not answer on {self.url} within {seconds} s")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def locust(env: dict, user_class: str, users: int, seconds: int, prefix: Path, host: str):
    """Run locust headless in its own process; returns the Popen (wait on it) and the stats file."""
    command = [
        str(BIN / "locust"),
        "-f",
        str(HERE / "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(max(users // 5, 1)),
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        "70",
        "--host",
        host,
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        user_class,
    ]
    log = prefix.with_suffix(".log").open("w")
    return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)


def stats(prefix: Path) -> dict:
    """Locust's figures per request name: count, failures, requests/s, p50/p95/p99 in ms."""
    figures = {}
    with open(f"{prefix}_stats.csv", newline="") as rows:
        for row in csv.DictReader(rows):
            figures[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "errors": int(row["Failure Count"]),
                "requests_per_s": round(float(row["Requests/s"]), 2),
                "p50_ms": _ms(row["50%"]),
                "p95_ms": _ms(row["95%"]),
                "p99_ms": _ms(row["99%"]),
            }
    return figures


def failures(prefix: Path) -> dict:
    """How many requests failed, by what they got (status and where they were sent)."""
    found = Counter()
    with contextlib.suppress(FileNotFoundError), open(f"{prefix}_failures.csv", newline="") as rows:
        for row in csv.DictReader(rows):
            found[f"{row['Name']}: {row['Error']}"[:160]] += int(row["Occurrences"])
    return dict(found.most_common(12))


def _ms(value: str) -> float | None:
    return None if value in ("", "N/A") else float(value)


def check_acks(acks: Path) -> dict:
    """Every acknowledged save must be in the database exactly once: a draft acknowledged exists with its
    title; a submission acknowledged is handed in; each acknowledged title is filed once."""
    from innochallenge.demands.enums import NOT_SUBMITTED
    from innochallenge.demands.models import Demand

    lines = (
        [json.loads(line) for line in acks.read_text().splitlines() if line.strip()] if acks.exists() else []
    )
    # The load accounts' demands only: their titles start with the user name (rush001 …).
    load = Demand.objects.filter(campaign__slug=CAMPAIGN, title__startswith="rush")
    filed = {d.pk: d for d in load.only("pk", "title", "status")}
    per_title = Counter(d.title for d in filed.values())
    lost, wrong_state = [], []
    for ack in lines:
        demand = filed.get(ack["demand"])
        if demand is None or demand.title != ack["title"]:
            lost.append(ack)
        elif ack["kind"] == "submitted" and demand.status in NOT_SUBMITTED:
            wrong_state.append(ack)
    titles = {ack["title"] for ack in lines}
    duplicated = sorted(t for t in titles if per_title[t] > 1)
    double_filed = [ack for ack in lines if ack["kind"] == "double-submit-filed-another"]
    submitted = {ack["demand"] for ack in lines if ack["kind"] == "submitted"}
    return {
        "acknowledged_saves": len(lines),
        "acknowledged_submissions": len(submitted),
        "demands_in_database": len(filed),
        "saved_without_acknowledgement": len(set(per_title) - titles),
        "lost": len(lost) + len(wrong_state),
        "duplicated": len(duplicated) + len(double_filed),
        "examples": (lost + wrong_state)[:5] + [{"duplicated": t} for t in duplicated[:5]],
    }


def django_env(database_url: str, var_dir: Path) -> dict:
    return os.environ | {
        "DATABASE_URL": database_url,
        "VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "innochallenge.settings",
        "DEBUG": "0",
    }
