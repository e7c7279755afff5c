"""What every benchmark shares: a throw-away database and a JSON result with the machine and the date."""

import contextlib
import datetime as dt
import json
import os
import platform
import sys
import tempfile
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def set_up_django(database_url: str | None = None) -> Path:
    """Point the app at a fresh SQLite file (or DATABASE_URL when given), migrate, return the folder."""
    folder = Path(tempfile.mkdtemp(prefix="innochallenge-bench-"))
    os.environ["VAR_DIR"] = str(folder)
    os.environ["DATABASE_URL"] = (
        database_url or os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innochallenge.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return folder


def machine() -> dict:
    cpu = ""
    with contextlib.suppress(OSError, StopIteration), open("/proc/cpuinfo") as info:
        cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    return {
        "hostname": platform.node(),
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "cpu": cpu,
    }


def write_result(name: str, figures: dict, **extra) -> Path:
    RESULTS.mkdir(exist_ok=True)
    from django.conf import settings

    result = {
        "benchmark": name,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "figures": figures,
        **extra,
    }
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return path
