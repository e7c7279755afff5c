"""The permission matrix of request bodies: role × operation × body → answer, and what the database holds
afterwards.

test_route_matrix.py asks every route as every role, mostly with an empty body; the rule gaps of issue 19
were in what a body says, not in who calls: a liaison filing into or moving a demand to another district,
an enterprise naming a solution it cannot see in a contract (the 400/404 difference enumerated ids), a
provider taking the English name another goes by, a body carrying fields its sender may not set (a status,
a reviewer, an owner), and a judge scoring an entry he does not judge. Each row states one such body.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from innochallenge.demands import services as demands
from innochallenge.demands.enums import DemandStatus
from innochallenge.demands.models import Demand
from innochallenge.judging import services as judging
from innochallenge.judging.enums import EntryState
from innochallenge.judging.models import Score
from innochallenge.solutions.enums import SolutionStatus
from innochallenge.solutions.models import ProviderProfile, Solution
from tests.demands.conftest import FORM_VALUES, api_client
from tests.factories.demands import DemandFactory
from tests.factories.solutions import SolutionFactory
from tests.security.conftest import Scenario, scenario  # noqa: F401  (fixture)
from tests.solutions.conftest import PROFILE

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Row:
    id: str
    role: str
    method: str
    path: Callable  # (scenario, made) → the API path under /api/v1
    body: Callable  # (scenario, made) → the JSON body
    status: int
    #: objects the row needs besides the scenario: (scenario) → dict
    make: Callable = lambda s: {}
    #: what must hold afterwards: (scenario, made) → None, asserting
    then: Callable = lambda s, made: None


def user_of(s: Scenario, who):
    return s.users[who] if isinstance(who, str) else who


def draft_of(who, **values):
    def make(s):
        user = user_of(s, who)
        return {"draft": demands.create_demand(s.campaign, FORM_VALUES | values, by=user)}

    return make


def _wujiang(s):
    return DemandFactory(status=DemandStatus.SUBMITTED, district=s.campaign.districts.get(name="吴江区"))


def _demand(made):
    made["draft"].refresh_from_db()
    return made["draft"]


def _contract(solution):
    return lambda s, made: {
        "demand": s.demand.pk,
        "solution": solution(s, made),
        "number": "HT-2021-0099",
        "amount_yuan": "800000",
        "signed_on": "2021-08-20",
    }


def _no_contract_named(s, made):
    assert not s.demand.contracts.filter(number="HT-2021-0099").exists()


def _scoring(s):
    judging.set_entry_state(s.final.entries[0], EntryState.SCORING, by=s.world.organiser)
    return {}


def _judge_scores(role):
    def then(s, made):
        assert not Score.objects.filter(judge=s.users[role]).exists()

    return then


ROWS = [
    # demands: a liaison files and moves demands of his own district only
    Row(
        "liaison-POST-demand-into-another-district-refused",
        "liaison",
        "POST",
        lambda s, m: "/demands",
        lambda s, m: FORM_VALUES | {"district": "吴江区", "title": "跨区需求"},
        422,
        then=lambda s, m: not Demand.objects.filter(title="跨区需求").exists() or pytest.fail("filed"),
    ),
    Row(
        "liaison-POST-demand-into-his-own-district-accepted",
        "liaison",
        "POST",
        lambda s, m: "/demands",
        lambda s, m: FORM_VALUES | {"district": "相城区", "title": "本区需求"},
        201,
    ),
    Row(
        "liaison-PATCH-his-draft-into-another-district-refused",
        "liaison",
        "PATCH",
        lambda s, m: f"/demands/{m['draft'].pk}",
        lambda s, m: {"district": "吴江区"},
        422,
        make=draft_of("liaison", title="本区草稿"),
        then=lambda s, m: _demand(m).district.name == "相城区" or pytest.fail("moved"),
    ),
    Row(
        "liaison-PATCH-a-draft-of-another-district-hidden",
        "liaison",
        "PATCH",
        lambda s, m: f"/demands/{m['draft'].pk}",
        lambda s, m: {"district": "相城区"},
        404,
        make=lambda s: {"draft": _wujiang(s)},
    ),
    # demands: a body cannot set what its sender may not
    Row(
        "enterprise-PATCH-status-reviewer-owner-of-its-draft-ignored",
        "enterprise",
        "PATCH",
        lambda s, m: f"/demands/{m['draft'].pk}",
        lambda s, m: {
            "title": "改过的标题",
            "status": "published",
            "submitted_at": "2021-05-10T10:00:00+08:00",
            "assignment": {"broker": s.world.broker.pk},
            "broker": s.world.broker.username,
            "created_by": s.users["other enterprise"].pk,
            "organisation": s.users["other enterprise"].organisation_id,
            "reference": "XC-0001",
        },
        200,
        make=draft_of("enterprise", title="草稿"),
        then=lambda s, m: _assert_only_title_changed(s, _demand(m)),
    ),
    Row(
        "enterprise-PATCH-its-published-demand-refused",
        "enterprise",
        "PATCH",
        lambda s, m: f"/demands/{s.demand.pk}",
        lambda s, m: {"title": "发布后改标题", "district": "吴江区"},
        403,
        then=lambda s, m: _assert_published_unchanged(s),
    ),
    Row(
        "other-enterprise-PATCH-a-draft-not-its-own-hidden",
        "other enterprise",
        "PATCH",
        lambda s, m: f"/demands/{m['draft'].pk}",
        lambda s, m: {"title": "别人的草稿"},
        404,
        make=draft_of("enterprise", title="草稿"),
        then=lambda s, m: _demand(m).title == "草稿" or pytest.fail("changed"),
    ),
    Row(
        "enterprise-POST-diagnosis-of-its-own-demand-refused",
        "enterprise",
        "POST",
        lambda s, m: f"/demands/{s.demand.pk}/diagnosis",
        lambda s, m: {"decision": "approve"},
        403,
    ),
    Row(
        "enterprise-POST-publish-of-its-own-demand-refused",
        "enterprise",
        "POST",
        lambda s, m: f"/demands/{s.demand.pk}/publish",
        lambda s, m: {"title_en": "Self-published"},
        403,
    ),
    # contracts: a contract names only a solution handed in to its demand; any other id answers alike
    Row(
        "enterprise-POST-contract-on-another-demands-solution-404",
        "enterprise",
        "POST",
        lambda s, m: "/contracts",
        _contract(lambda s, m: m["elsewhere"].pk),
        404,
        make=lambda s: {"elsewhere": SolutionFactory(status=SolutionStatus.SUBMITTED)},
        then=_no_contract_named,
    ),
    Row(
        "enterprise-POST-contract-on-a-draft-solution-it-never-saw-404",
        "enterprise",
        "POST",
        lambda s, m: "/contracts",
        _contract(lambda s, m: m["draft"].pk),
        404,
        make=lambda s: {"draft": SolutionFactory(status=SolutionStatus.DRAFT, demand=s.demand)},
        then=_no_contract_named,
    ),
    Row(
        "enterprise-POST-contract-on-a-made-up-solution-404",
        "enterprise",
        "POST",
        lambda s, m: "/contracts",
        _contract(lambda s, m: 987_654),
        404,
        then=_no_contract_named,
    ),
    Row(
        "enterprise-POST-contract-on-a-handed-in-solution-of-its-demand-accepted",
        "enterprise",
        "POST",
        lambda s, m: "/contracts",
        _contract(lambda s, m: s.world.rival_solution.pk),
        201,
    ),
    Row(
        "other-enterprise-POST-contract-on-a-demand-not-its-own-refused",
        "other enterprise",
        "POST",
        lambda s, m: "/contracts",
        _contract(lambda s, m: s.world.rival_solution.pk),
        403,
        then=_no_contract_named,
    ),
    # providers: a name another provider goes by is refused, in either language
    Row(
        "provider-PUT-the-english-name-another-provider-goes-by-refused",
        "provider",
        "PUT",
        lambda s, m: "/providers/me",
        lambda s, m: PROFILE | {"name_en": "rival   LAB"},
        422,
        then=lambda s, m: _assert_name_en(s, "provider", PROFILE["name_en"]),
    ),
    Row(
        "provider-PUT-its-own-english-name-again-accepted",
        "provider",
        "PUT",
        lambda s, m: "/providers/me",
        lambda s, m: PROFILE,
        200,
    ),
    Row(
        "provider-POST-review-verifying-a-provider-refused",
        "other provider",
        "POST",
        lambda s, m: f"/providers/{s.world.unverified.organisation.provider_profile.pk}/review",
        lambda s, m: {"verified": True, "note": "自己审核"},
        403,
        then=lambda s, m: _assert_unverified(s),
    ),
    # solutions: a provider changes only his own, and not its status
    Row(
        "provider-PATCH-another-providers-solution-hidden",
        "other provider",
        "PATCH",
        lambda s, m: f"/solutions/{s.world.solution.pk}",
        lambda s, m: {"title": "抢来的方案"},
        404,
        then=lambda s, m: _assert_solution_title(s, s.world.solution.title),
    ),
    Row(
        "provider-PATCH-status-and-demand-of-his-solution-ignored",
        "provider",
        "PATCH",
        lambda s, m: f"/solutions/{s.world.solution.pk}",
        lambda s, m: {"title": "改过的方案", "status": "shortlisted", "demand": 987_654, "provider": 1},
        200,
        then=lambda s, m: _assert_solution_kept_its_place(s),
    ),
    Row(
        "provider-POST-decision-on-his-own-solution-refused",
        "provider",
        "POST",
        lambda s, m: f"/solutions/{s.world.solution.pk}/decision",
        lambda s, m: {"decision": "shortlist"},
        403,
    ),
    # judging: only a judge of the entry's panel scores it
    Row(
        "judge-off-panel-PUT-scores-refused",
        "judge off panel",
        "PUT",
        lambda s, m: f"/judging/entries/{s.final.entries[0].pk}/scores",
        lambda s, m: {"scores": {"fit": 9}},
        403,
        make=_scoring,
        then=_judge_scores("judge off panel"),
    ),
    Row(
        "provider-PUT-scores-of-his-own-entry-refused",
        "provider",
        "PUT",
        lambda s, m: f"/judging/entries/{s.final.entries[0].pk}/scores",
        lambda s, m: {"scores": {"fit": 10}},
        403,
        make=_scoring,
        then=_judge_scores("provider"),
    ),
    Row(
        "panel-judge-PUT-scores-of-his-entry-accepted",
        "judge",
        "PUT",
        lambda s, m: f"/judging/entries/{s.final.entries[0].pk}/scores",
        lambda s, m: {"scores": {"fit": 9}},
        200,
        make=_scoring,
    ),
    # achievements: the library is the organiser's
    Row(
        "provider-PATCH-an-achievement-refused",
        "provider",
        "PATCH",
        lambda s, m: f"/achievements/{s.achievement_id}",
        lambda s, m: {"owner": "别的大学"},
        403,
    ),
]


def _assert_only_title_changed(s, demand):
    assert (demand.title, demand.status, demand.submitted_at) == ("改过的标题", DemandStatus.DRAFT, None)
    assert demand.created_by == s.users["enterprise"]
    assert demand.organisation_id == s.users["enterprise"].organisation_id
    assert not hasattr(demand, "assignment") or demand.assignment is None


def _assert_published_unchanged(s):
    demand = Demand.objects.get(pk=s.demand.pk)
    assert (demand.title, demand.district.name) == (s.demand.title, s.demand.district.name)


def _assert_name_en(s, role, name_en):
    s.users[role].organisation.refresh_from_db()
    assert s.users[role].organisation.name_en == name_en


def _assert_unverified(s):
    profile = ProviderProfile.objects.get(pk=s.world.unverified.organisation.provider_profile.pk)
    assert not profile.verified


def _assert_solution_title(s, title):
    assert Solution.objects.get(pk=s.world.solution.pk).title == title


def _assert_solution_kept_its_place(s):
    solution = Solution.objects.get(pk=s.world.solution.pk)
    assert (solution.title, solution.demand_id) == ("改过的方案", s.demand.pk)
    assert solution.status != SolutionStatus.SHORTLISTED
    assert solution.provider_id == s.world.solution.provider_id


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_a_body_is_answered_as_the_matrix_says(scenario, row):  # noqa: F811
    made = row.make(scenario)
    client = api_client(scenario.users[row.role])

    response = client.generic(
        row.method,
        "/api/v1" + row.path(scenario, made),
        json.dumps(row.body(scenario, made)),
        content_type="application/json",
    )

    assert response.status_code == row.status, response.content.decode()
    row.then(scenario, made)
