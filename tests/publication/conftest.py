import datetime as dt

import pytest

from innochallenge.demands import services as demands
from innochallenge.diagnosis import services as diagnosis
from innochallenge.publication import search
from innochallenge.publication import services as publication
from tests.factories.accounts import UserFactory

IN_WINDOW = dt.date(2021, 5, 10)


@pytest.fixture(autouse=True)
def _fresh_index():
    """Each test starts from its own database; the in-memory index must not outlive it."""
    search.reset()
    yield
    search.reset()


@pytest.fixture
def publish_demand(hs2021, organiser, broker):
    """publish_demand(values, show_company_name=…, budget_display=…, title_en=…, …) → a published demand,
    filed by its own enterprise user, diagnosed and approved by `broker`."""

    def make(values, *, show_company_name=False, budget_display="range", **english):
        owner = UserFactory(role="enterprise")
        demand = demands.create_demand(hs2021, values, by=owner, submit=True, today=IN_WINDOW)
        publication.choose_display(
            demand, show_company_name=show_company_name, budget_display=budget_display, by=owner
        )
        diagnosis.assign(demand, broker, due_on=dt.date(2021, 5, 18), by=organiser)
        diagnosis.diagnose(demand, decision="approve", by=broker)
        publication.publish(demand, by=broker, **english)
        demand.refresh_from_db()
        return demand

    return make
