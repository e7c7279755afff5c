"""A demand page shows a step's form exactly when the step would succeed: for every demand state and every
role, the form is on the page if and only if the user's role may take the step (`<step>.role`) and the
service, tried in a savepoint that is rolled back, takes it. The rule (`<step>`) says the same.

Submitting is left out: it also needs the collection window open (a date, not a state), and the page
shows a draft's Submit button with the window's dates beside it."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from innochallenge.accounts.enums import Role
from innochallenge.core.errors import StepRefused
from innochallenge.demands import services as demands
from innochallenge.demands.enums import DemandStatus
from innochallenge.diagnosis import services as diagnosis
from innochallenge.publication import services as publication
from tests.factories.accounts import UserFactory
from tests.factories.demands import DemandFactory

#: What a broker fills in when approving (the diagnosis form's required answers).
ASSESSMENT = {
    "site_visit_done": True,
    "site_visit_on": dt.date(2021, 6, 1),
    "technical_advancement": 4,
    "solvability": 4,
    "funding_capacity": 3,
    "indicators_stated": True,
    "field_right": True,
    "budget_credible": True,
    "solvable_as_written": True,
}


class _RolledBack(Exception):
    pass


@dataclass(frozen=True)
class Step:
    perm: str
    url: str  # where the page's form posts (or its link leads)
    take: Callable  # (demand, user) -> None, the service call the form posts to
    marker: str = 'action="{}"'


def _assign(demand, user):
    broker = UserFactory(role=Role.BROKER)
    diagnosis.assign(demand, broker, due_on=timezone.localdate() + dt.timedelta(days=7), by=user)


STEPS = [
    Step(
        "demands.edit_demand",
        "demands:edit",
        lambda d, u: demands.update_demand(d, {"title": "耐高温聚酰亚胺薄膜（修订）"}, by=u, partial=True),
        marker='href="{}"',
    ),
    Step("demands.withdraw_demand", "demands:withdraw", lambda d, u: demands.withdraw_demand(d, by=u)),
    Step("diagnosis.assign_demand", "diagnosis:assign", _assign),
    Step(
        "diagnosis.diagnose_demand",
        "diagnosis:diagnose",
        lambda demand, user: diagnosis.diagnose(demand, decision="approve", by=user, **ASSESSMENT),
    ),
    Step("publication.publish_demand", "publication:publish", lambda d, u: publication.publish(d, by=u)),
    Step("publication.close_demand", "publication:close", lambda d, u: publication.close(d, by=u)),
    Step(
        "publication.choose_display",
        "publication:display",
        lambda d, u: publication.choose_display(d, show_company_name=False, budget_display="range", by=u),
    ),
]


def _user(role: str, demand):
    if role == "organiser":
        return UserFactory(role=Role.ORGANISER)
    if role == "liaison":
        return UserFactory(role=Role.LIAISON, district=demand.district)
    if role == "other district's liaison":
        return UserFactory(
            role=Role.LIAISON, district=demand.campaign.districts.exclude(pk=demand.district_id)[0]
        )
    if role == "assigned broker":
        assignment = getattr(demand, "assignment", None)
        return assignment.broker if assignment else UserFactory(role=Role.BROKER)
    if role == "another broker":
        return UserFactory(role=Role.BROKER)
    if role == "enterprise":
        return demand.created_by
    return UserFactory(role=Role.ENTERPRISE)  # another enterprise


def _succeeds(step: Step, demand, user) -> bool:
    """Whether the service takes the step now; nothing it did is kept."""
    try:
        with transaction.atomic():
            step.take(demand, user)
            raise _RolledBack
    except _RolledBack:
        return True
    except StepRefused:
        return False


ROLES = [
    "organiser",
    "liaison",
    "other district's liaison",
    "assigned broker",
    "another broker",
    "enterprise",
    "another enterprise",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", list(DemandStatus))
def test_the_page_shows_a_step_exactly_when_it_would_succeed(hs2021, client, status, role):
    demand = DemandFactory(status=status)
    user = _user(role, demand)
    client.force_login(user)
    response = client.get(reverse("demands:detail", args=[demand.pk]))
    page = response.content.decode() if response.status_code == 200 else ""
    for step in STEPS:
        shown = step.marker.format(reverse(step.url, args=[demand.pk])) in page
        would = user.has_perm(f"{step.perm}.role", demand) and _succeeds(step, demand, user)
        assert shown == would, (
            f"{step.perm} for the {role} of a {status} demand: shown {shown}, works {would}"
        )
        assert user.has_perm(step.perm, demand) == would, f"{step.perm}: the rule disagrees with the service"
