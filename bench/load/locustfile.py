"""Enterprises in the last evening before the collection deadline (issue 11), driven by locust.

`Enterprise`: each simulated enterprise, signed in with its own account, opens the new-demand form, saves a
draft and submits it; one filing in five uploads its filled-in Word form instead and submits the draft it
becomes; one in five presses submit twice on the same page (it must file one demand). Every answer that
acknowledged a save — a redirect to the draft or to the confirmation page — is written as one JSON line to
`LOAD_ACKS`, so the driver (bench/load/run.py) can look for each one in the database afterwards.

`Bare`: the health check, the cheapest Django request there is, for the ratio on the same server.

Set by the driver: LOAD_SETUP (accounts, their session cookies, the form's values, the Word files),
LOAD_ACKS (where acknowledgements go), LOAD_CAMPAIGN.
"""

import itertools
import json
import os
import re
import time
from pathlib import Path

from locust import HttpUser, between, constant, task

SETUP = json.loads(Path(os.environ["LOAD_SETUP"]).read_text()) if "LOAD_SETUP" in os.environ else {}
ACCOUNTS = iter(SETUP.get("accounts", []))
ACKS = open(os.environ["LOAD_ACKS"], "a", buffering=1) if "LOAD_ACKS" in os.environ else None  # noqa: SIM115
NEW = f"/demands/new/?campaign={os.environ.get('LOAD_CAMPAIGN', 'rush')}"
KEY = re.compile(r'name="submission_key" value="([0-9a-f]{32})"')
LANDED = re.compile(r"/demands/(\d+)/(edit|done)/$")
TIMEOUT = 60  # seconds: a request that takes longer counts as an error
#: Think time between a user's steps, in seconds: short, so the server (not the pacing) sets the rate.
WAIT = between(*(float(s) for s in os.environ.get("LOAD_WAIT", "0.2,1").split(",")))


class Enterprise(HttpUser):
    wait_time = WAIT

    def on_start(self):
        self.account = next(ACCOUNTS)
        self.client.cookies.set("sessionid", self.account["session"])
        self.serial = itertools.count(1)
        self.word_files = iter(self.account["word_files"])

    def ack(self, kind: str, demand: int, title: str) -> None:
        line = {"kind": kind, "demand": demand, "title": title, "at": time.time()}
        ACKS.write(json.dumps(line, ensure_ascii=False) + "\n")

    def new_page(self) -> str | None:
        with self.client.get(NEW, name="open the form", catch_response=True, timeout=TIMEOUT) as answer:
            found = KEY.search(answer.text or "")
            if answer.status_code != 200 or not found:
                answer.failure(f"{answer.status_code}: no form")
                return None
            return found.group(1)

    def post(self, url: str, data: dict, name: str, lands_on: str, files=None) -> int | None:
        """POST like a browser; the demand id when redirected to its `lands_on` page ("edit" or "done")."""
        data = data | {"csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}
        with self.client.post(
            url,
            data=data,
            files=files,
            name=name,
            allow_redirects=False,
            catch_response=True,
            timeout=TIMEOUT,
        ) as answer:
            landed = LANDED.search(answer.headers.get("Location", ""))
            if answer.status_code == 302 and landed and landed.group(2) == lands_on:
                answer.success()
                return int(landed.group(1))
            answer.failure(f"{answer.status_code} {answer.headers.get('Location', '')}".strip())
            return None

    def values(self, title: str) -> dict:
        return SETUP["form"] | {"title": title, "company_name": self.account["company"]}

    def submit(self, demand: int, values: dict, title: str) -> None:
        done = self.post(f"/demands/{demand}/edit/", values | {"submit": "1"}, "submit the draft", "done")
        if done is not None:
            self.ack("submitted", done, title)

    @task(3)
    def file_online(self):
        title = f"{self.account['username']} 需求 {next(self.serial)}"
        key = self.new_page()
        if key is None:
            return
        values = self.values(title)
        demand = self.post(NEW, values | {"submission_key": key, "draft": "1"}, "save a draft", "edit")
        if demand is None:
            return
        self.ack("draft", demand, title)
        self.submit(demand, values, title)

    @task(1)
    def file_by_word(self):
        upload = next(self.word_files, None)
        key = self.new_page() if upload else None
        if key is None:
            return
        content = Path(upload["path"]).read_bytes()
        files = {"file": (Path(upload["path"]).name, content, "application/octet-stream")}
        url = f"/demands/new/from-word/?campaign={os.environ.get('LOAD_CAMPAIGN', 'rush')}"
        demand = self.post(url, {"submission_key": key}, "upload the Word form", "edit", files=files)
        if demand is None:
            return
        self.ack("draft", demand, upload["title"])
        self.submit(demand, self.values(upload["title"]) | upload["values"], upload["title"])

    @task(1)
    def submit_twice(self):
        title = f"{self.account['username']} 需求 {next(self.serial)}"
        key = self.new_page()
        if key is None:
            return
        values = self.values(title) | {"submission_key": key, "submit": "1"}
        first = self.post(NEW, values, "submit at once", "done")
        if first is None:
            return
        self.ack("submitted", first, title)
        again = self.post(NEW, values, "submit again (double click)", "done")
        if again is not None and again != first:
            self.ack("double-submit-filed-another", again, title)


class Bare(HttpUser):
    """No think time: how many of the cheapest requests the same server answers, for the ratio."""

    wait_time = constant(0)

    @task
    def health(self):
        self.client.get("/healthz", name="bare: /healthz", timeout=TIMEOUT)
