"""Nominees drawn from the data: the final's confirmed decisions, the finalist enterprises by channel,
the attribution ledger and the events' outcomes."""

import pytest
from django.utils import translation

from innochallenge.awards import nominations, prizes
from innochallenge.judging import results
from tests.awards.test_ledger import scenario  # noqa: F401  (fixture)
from tests.events.conftest import fair  # noqa: F401  (fixture)
from tests.judging.conftest import final, run_final  # noqa: F401  (fixture)
from tests.solutions.conftest import published, world  # noqa: F401  (fixtures)

STRONG = {"completeness": 9, "feasibility": 9, "fit": 9}
WEAK = {"completeness": 5, "feasibility": 6, "fit": 5}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _category(campaign, code):
    return campaign.award_categories.select_related("campaign").get(code=code)


@pytest.fixture
def decided(final):  # noqa: F811
    run_final(final, {0: [STRONG] * 4, 1: [WEAK] * 4})
    here = final.world
    results.decide(final.round, here.demand, solution=here.solution, by=here.owner)
    return final


def test_best_solution_nominees_are_the_confirmed_decisions(decided):
    here = decided.world
    category = _category(here.demand.campaign, "best-solution")

    nominees = nominations.nominees(category)

    assert [(n.solution, n.demand, n.organisation, n.rank) for n in nominees] == [
        (here.solution, here.demand, here.solution.provider, 1)
    ]
    assert here.demand.reference in nominees[0].evidence
    assert nominees[0].key == f"demand:{here.demand.pk}"


def test_no_decision_no_best_solution_nominee(final):  # noqa: F811
    run_final(final, {0: [STRONG] * 4, 1: [WEAK] * 4})
    assert nominations.nominees(_category(final.world.demand.campaign, "best-solution")) == []


def test_finalist_enterprises_are_nominated_by_the_channel_of_their_demands(decided):
    here = decided.world
    campaign = here.demand.campaign
    assert here.demand.channel == "field"

    open_innovation = nominations.nominees(_category(campaign, "best-open-innovation"))

    assert [(n.organisation, n.figures) for n in open_innovation] == [
        (here.demand.organisation, {"demands": 1, "solutions": 2, "decided": 1})
    ]
    assert nominations.nominees(_category(campaign, "best-leading-enterprise")) == []

    here.demand.channel = "leading"
    here.demand.save(update_fields=["channel"])
    leading = nominations.nominees(_category(campaign, "best-leading-enterprise"))
    assert [n.organisation for n in leading] == [here.demand.organisation]
    assert nominations.nominees(_category(campaign, "best-open-innovation")) == []


def test_brokers_and_teams_are_nominated_from_the_ledger(scenario):  # noqa: F811
    brokers = nominations.nominees(_category(scenario.campaign, "broker-craftsmanship"))
    teams = nominations.nominees(_category(scenario.campaign, "best-service-team"))

    assert [(n.user, n.score, n.rank) for n in brokers] == [(scenario.broker, 8, 1), (scenario.other, 3, 2)]
    assert brokers[0].evidence == (
        "Demands diagnosed: 2; published: 1; matches taken up: 2; meetings held: 2; contracts signed: 1."
    )
    assert [n.organisation for n in teams] == [scenario.broker.organisation, scenario.other.organisation]


def test_organising_units_whose_events_led_to_intentions_and_contracts(scenario):  # noqa: F811
    units = nominations.nominees(_category(scenario.campaign, "best-organising-unit"))

    assert [(n.unit, n.figures) for n in units] == [
        ("相城区科技局", {"events": 1, "intentions": 1, "contracts": 1})
    ]


def test_only_a_real_nominee_can_be_found_by_its_key(scenario):  # noqa: F811
    category = _category(scenario.campaign, "broker-craftsmanship")
    found = nominations.nominee_by_key(category, f"user:{scenario.broker.pk}")
    assert found.user == scenario.broker
    assert nominations.nominee_by_key(category, f"user:{scenario.organiser.pk}") is None

    winner = prizes.confirm_winner(category, found, by=scenario.organiser)
    assert nominations.winner_key(winner) == found.key
    assert winner.evidence["contracts"] == 1
