"""innochallenge match DEMAND_ID [--top N] [--json]: a published demand's best achievements and
providers, with the terms they share and the parts of their scores."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.html import strip_tags

from innochallenge.matching import documents, services
from innochallenge.matching.api_matches import match_out
from innochallenge.publication.public import public_demands


class Command(BaseCommand):
    help = "Rank the achievements and verified providers for a published demand, with the reasons."

    def add_arguments(self, parser):
        parser.add_argument("demand_id", type=int)
        parser.add_argument("--top", type=int, default=10)
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, demand_id, top, **options):
        demand = public_demands().filter(pk=demand_id, status="published").first()
        if demand is None:
            raise CommandError(f"No published demand has the id {demand_id}.")
        found = services.matches_for_demand(demand, top=max(1, min(top, 50)))
        answer = {
            "demand": demand.pk,
            "achievements": [match_out(m) for m in found[documents.ACHIEVEMENT]],
            "providers": [match_out(m) for m in found[documents.PROVIDER]],
        }
        if options["json"]:
            self.stdout.write(json.dumps(answer, ensure_ascii=False))
            return
        self.stdout.write(f"{demand.reference} {strip_tags(documents.demand_doc(demand).title)}")
        for title, rows in (("Achievements", answer["achievements"]), ("Providers", answer["providers"])):
            self.stdout.write(f"\n{title}")
            for rank, row in enumerate(rows, start=1):
                parts = ", ".join(f"{k} {v:+.2f}" for k, v in row["parts"].items() if v)
                self.stdout.write(f"{rank:>3}. [{row['id']}] {row['title']}  {row['score']:.2f}")
                self.stdout.write(f"     {' '.join(row['shared_terms'])}  ({parts})")
