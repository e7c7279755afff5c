"""`innochallenge serve` as a newcomer runs it: a fresh var/ folder, the web server and a task worker."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, deadline: float):
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return json.loads(response.read())
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_serve_on_a_fresh_folder_loads_hs2021_and_runs_a_worker(tmp_path):
    port = _free_port()
    dropped = ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "SITE_URL")
    env = {k: v for k, v in os.environ.items() if k not in dropped} | {"VAR_DIR": str(tmp_path)}
    server = subprocess.Popen(
        [sys.executable, "-m", "innochallenge", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        campaign = _get(f"http://127.0.0.1:{port}/api/v1/campaigns/hs2021", time.monotonic() + 90)
        worker_pid, before = _worker_pid(server)
        worker_command = Path(f"/proc/{worker_pid}/cmdline").read_bytes().split(b"\0")
        worker_environment = Path(f"/proc/{worker_pid}/environ").read_bytes().split(b"\0")
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=60)
    output = before + output

    assert len(campaign["districts"]) == 10
    assert "loaded the hs2021 preset" in output
    assert b"db_worker" in worker_command
    # SITE_URL unset: e-mailed links and .ics UIDs follow the port serve was given, in the worker too.
    assert f"links in e-mails use http://127.0.0.1:{port}" in output
    assert f"SERVE_URL=http://127.0.0.1:{port}".encode() in worker_environment
    assert server.returncode == 0
    assert not Path(f"/proc/{worker_pid}").exists()  # stopping serve stops its worker


def _worker_pid(server) -> tuple[int, str]:
    seen = ""
    for line in server.stdout:
        seen += line
        if match := re.search(r"task worker started \(pid (\d+)\)", line):
            return int(match.group(1)), seen
    raise AssertionError("serve did not start a task worker")


def test_the_listening_address_names_a_reachable_host():
    from innochallenge.site.management.commands.serve import listening_url

    assert listening_url("127.0.0.1", 8101) == "http://127.0.0.1:8101"
    assert listening_url("::1", 8101) == "http://[::1]:8101"
    wildcard = listening_url("0.0.0.0", 8101)
    assert wildcard.endswith(":8101") and "0.0.0.0" not in wildcard
