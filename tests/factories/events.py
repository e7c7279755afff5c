"""`EventFactory(state=…)` (or `status=`): a regional matchmaking event of hs2021 at any point of its life, as
`events.services` and `events.scheduling` leave it:
- draft: created, seen by organisers only;
- open: registration open until `registration_deadline` (30 days ahead; the event 40 days ahead);
- scheduled: also `meetings` (1 by default) scheduled: each an enterprise bringing a published demand and a
  verified provider, registered, one asking the other, the request accepted, the meeting at a table in a
  slot (slot 0, table 0 first);
- closed: the same, the event held yesterday and closed.

The participants are `event.registrations` (`.user` logs in), the meetings `event.meetings`."""

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from innochallenge.campaigns.enums import EventKind
from innochallenge.demands.enums import DemandStatus
from innochallenge.events.enums import EventState, RequestState, Side
from innochallenge.events.models import Event, Meeting, MeetingRequest, Registration
from tests.factories.campaigns import hs2021, option
from tests.factories.demands import DemandFactory
from tests.factories.solutions import provider_user

#: States in which the scheduler has placed the accepted requests.
SCHEDULED = frozenset({EventState.SCHEDULED, EventState.CLOSED})


class EventFactory(DjangoModelFactory):
    """See the module's docstring; `state=` and `status=` are the same (the model's field is `state`)."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    class Params:
        status = EventState.DRAFT

    campaign = factory.LazyFunction(hs2021)
    kind = EventKind.REGIONAL
    district = factory.LazyAttribute(lambda o: option(o.campaign.districts, "相城区"))
    name = factory.LazyAttribute(lambda o: f"{o.campaign.name}·（{o.district.name}）专场对接会")
    name_en = factory.LazyAttribute(lambda o: f"{o.campaign.name_en} · {o.district.name_en} matchmaking")
    organising_unit = "相城区科技局"
    venue = "相城区会议中心"
    state = factory.SelfAttribute("status")
    #: A closed event was held yesterday; the others are 40 days ahead, registration open for 30.
    date = factory.LazyAttribute(
        lambda o: timezone.localdate() + dt.timedelta(days=-1 if o.state == EventState.CLOSED else 40)
    )
    registration_deadline = factory.LazyAttribute(
        lambda o: timezone.now() + dt.timedelta(days=-10 if o.state == EventState.CLOSED else 30)
    )
    tables = 3
    interpreter_tables = 1
    slots = 4
    first_slot_at = dt.time(9, 0)
    slot_minutes = 20
    break_minutes = 10

    @factory.post_generation
    def meetings(obj, create, extracted, **kwargs):
        """The meetings of a scheduled (or closed) event: `meetings=N` of them, 1 by default."""
        if create and obj.state in SCHEDULED:
            for index in range(1 if extracted is None else extracted):
                place_meeting(obj, slot=index % obj.slots, table=index // obj.slots)


def place_meeting(event: Event, *, slot: int = 0, table: int = 0) -> Meeting:
    """A scheduled meeting of `event`: a new enterprise with a published demand meets a new verified provider,
    the enterprise having asked and the provider accepted."""
    demand = DemandFactory(status=DemandStatus.PUBLISHED, campaign=event.campaign)
    enterprise = Registration.objects.create(
        event=event, organisation=demand.organisation, user=demand.created_by, side=Side.ENTERPRISE
    )
    enterprise.demands.set([demand])
    member = provider_user()
    provider = Registration.objects.create(
        event=event, organisation=member.organisation, user=member, side=Side.PROVIDER
    )
    request = MeetingRequest.objects.create(
        event=event,
        sender=enterprise,
        recipient=provider,
        state=RequestState.ACCEPTED,
        decided_at=timezone.now(),
        created_by=demand.created_by,
    )
    return Meeting.objects.create(event=event, request=request, slot=slot, table=table)
