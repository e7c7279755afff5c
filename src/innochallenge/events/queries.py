"""Read-only questions about events: who sees which, what a participant's agenda holds, and how each
party is named to the other. Every name of an enterprise shown here comes from
`publication.naming.enterprise_seen_by`, for the reader at hand: an enterprise hiding its name on a
demand it brings is "某企业" to the other side, listed with only the demands that hide it."""

import logging
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from innochallenge.accounts.enums import Role
from innochallenge.demands.models import Demand
from innochallenge.events.enums import EventState, MeetingState, Side
from innochallenge.events.models import Event, Meeting, MeetingRequest, Registration
from innochallenge.matching import services as matching
from innochallenge.matching.documents import PROVIDER
from innochallenge.publication.naming import enterprise_seen_by
from innochallenge.publication.public import public_demands, public_view
from innochallenge.solutions.models import ProviderProfile

logger = logging.getLogger(__name__)


def events_visible_to(user) -> QuerySet[Event]:
    """Organisers see every event; others those open, scheduled or closed (never drafts)."""
    events = Event.objects.select_related("campaign", "district", "industry_field")
    if getattr(user, "is_authenticated", False) and user.role == Role.ORGANISER:
        return events
    return events.exclude(state=EventState.DRAFT)


def registration_of(event: Event, user) -> Registration | None:
    org = getattr(user, "organisation_id", None) if getattr(user, "is_authenticated", False) else None
    return event.registrations.filter(organisation_id=org).first() if org else None


def with_public_demands(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """`public`: the demands brought that the public may see; `brought`: every demand brought, with its
    display choice (a demand withdrawn since still hid or showed the name while it was listed)."""
    return registrations.select_related("organisation").prefetch_related(
        Prefetch("demands", queryset=public_demands().select_related("organisation"), to_attr="public"),
        Prefetch("demands", queryset=Demand.objects.select_related("publication"), to_attr="brought"),
    )


@dataclass
class Party:
    """A registration as one reader sees it: its name and the public titles of the demands that may be
    listed under that name."""

    registration: Registration
    name: str
    demands: list[str] = field(default_factory=list)
    masked: bool = False
    demand_ids: frozenset[int] = frozenset()


def party(registration: Registration, lang: str, *, reader) -> Party:
    """`registration` as `reader` may see it, in `lang` (see `publication.naming`)."""
    brought: list[Demand] | None = getattr(registration, "brought", None)
    if brought is None:
        brought = list(registration.demands.select_related("publication"))
    public: list[Demand] | None = getattr(registration, "public", None)
    if public is None:
        public = list(public_demands().filter(pk__in=[d.pk for d in brought]))
    seen = enterprise_seen_by(reader, registration.organisation, brought, lang)
    listed = frozenset(d.pk for d in seen.demands)
    titles = [public_view(d, lang)["title"] for d in public if d.pk in listed]
    return Party(registration, seen.name, titles, seen.masked, listed)


def other_side(event: Event, registration: Registration) -> QuerySet[Registration]:
    wanted = Side.PROVIDER if registration.side == Side.ENTERPRISE else Side.ENTERPRISE
    return with_public_demands(event.registrations.filter(side=wanted))


def requests_of(registration: Registration) -> QuerySet[MeetingRequest]:
    return (
        MeetingRequest.objects.filter(Q(sender=registration) | Q(recipient=registration))
        .select_related("sender__organisation", "recipient__organisation", "event")
        .order_by("-created_at", "-pk")
    )


@dataclass
class AgendaRow:
    meeting: Meeting
    starts_at: object
    ends_at: object
    table: int
    party: Party
    demands: list[str]
    interpreter: bool
    priority: int


def agenda(registration: Registration, lang: str, *, reader) -> list[AgendaRow]:
    """The participant's scheduled meetings in time order, each with whom and which demands, as `reader`
    (the participant, or the organiser) may see them."""
    meetings = (
        Meeting.objects.filter(
            Q(request__sender=registration) | Q(request__recipient=registration),
            state__in=(MeetingState.SCHEDULED, MeetingState.HELD),
        )
        .select_related("event", "request")
        .order_by("slot")
    )
    others = {
        r.pk: r
        for r in with_public_demands(
            Registration.objects.filter(
                Q(sent_requests__meeting__in=meetings) | Q(received_requests__meeting__in=meetings)
            ).distinct()
        )
    }
    mine = party(registration, lang, reader=reader)
    rows = []
    for m in meetings:
        other_id = m.request.recipient_id if m.request.sender_id == registration.pk else m.request.sender_id
        other = party(others[other_id], lang, reader=reader)
        enterprise = mine if registration.side == Side.ENTERPRISE else other
        rows.append(
            AgendaRow(
                m,
                m.starts_at,
                m.ends_at,
                m.table_number,
                other,
                enterprise.demands,
                m.request.needs_interpreter,
                m.request.priority,
            )
        )
    return rows


def plan(event: Event) -> list[tuple[int, object, list[Meeting | None]]]:
    """The organiser's table plan: per slot, its start and each table's meeting (or None)."""
    grid = {
        (m.slot, m.table): m
        for m in event.meetings.filter(
            state__in=(MeetingState.SCHEDULED, MeetingState.HELD, MeetingState.NO_SHOW)
        ).select_related("request__sender__organisation", "request__recipient__organisation")
    }
    return [
        (s, start, [grid.get((s, t)) for t in range(event.tables)]) for s, start, _end in event.slot_times()
    ]


def suggestions(event: Event, registration: Registration, lang: str, *, reader) -> dict[int, str]:
    """Registrations of the other side that the matching engine puts among the best for `registration`,
    each with the demand that makes the match: for an enterprise, the best providers for each demand it
    brings; for a provider, the best demands for its profile among those `reader` may see listed under
    the enterprise's name (a match on a demand withheld from a masked card is no reason to show).
    Suggestions are a help, so a matching index that cannot be read (a new machine before `innochallenge
    reindex`) gives none rather than an error."""

    out: dict[int, str] = {}
    try:
        if registration.side == Side.ENTERPRISE:
            by_org = {r.organisation_id: r.pk for r in event.registrations.filter(side=Side.PROVIDER)}
            profiles = dict(
                ProviderProfile.objects.filter(organisation_id__in=by_org).values_list(
                    "pk", "organisation_id"
                )
            )
            for demand in public_demands().filter(pk__in=registration.demands.values("pk")):
                for match in matching.matches_for_demand(demand, top=20, kinds=(PROVIDER,))[PROVIDER]:
                    org = profiles.get(match.id)
                    if org is not None:
                        out.setdefault(by_org[org], public_view(demand, lang)["title"])
        else:
            profile = ProviderProfile.objects.filter(organisation_id=registration.organisation_id).first()
            if profile is None:
                return out
            wanted = {m.id for m in matching.demands_for(f"p:{profile.pk}", top=50)}
            for other in with_public_demands(event.registrations.filter(side=Side.ENTERPRISE)):
                listed = party(other, lang, reader=reader).demand_ids
                titles = [
                    public_view(d, lang)["title"]
                    for d in other.public  # type: ignore[attr-defined]  # prefetched by with_public_demands
                    if d.pk in wanted and d.pk in listed
                ]
                if titles:
                    out[other.pk] = titles[0]
    except Exception:  # see the docstring
        logger.exception("matching suggestions unavailable for registration %s", registration.pk)
        return {}
    return out
