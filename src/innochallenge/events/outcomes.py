"""What an event achieved. Each figure is defined once, here:

- table utilisation: meetings placed (scheduled, held or no-show; not cancelled) ÷ (tables × slots);
- held versus scheduled: meetings held (an outcome was recorded) and no-shows among those placed;
- unmet requests: every request that did not become a meeting, with why — declined, expired unanswered,
  cancelled, no slot both sides could attend, or no room left (tables or the two sides' other meetings);
- intentions: meetings where a side's latest answer is an intention to cooperate or a contract expected;
- signing rate: meetings held that a registered technology contract links back to ÷ meetings held."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from innochallenge.contracts.models import Contract
from innochallenge.events.enums import AskedAt, MeetingState, OutcomeResult, RequestState
from innochallenge.events.models import Event, MeetingRequest, Outcome
from innochallenge.events.scheduling import build_instance

PLACED = (MeetingState.SCHEDULED, MeetingState.HELD, MeetingState.NO_SHOW)
HOPEFUL = (OutcomeResult.INTENTION, OutcomeResult.CONTRACT_EXPECTED)

REASONS = {
    "declined": pgettext_lazy("meeting request", "Declined"),
    "expired": pgettext_lazy("meeting request", "Expired unanswered"),
    "pending": _("Still awaiting an answer"),
    "cancelled": pgettext_lazy("meeting", "Cancelled"),
    "no_common_slot": _("No slot both sides could attend"),
    "no_room": _("No room left (tables or the two sides' other meetings)"),
}


@dataclass
class Unmet:
    request: MeetingRequest
    reason: str

    @property
    def reason_label(self) -> str:
        return str(REASONS[self.reason])


@dataclass
class EventFigures:
    capacity: int
    placed: int
    held: int
    no_show: int
    cancelled: int
    requests: Counter
    unmet: list[Unmet]
    intentions: int
    signed: int = 0  # meetings held with a contract linked to them
    results: dict[int, Counter] = field(default_factory=dict)  # asked_at_days → result → answers

    @property
    def utilisation(self) -> float:
        return self.placed / self.capacity if self.capacity else 0.0

    @property
    def signing_rate(self) -> float:
        return self.signed / self.held if self.held else 0.0

    @property
    def unmet_by_reason(self) -> list[tuple[str, int]]:
        counts = Counter(u.reason for u in self.unmet)
        return [(str(REASONS[r]), counts[r]) for r in REASONS if counts[r]]


def event_figures(event: Event) -> EventFigures:
    requests = list(
        event.requests.select_related("sender__organisation", "recipient__organisation", "meeting").order_by(
            "created_at", "pk"
        )
    )
    meetings = [r.meeting for r in requests if hasattr(r, "meeting")]
    states = Counter(m.state for m in meetings)
    instance = build_instance(event, [])
    unmet = []
    for r in requests:
        meeting = getattr(r, "meeting", None)
        if meeting is not None and meeting.state in PLACED:
            continue
        if r.state != RequestState.ACCEPTED:
            unmet.append(Unmet(r, str(r.state)))
        elif meeting is not None:
            unmet.append(Unmet(r, "cancelled"))
        else:
            blocked = instance.participants.get(str(r.sender_id), frozenset()) | instance.participants.get(
                str(r.recipient_id), frozenset()
            )
            unmet.append(Unmet(r, "no_common_slot" if len(blocked) >= event.slots else "no_room"))
    latest: dict[tuple[int, str], Outcome] = {}
    results: dict[int, Counter] = {a: Counter() for a in AskedAt.values}
    for outcome in Outcome.objects.filter(meeting__event=event).order_by("asked_at_days"):
        latest[outcome.meeting_id, outcome.side] = outcome
        results[outcome.asked_at_days][outcome.result] += 1
    return EventFigures(
        capacity=event.tables * event.slots,
        placed=sum(states[s] for s in PLACED),
        held=states[MeetingState.HELD],
        no_show=states[MeetingState.NO_SHOW],
        cancelled=states[MeetingState.CANCELLED],
        requests=Counter(r.state for r in requests),
        unmet=unmet,
        intentions=len({m for (m, _side), o in latest.items() if o.result in HOPEFUL}),
        signed=Contract.objects.filter(meeting__event=event, meeting__state=MeetingState.HELD)
        .values("meeting")
        .distinct()
        .count(),
        results=results,
    )
