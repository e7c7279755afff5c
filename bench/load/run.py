"""`make bench-load`: the last evening before the collection deadline (issue 11).

The app runs under gunicorn (several workers) on a fresh PostgreSQL database; locust, in another process
on 127.0.0.1, first drives the bare health check (the cheapest Django request, for the ratio), then 200
concurrent enterprises saving, submitting, uploading Word forms and pressing submit twice for a bounded
time. Then every acknowledged save is looked for in the database: none may be lost or filed twice.
Writes bench/results/load_submissions.json; exits 1 when anything was lost or duplicated.

    python bench/load/run.py [--users 200] [--seconds 90] [--bare-seconds 30] [--workers 5]
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import rig  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200, help="concurrent enterprises")
    parser.add_argument("--seconds", type=int, default=90, help="how long the enterprises file")
    parser.add_argument("--bare-seconds", type=int, default=30, help="how long the bare endpoint is driven")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--word-files", type=int, default=3, help="filled-in Word forms per enterprise")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="innochallenge-load-"))
    database_url = rig.fresh_database("innochallenge_bench_load")
    env = rig.django_env(database_url, folder)
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "VAR_DIR", "DJANGO_SETTINGS_MODULE", "DEBUG")})
    import django

    django.setup()
    from django.core.management import call_command

    print(f"setting up {args.users} enterprises in {folder} …", flush=True)
    rig.set_up(folder, args.users, args.word_files)
    call_command("collectstatic", interactive=False, verbosity=0)
    from django.db import connections

    connections.close_all()

    acks = folder / "acks.jsonl"
    env |= {"LOAD_SETUP": str(folder / "setup.json"), "LOAD_ACKS": str(acks), "LOAD_CAMPAIGN": rig.CAMPAIGN}
    server = rig.Server(env, args.port, args.workers, folder / "gunicorn.log")
    try:
        print(f"bare endpoint: {args.users} users for {args.bare_seconds} s …", flush=True)
        bare = rig.locust(env, "Bare", args.users, args.bare_seconds, folder / "bare", server.url)
        bare.wait()
        print(f"enterprises: {args.users} users for {args.seconds} s …", flush=True)
        filing = rig.locust(env, "Enterprise", args.users, args.seconds, folder / "filing", server.url)
        filing.wait()
    finally:
        server.stop()

    bare_stats = rig.stats(folder / "bare")["bare: /healthz"]
    filing_stats = rig.stats(folder / "filing")
    check = rig.check_acks(acks)
    overall = filing_stats.pop("Aggregated")
    submissions_per_s = round(check["acknowledged_submissions"] / args.seconds, 2)
    figures = {
        "concurrent_enterprises": args.users,
        "seconds": args.seconds,
        "submissions_per_s": submissions_per_s,
        "requests_per_s": overall["requests_per_s"],
        "p50_ms": overall["p50_ms"],
        "p95_ms": overall["p95_ms"],
        "p99_ms": overall["p99_ms"],
        "errors": overall["errors"],
        "error_rate": round(overall["errors"] / max(overall["requests"], 1), 4),
        "bare_requests_per_s": bare_stats["requests_per_s"],
        "bare_p50_ms": bare_stats["p50_ms"],
        "bare_p95_ms": bare_stats["p95_ms"],
        "bare_p99_ms": bare_stats["p99_ms"],
        "ratio_requests_per_s_to_bare": round(
            overall["requests_per_s"] / max(bare_stats["requests_per_s"], 1e-9), 3
        ),
        "ratio_p50_to_bare": round((overall["p50_ms"] or 0) / max(bare_stats["p50_ms"] or 1, 1e-9), 2),
        "lost": check["lost"],
        "duplicated": check["duplicated"],
        **{k: check[k] for k in ("acknowledged_saves", "acknowledged_submissions", "demands_in_database")},
        "saved_without_acknowledgement": check["saved_without_acknowledgement"],
    }
    from _common import write_result

    write_result(
        "load_submissions",
        figures,
        per_request=filing_stats,
        failures=rig.failures(folder / "filing"),
        lost_or_duplicated_examples=check["examples"],
        setup={
            "server": f"gunicorn, {args.workers} sync workers, 127.0.0.1",
            "client": "locust 2 in its own process on the same 2 cores; think time 0.2–1 s (bare: none)",
            "database": "PostgreSQL (local), fresh database",
            "mix": "3 online draft+submit : 1 Word upload+submit : 1 submit pressed twice",
        },
    )
    ok = check["lost"] == 0 and check["duplicated"] == 0 and check["acknowledged_submissions"] > 0
    print("OK: nothing lost, nothing duplicated" if ok else "FAILED: see lost/duplicated above", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
