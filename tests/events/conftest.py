import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from innochallenge.events import services
from innochallenge.events.enums import EventState
from tests.factories.accounts import UserFactory
from tests.solutions.conftest import make_provider, published  # noqa: F401  (fixture)


def new_event(campaign, organiser, **options):
    values = {
        "kind": "regional",
        "subject": campaign.districts.get(code="xiangcheng"),
        "date": timezone.localdate() + dt.timedelta(days=40),
        "venue": "相城区会议中心",
        "organising_unit": "相城区科技局",
        "tables": 3,
        "interpreter_tables": 1,
        "slots": 4,
        "first_slot_at": dt.time(9, 0),
        "slot_minutes": 20,
        "break_minutes": 10,
        "registration_deadline": timezone.now() + dt.timedelta(days=30),
    } | options
    event = services.create_event(campaign, by=organiser, **values)
    return services.set_event_state(event, EventState.OPEN, by=organiser)


@dataclass
class Fair:
    event: object
    organiser: object
    owner: object
    demand: object
    enterprise: object  # the owner's registration
    providers: list  # provider users
    registrations: list  # the providers' registrations


@pytest.fixture
def fair(published, organiser) -> Fair:  # noqa: F811
    event = new_event(published.campaign, organiser)
    enterprise = services.register(event, published.owner, demands=[published])
    providers = [
        make_provider(organiser, name_en=f"Lab {i}", contact_email=f"lab{i}@lab.example") for i in range(3)
    ]
    registrations = [services.register(event, p) for p in providers]
    return Fair(event, organiser, published.owner, published, enterprise, providers, registrations)


@pytest.fixture
def stranger(db):
    return UserFactory(role="enterprise")
