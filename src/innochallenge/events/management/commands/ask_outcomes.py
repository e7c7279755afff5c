"""innochallenge ask-outcomes [--date YYYY-MM-DD]

Asks each side of past events, 30, 90 and 180 days on, what came of the meetings it has not yet
answered for. Safe to run again (daily from cron or a systemd timer): nobody is asked twice for one ask."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from innochallenge.events import notices


class Command(BaseCommand):
    help = "Ask the participants of past matchmaking events what came of their meetings (30/90/180 days)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to act as today (YYYY-MM-DD); default today")

    def handle(self, *args, date=None, **options):
        try:
            today = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--date must be YYYY-MM-DD, not {date!r}") from exc
        self.stdout.write(f"{notices.ask_outcomes(today)} participants asked")
