"""innochallenge push-matches [--demand ID]: plan the pushes of published demands and send the day's
digests. Safe to run again (daily from cron or a systemd timer): nothing is sent twice."""

from django.core.management.base import BaseCommand

from innochallenge.matching import push
from innochallenge.publication.public import public_demands


class Command(BaseCommand):
    help = "Push published demands to the owners of matched achievements and to matched providers."

    def add_arguments(self, parser):
        parser.add_argument("--demand", type=int, help="only this demand")

    def handle(self, *args, **options):
        demands = public_demands().filter(status="published")
        if options["demand"]:
            demands = demands.filter(pk=options["demand"])
        planned = sum(len(push.plan(d)) for d in demands)
        sent = push.send_digests()
        self.stdout.write(f"{planned} new pushes, {sent} digests sent")
