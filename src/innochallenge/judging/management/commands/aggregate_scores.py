"""innochallenge aggregate-scores FILE.xlsx|FILE.csv [--weights criterion=w,…] [--trim 1] [--json]

Ranks the entries of a score sheet by the three methods of `judging.aggregate` (mean, trimmed mean,
z-score) and lists the judges who left an entry incomplete. The results page calls the same function, so
this is how a secretary checks a published ranking against the paper sheets; --json is for scripts."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from innochallenge.judging.aggregate import METHODS, Aggregation, aggregate, parse_weights
from innochallenge.judging.sheets import SheetError, read_sheet

TITLES = {"mean": "mean", "trimmed_mean": "trimmed mean", "zscore": "z-score"}


def as_json(result: Aggregation) -> dict:
    """The aggregation as printed by --json: scores rounded to 4 decimals."""
    out: dict[str, list] = {
        method: [
            {"rank": r.rank, "entry": r.entry, "score": round(r.score, 4), "judges": r.judges}
            for r in result.methods[method]
        ]
        for method in METHODS
    }
    out["incomplete"] = [
        {"judge": i.judge, "entry": i.entry, "missing": list(i.missing)} for i in result.incomplete
    ]
    return out


class Command(BaseCommand):
    help = "Rank the entries of a judges' score sheet (.xlsx or .csv) by mean, trimmed mean and z-score."

    def add_arguments(self, parser):
        parser.add_argument("file", help="score sheet: columns judge, entry, criterion, score")
        parser.add_argument(
            "--weights", default="", help="criterion=weight,… (a criterion not named weighs 1)"
        )
        parser.add_argument("--trim", type=int, default=1, help="totals dropped at each end (default 1)")
        parser.add_argument("--json", action="store_true", dest="json_output", help="print one JSON object")

    def handle(self, *args, file, weights, trim, json_output, **options):
        path = Path(file)
        if path.suffix.lower() not in (".xlsx", ".csv"):
            raise CommandError(f"{file}: only .xlsx and .csv score sheets can be read")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc.strerror or exc}") from exc
        try:
            result = aggregate(read_sheet(data, path.name), weights=parse_weights(weights), trim=trim)
        except SheetError as exc:
            raise CommandError("\n".join([f"{file}:", *exc.messages])) from exc
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if json_output:
            self.stdout.write(json.dumps(as_json(result), ensure_ascii=False))
            return
        for method in METHODS:
            title = TITLES[method] + (f" (trim {trim})" if method == "trimmed_mean" else "")
            self.stdout.write(self.style.MIGRATE_HEADING(title))
            for r in result.methods[method]:
                self.stdout.write(f"{r.rank:>4}  {r.score:>10.4f}  {r.judges:>3} judges  {r.entry}")
        if result.incomplete:
            self.stdout.write(self.style.WARNING("incomplete (left out)"))
            for i in result.incomplete:
                self.stdout.write(f"  {i.judge} — {i.entry}: missing {', '.join(i.missing)}")
