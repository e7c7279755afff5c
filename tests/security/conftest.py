"""One scenario with an object behind every route: the hs2021 campaign, a published demand with two
solutions, an open matchmaking event, a live final with its panel, a technology contract, a job and an
achievement; and one user per role of the route matrix."""

import datetime as dt
from dataclasses import dataclass

import pytest

from innochallenge.contracts import services as contracts
from innochallenge.events import services as events
from innochallenge.jobs.models import Job
from innochallenge.matching import library
from tests.events.conftest import fair  # noqa: F401  (fixture)
from tests.factories.accounts import UserFactory
from tests.judging.conftest import final  # noqa: F401  (fixture)
from tests.solutions.conftest import published, world  # noqa: F401  (fixtures)

ROLES = (
    "anonymous",
    "organiser",
    "liaison",
    "broker",
    "enterprise",
    "other enterprise",
    "provider",
    "other provider",
    "judge",
    "judge off panel",
)

ACHIEVEMENT = {
    "title": "交联聚酰亚胺薄膜及其制备方法",
    "abstract": "一种交联聚酰亚胺薄膜，在150℃下长期使用，热收缩率低于0.05%。",
    "keywords": "聚酰亚胺，薄膜",
    "field": "新材料",
    "owner": "示例大学",
    "kind": "patent",
    "maturity": "pilot",
}


@dataclass
class Scenario:
    world: object  # tests/solutions/conftest.py: the demand, its two solutions, their providers
    final: object  # tests/judging/conftest.py: an open live final of both solutions, with its panel
    fair: object  # tests/events/conftest.py: an open event; the demand's owner and the provider registered
    contract: object
    job: object
    achievement_id: int
    users: dict  # role → user (None: anonymous)

    @property
    def demand(self):
        return self.world.demand

    @property
    def campaign(self):
        return self.world.demand.campaign


@pytest.fixture
def scenario(world, final, fair) -> Scenario:  # noqa: F811
    organiser = world.organiser
    events.register(fair.event, world.provider)
    contract = contracts.register_contract(
        world.demand.campaign,
        demand=world.demand,
        solution=world.solution,
        number="2021-JS-0001",
        registration_number="320500-2021-0001",
        amount_yuan="2000000",
        signed_on=dt.date(2021, 9, 1),
        by=organiser,
    )
    job = Job.objects.create(kind="test", label="test job", created_by=organiser)
    [achievement_id] = library.save_achievements([dict(ACHIEVEMENT)], by=organiser, source="test").ids
    users = {
        "anonymous": None,
        "organiser": organiser,
        "liaison": world.users["liaison"],
        "broker": world.broker,
        "enterprise": world.owner,
        "other enterprise": world.users["another enterprise"],
        "provider": world.provider,
        "other provider": world.rival,
        "judge": final.judges[0],
        "judge off panel": UserFactory(role="judge"),
    }
    return Scenario(world, final, fair, contract, job, achievement_id, users)
