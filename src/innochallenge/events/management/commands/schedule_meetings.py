"""innochallenge schedule-meetings EVENT_ID [--time-limit S]

Expires unanswered requests, schedules the event's accepted meetings (keeping existing ones where it
can) and prints each meeting, the value reached and the bound the solver proved."""

from django.core.management.base import BaseCommand, CommandError

from innochallenge.events import services
from innochallenge.events.models import Event, Meeting


class Command(BaseCommand):
    help = "Schedule the accepted 1:1 meetings of a matchmaking event."

    def add_arguments(self, parser):
        parser.add_argument("event_id", type=int)
        parser.add_argument("--time-limit", type=float, default=10.0, help="seconds (default 10)")

    def handle(self, *args, event_id, time_limit, **options):
        event = Event.objects.filter(pk=event_id).first()
        if event is None:
            raise CommandError(f"no event {event_id}")
        try:
            result = services.schedule(event, time_limit=time_limit)
        except services.EventError as exc:
            raise CommandError(exc.message) from exc
        meetings = (
            Meeting.objects.filter(event=event, state="scheduled")
            .select_related("request__sender__organisation", "request__recipient__organisation")
            .order_by("slot", "table")
        )
        for m in meetings:
            self.stdout.write(
                f"{m.starts_at:%H:%M}  slot {m.slot + 1:>2}  table {m.table_number:>3}  "
                f"{m.request.sender.organisation} — {m.request.recipient.organisation}  "
                f"(priority {m.request.priority})"
            )
        self.stdout.write(
            f"meetings {result.scheduled}  value {result.value}  bound {result.upper_bound:g}  "
            f"{'optimal' if result.optimal else 'not proved optimal'}  {result.seconds} s"
        )
