import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class Cli:
    """`innochallenge` in real processes on a SQLite file, with the database task backend as in
    production (the test database is not theirs to share)."""

    env: dict
    database: Path

    def command(self, *args) -> list[str]:
        return [sys.executable, "-m", "innochallenge", *args]

    def run(self, *args, timeout: float = 300) -> subprocess.CompletedProcess:
        done = subprocess.run(
            self.command(*args), env=self.env, capture_output=True, text=True, timeout=timeout
        )
        assert done.returncode == 0, done.stderr
        return done

    def shell(self, code: str) -> str:
        """Run Python in `innochallenge shell`; the last line it printed (it may print a notice first)."""
        lines = self.run("shell", "-c", code).stdout.strip().splitlines()
        return lines[-1] if lines else ""

    def start(self, *args) -> subprocess.Popen:
        return subprocess.Popen(
            self.command(*args), env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )


@pytest.fixture
def cli(tmp_path) -> Cli:
    database = tmp_path / "worker.sqlite3"
    env = {
        "DATABASE_URL": f"sqlite:///{database}",
        "VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "innochallenge.settings",  # the database task backend, as in production
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": os.pathsep.join(sys.path),  # the scripts may use the tests' factories
    }
    cli = Cli(env, database)
    cli.run("migrate", "--no-input")
    return cli
