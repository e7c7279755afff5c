"""innochallenge bench-schedule (--instance FILE | --participants N --requests M --slots S --tables T
--seed K) [--time-limit SECONDS] [--dump DIR] --json

Schedules a given or reproducibly generated event with the real scheduler and with first come, first
served, and prints one line: {"scheduled", "value", "upper_bound", "greedy_scheduled", "greedy_value",
"seconds"}. --dump DIR writes instance.json and schedule.json there."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from innochallenge.events import scheduler
from innochallenge.events.instance import Instance, InstanceError, generate


class Command(BaseCommand):
    help = "Schedule an event with the solver and with first-come greedy; print the figures."

    def add_arguments(self, parser):
        parser.add_argument("--instance", type=Path, help="an instance.json file")
        for name in ("participants", "requests", "slots", "tables"):
            parser.add_argument(f"--{name}", type=int)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--time-limit", type=float, default=30.0, help="seconds (default 30)")
        parser.add_argument("--dump", type=Path, help="write instance.json and schedule.json here")
        parser.add_argument("--json", action="store_true", help="print one JSON line (the default)")

    def handle(self, *args, **options):
        if options["instance"]:
            try:
                instance = Instance.read(options["instance"])
            except InstanceError as exc:
                raise CommandError(str(exc)) from exc
        else:
            sizes = [options[n] for n in ("participants", "requests", "slots", "tables")]
            if any(v is None or v < 1 for v in sizes):
                raise CommandError(
                    "Give --instance FILE, or --participants, --requests, --slots and --tables (each ≥ 1)."
                )
            instance = generate(*sizes, seed=options["seed"])
        baseline = scheduler.greedy(instance)
        result = scheduler.solve(instance, time_limit=options["time_limit"])
        problems = scheduler.violations(instance, result.places)
        if problems:  # a broken schedule must never be reported as a result
            raise CommandError("; ".join(problems[:5]))
        if options["dump"]:
            folder = options["dump"]
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "instance.json").write_text(json.dumps(instance.to_json(), ensure_ascii=False))
            schedule = [{"request": p.request, "slot": p.slot, "table": p.table} for p in result.places]
            (folder / "schedule.json").write_text(json.dumps(schedule))
        self.stdout.write(
            json.dumps(
                {
                    "scheduled": result.scheduled,
                    "value": result.value,
                    "upper_bound": result.upper_bound,
                    "greedy_scheduled": len(baseline),
                    "greedy_value": scheduler.value_of(instance, baseline),
                    "seconds": result.seconds,
                }
            )
        )
