"""Schemathesis against the app's own /api/v1/openapi.json: every operation, a bounded number of generated
requests, each sent anonymously and with the bearer token of an organiser and of a provider. No answer may
be a 5xx, and every answer must be one the operation declares, with the declared body.

The world (hs2021, a published demand with two solutions, providers, an achievement) is built once per
test; the generated requests run inside that test's transaction, one operation after another, and every
problem is collected so that a failure lists all the operations at fault, not the first one.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis import checks as sc
from schemathesis.core.failures import FailureGroup

from innochallenge.matching import library
from innochallenge.wsgi import application
from tests.security.conftest_fuzz import bearer_headers, connections_kept
from tests.solutions.conftest import published, world  # noqa: F401  (fixtures used below)

SCHEMA = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
#: Generated requests per operation and mode; each is sent three times (anonymous, organiser, provider).
EXAMPLES = {GenerationMode.POSITIVE: 8, GenerationMode.NEGATIVE: 5}
CHECKS = [
    sc.not_a_server_error,
    sc.status_code_conformance,
    sc.content_type_conformance,
    sc.response_headers_conformance,
    sc.response_schema_conformance,
]


def _known_ids(world) -> dict[str, object]:  # noqa: F811
    """Path parameters that name rows of the world, so that requests reach past the 404."""
    achievement = library.save_achievements(
        [
            {
                "title": "Polyimide film casting",
                "abstract": "Roll-to-roll casting of polyimide films.",
                "owner": "Lab",
            }
        ],
        by=world.organiser,
        source="fuzz",
    )
    return {
        "demand_id": world.demand.pk,
        "solution_id": world.solution.pk,
        "attachment_id": world.solution.attachments.first().pk,
        "profile_id": world.provider.organisation.provider_profile.pk,
        "slug": world.demand.campaign.slug,
        "achievement_id": achievement.ids[0],
    }


def _fuzz(operation, mode: GenerationMode, callers: dict, known: dict, problems: dict) -> None:
    @settings(
        max_examples=EXAMPLES[mode],
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def run(data):
        case = data.draw(operation.as_strategy(generation_mode=mode))
        if data.draw(st.booleans()):
            for name in case.path_parameters or {}:
                if name in known:
                    case.path_parameters[name] = known[name]
        for who, headers in callers.items():
            key = (operation.label, mode.value, who)
            if key in problems:
                continue
            try:
                response = case.call(headers=headers)
                case.validate_response(response, checks=CHECKS, headers=headers)
            except FailureGroup as failures:  # recorded; the other operations and callers still run
                problems[key] = str(failures)[:3000]
            except Exception as exc:  # a crash inside the app or the test client
                problems[key] = f"{type(exc).__name__}: {exc}"[:3000]

    try:
        run()
    except Unsatisfiable:  # an operation without input has no invalid request to make
        assert mode is GenerationMode.NEGATIVE


@pytest.mark.parametrize("mode", list(EXAMPLES), ids=lambda m: m.value)
def test_every_operation_answers_as_declared(world, mode):  # noqa: F811
    callers = {
        "anonymous": {},
        "organiser": bearer_headers(world.organiser),
        "provider": bearer_headers(world.provider),
    }
    known = _known_ids(world)
    problems: dict[tuple[str, str, str], str] = {}
    with connections_kept():
        for operation in OPERATIONS:
            _fuzz(operation, mode, callers, known, problems)
    report = "\n\n".join(
        f"== {label} [{mode}] as {who}\n{text}" for (label, mode, who), text in problems.items()
    )
    assert not problems, f"{len(problems)} problems:\n{report}"
