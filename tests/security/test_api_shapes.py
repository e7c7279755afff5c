"""The input shapes an attack on the running site found answering 500 (issue 19), tried on every operation
of the API rather than the few where they were found: ids past 64 bits in paths, numbers with huge
exponents or twenty digits in queries and bodies, and, for the feeds, times without a zone or that do not
exist. Every answer must be a 4xx (or a 2xx where the value is harmless) in the API's JSON error shape.

Schemathesis (test_api_fuzz.py) draws values at random and rarely hits these edges; here each shape is sent
to each place it fits, and hypothesis draws further ones around them."""

import json
import re

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from innochallenge.api import api
from tests.security.conftest_fuzz import bearer_headers, connections_kept
from tests.solutions.conftest import published, world  # noqa: F401  (fixtures used below)

SCHEMA = api.get_openapi_schema()
PREFIX = "/api/v1"
#: Ids no table holds: past a signed 64-bit integer, and twenty digits.
HUGE_IDS = ["9223372036854775808", "99999999999999999999", "-9223372036854775809"]
#: Numbers that overflow a float or a decimal column.
HUGE_NUMBERS = ["1e309", "1e999999", "-1e999999", "99999999999999999999", "NaN", "Infinity"]


def _operations():
    for path, methods in SCHEMA["paths"].items():
        for method, operation in methods.items():
            yield path.removeprefix(PREFIX), method, operation


def _resolve(schema: dict) -> dict:
    while "$ref" in schema:
        schema = SCHEMA["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _numeric_properties(schema: dict) -> list[str]:
    """Top-level body fields that take a number (an integer, a number, or a number given as a string)."""
    properties = _resolve(schema).get("properties", {})
    names = []
    for name, prop in properties.items():
        options = [_resolve(p) for p in prop.get("anyOf", [prop])]
        if any(o.get("type") in ("integer", "number") for o in options):
            names.append(name)
    return names


def _json_body(operation) -> dict | None:
    content = operation.get("requestBody", {}).get("content", {})
    return content.get("application/json", {}).get("schema")


def _path_with(path: str, value: str, known: dict) -> str:
    def fill(match):
        name = match.group(1)
        if name in known:
            return str(known[name])
        return value if name.endswith("_id") else "x"

    return re.sub(r"\{(\w+)\}", fill, path)


def _call(client: Client, method: str, path: str, *, query=None, body: str | None = None, headers=None):
    kwargs = {"headers": headers or {}}
    if method == "get":
        return client.get(PREFIX + path, query or {}, **kwargs)
    return getattr(client, method)(
        PREFIX + path + ("?" + "&".join(f"{k}={v}" for k, v in (query or {}).items()) if query else ""),
        data=body if body is not None else "{}",
        content_type="application/json",
        **kwargs,
    )


def _judge(response, problems: list, what: str) -> None:
    if response.status_code >= 500:
        problems.append(f"{what}: {response.status_code}")
        return
    if response.status_code >= 400:
        try:
            payload = response.json()
        except ValueError:
            problems.append(f"{what}: {response.status_code} not JSON")
            return
        if not isinstance(payload, dict) or "detail" not in payload:
            problems.append(f"{what}: {response.status_code} without detail: {payload!r:.200}")


def _known(world) -> dict:  # noqa: F811
    return {"slug": world.demand.campaign.slug}


@pytest.fixture
def callers(world):  # noqa: F811
    return {"organiser": bearer_headers(world.organiser), "provider": bearer_headers(world.provider)}


def test_ids_past_64_bits_in_any_path_are_a_4xx_in_json(world, callers):  # noqa: F811
    client, known, problems = Client(raise_request_exception=False), _known(world), []
    with connections_kept():
        for path, method, _operation in _operations():
            if "_id}" not in path:
                continue
            for value in HUGE_IDS:
                for who, headers in callers.items():
                    response = _call(client, method, _path_with(path, value, known), headers=headers)
                    _judge(response, problems, f"{method.upper()} {path} id={value} as {who}")
                    assert response.status_code != 200 or method == "get", (path, value)
    assert not problems, "\n".join(problems)


def test_huge_numbers_in_any_numeric_query_are_never_a_500(world, callers):  # noqa: F811
    client, problems = Client(raise_request_exception=False), []
    known = _known(world) | {"demand_id": world.demand.pk, "solution_id": world.solution.pk}
    with connections_kept():
        for path, method, operation in _operations():
            names = [
                p["name"]
                for p in operation.get("parameters", [])
                if p["in"] == "query" and p["name"] not in ("q", "lang", "campaign", "status", "channel")
            ]
            for name in names:
                for value in HUGE_NUMBERS:
                    response = _call(
                        client,
                        method,
                        _path_with(path, "1", known),
                        query={name: value},
                        headers=callers["organiser"],
                    )
                    _judge(response, problems, f"{method.upper()} {path}?{name}={value}")
    assert not problems, "\n".join(problems)


def test_huge_numbers_in_any_numeric_body_field_are_a_4xx_in_json(world, callers):  # noqa: F811
    client, problems = Client(raise_request_exception=False), []
    known = _known(world) | {"demand_id": world.demand.pk, "solution_id": world.solution.pk}
    seen = 0
    with connections_kept():
        for path, method, operation in _operations():
            schema = _json_body(operation)
            if schema is None:
                continue
            for name in _numeric_properties(schema):
                for value in HUGE_NUMBERS:
                    # Raw JSON text: 1e999999 is a valid JSON number that Python reads as infinity.
                    for body in (f'{{"{name}": {value}}}', json.dumps({name: value})):
                        seen += 1
                        response = _call(
                            client,
                            method,
                            _path_with(path, "1", known),
                            body=body,
                            headers=callers["organiser"],
                        )
                        _judge(response, problems, f"{method.upper()} {path} {body}")
                        assert response.status_code != 201, (path, body)
    assert seen, "no operation takes a number in its body: the sweep tested nothing"
    assert not problems, "\n".join(problems)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(
    since=st.one_of(
        st.dates().map(lambda d: d.isoformat()),
        st.datetimes().map(lambda d: d.isoformat()),
        st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
        st.from_regex(r"\A\d{1,6}-\d{1,3}-\d{1,3}(T\d{1,3}:\d{1,3}(:\d{1,3})?)?\Z"),
        st.text(max_size=30),
    )
)
def test_any_since_in_a_feed_is_answered_without_a_500(db, since):
    response = Client(raise_request_exception=False).get("/feeds/all.json", {"since": since})
    assert response.status_code in (200, 400), (since, response.status_code)
    if response.status_code == 400:
        assert "since" in response.json()["errors"]
