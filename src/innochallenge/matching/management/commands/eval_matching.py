"""innochallenge eval-matching --achievements FILE.jsonl --queries FILE.jsonl [--json]"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from innochallenge.matching.evaluate import EvalError, evaluate


class Command(BaseCommand):
    help = (
        "Rank the queries' achievements in a temporary index and print Recall@10, MRR@10 and nDCG@10 for "
        "our ranking and for plain BM25 on the same terms, the build time and the query latency."
    )

    def add_arguments(self, parser):
        parser.add_argument("--achievements", required=True, type=Path)
        parser.add_argument("--queries", required=True, type=Path)
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument(
            "--lexical-only", action="store_true", help="leave the dense stage out (no vectors)"
        )
        parser.add_argument(
            "--cache", type=Path, help="keep the achievements' vectors in this folder for the next run"
        )

    def handle(self, *args, **options):
        def progress(done, total):
            if not options["json"]:
                sys.stderr.write(f"\rencoding achievements {done}/{total}")
                if done == total:
                    sys.stderr.write("\n")

        try:
            result = evaluate(
                options["achievements"],
                options["queries"],
                use_dense=not options["lexical_only"],
                cache=options["cache"],
                progress=progress,
            )
        except EvalError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        self.stdout.write(f"{result['achievements']} achievements, {result['queries']} queries")
        self.stdout.write(f"{'':8}{'Recall@10':>10}{'MRR@10':>10}{'nDCG@10':>10}")
        for name in ("ours", "bm25"):
            figures = result[name]
            self.stdout.write(
                f"{name:8}{figures['recall@10']:>10.3f}{figures['mrr@10']:>10.3f}{figures['ndcg@10']:>10.3f}"
            )
        self.stdout.write(
            f"lexical build {result['build_s']} s, encoding {result['encode_s']} s; "
            f"query p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms"
        )
