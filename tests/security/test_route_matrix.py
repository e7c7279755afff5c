"""Every URL and API operation × every role (tests/security/routes.py holds the expectations).

The routes come from the URL conf and the API's OpenAPI schema, so a new route without an entry in the
registry fails `test_every_route_has_an_entry`. The matrix tests ask each route as each role inside a
rolled-back transaction, and check on the way that every form a page shows carries a CSRF token.
"""

import copy
import json
import os
import re
import time

from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from innochallenge.accounts.services import issue_api_token
from tests.factories.accounts import PASSWORD
from tests.security import routes
from tests.security.conftest import ROLES, scenario  # noqa: F401  (fixture)

API_PREFIX = "/api/v1"
POST_FORM = re.compile(r"<form\b[^>]*method=[\"']?post[\"']?[^>]*>(.*?)</form>", re.IGNORECASE | re.DOTALL)
#: An inline script, not a JSON data block (which the browser never runs, so the CSP allows it).
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\b(?:src=|type=[\"']application/json))[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<[a-z][^>]*\sstyle=", re.IGNORECASE)


def _url_names(resolver=None, namespace=""):
    """(name, route) of every pattern of the URL conf, through includes, with namespaces."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            for name, route in _url_names(pattern, inner):
                yield name, str(pattern.pattern) + route
        elif isinstance(pattern, URLPattern):
            yield (f"{namespace}{pattern.name}" if pattern.name else None), str(pattern.pattern)


def _api_operations() -> set[tuple[str, str]]:
    from innochallenge.api import api

    schema = api.get_openapi_schema()
    return {(method.upper(), path) for path, operations in schema["paths"].items() for method in operations}


def test_every_route_has_an_entry():
    operations = _api_operations()
    api_paths = {path for _, path in operations}
    missing, unnamed = [], []
    for name, route in _url_names():
        if name is None:
            if not route.startswith("admin/"):  # the admin's own unnamed redirects are the admin's
                unnamed.append(route)
        elif name.startswith(routes.ADMIN_PREFIX) or name in routes.PAGES:
            continue
        elif name.startswith("api:"):
            path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
            if path not in api_paths:
                missing.append(name)
        else:
            missing.append(name)
    assert unnamed == [], "routes without a name cannot be in the matrix"
    assert missing == [], f"routes without an entry in tests/security/routes.py: {missing}"
    assert sorted(operations - set(routes.API_EXPECT)) == [], "API operations without an entry"


def test_every_entry_is_a_route():
    names = {name for name, _ in _url_names()}
    assert sorted(set(routes.PAGES) - names) == []
    assert sorted(set(routes.API_EXPECT) - _api_operations()) == []
    assert sorted({name for name, _ in routes.EXPECT} - set(routes.PAGES) - set(routes.ADMIN_PAGES)) == []


def _outcome(response, api: bool) -> str:
    status = response.status_code
    if status == 302 and "/login/" in response.get("Location", ""):
        return "L"
    if status == 401 and api:
        return "L"
    if 200 <= status < 400:
        return "o"
    return {403: "f", 404: "h", 405: "-", 400: "i", 409: "c", 422: "i"}.get(status, str(status))


def _matches(expected: str, observed: list[str]) -> bool:
    return len(expected) == len(observed) and all(
        e in ("*", o) for e, o in zip(expected, observed, strict=True)
    )


def _rolled_back(call):
    with transaction.atomic():
        response = call()
        transaction.set_rollback(True)
    return response


class _Sessions:
    """One signed-in client per role, its session restored before every request (a logout must not end
    it). Clients are made once: each builds a handler, and whitenoise scans the static files for it."""

    def __init__(self, s):
        self.clients, self.cookies = {}, {}
        for role in ROLES:
            client = self.clients[role] = Client()
            if s.users[role] is not None:
                client.force_login(s.users[role])
            self.cookies[role] = copy.deepcopy(client.cookies)

    def client(self, role) -> Client:
        client = self.clients[role]
        client.cookies = copy.deepcopy(self.cookies[role])
        return client


def _form_problems(name, role, response) -> list[str]:
    if "text/html" not in response.get("Content-Type", "") or response.status_code != 200:
        return []
    html = response.content.decode()
    problems = [
        f"{name} as {role}: a POST form without csrfmiddlewaretoken"
        for form in POST_FORM.findall(html)
        if "csrfmiddlewaretoken" not in form
    ]
    if INLINE_SCRIPT.search(html) or INLINE_STYLE.search(html):
        problems.append(f"{name} as {role}: inline script or style (the CSP forbids it)")
    return problems


def _report(wrong: dict, observed: dict) -> str:
    """The differences, as registry lines ready to read (and, after review, to paste)."""
    if os.environ.get("ROUTE_MATRIX_DUMP"):
        print(json.dumps({f"{k[0]} {k[1]}": v for k, v in observed.items()}, ensure_ascii=False, indent=0))
    return "\n".join(f"{key!r}: expected {exp!r}, got {got!r}" for key, (exp, got) in wrong.items())


def test_pages_answer_each_role_as_the_registry_says(scenario):  # noqa: F811
    sessions = _Sessions(scenario)
    wrong, observed, form_problems = {}, {}, []
    for name, (kwargs, methods) in {**routes.PAGES, **routes.ADMIN_PAGES}.items():
        for method in methods:
            letters = []
            started = time.perf_counter()
            for role in ROLES:
                user = scenario.users[role]
                url = (
                    routes.file_link(scenario, user)
                    if kwargs is None
                    else reverse(name, kwargs=kwargs(scenario))
                )
                client = sessions.client(role)
                data = (
                    routes.POST_DATA[name](scenario) if method == "post" and name in routes.POST_DATA else {}
                )
                response = _rolled_back(lambda: getattr(client, method)(url, data))  # noqa: B023
                letters.append(_outcome(response, api=False))
                if method == "get":
                    form_problems += _form_problems(name, role, response)
            observed[name, method] = "".join(letters)
            if os.environ.get("ROUTE_MATRIX_DUMP"):
                print("TIME", name, method, round(time.perf_counter() - started, 2))
            expected = routes.EXPECT.get((name, method), "")
            if not _matches(expected, letters):
                wrong[name, method] = (expected, "".join(letters))
    assert wrong == {}, _report(wrong, observed)
    assert form_problems == []


def _api_clients(s) -> dict:
    clients = {"anonymous": Client()}
    for role in ROLES[1:]:
        token = issue_api_token(username=s.users[role].username, password=PASSWORD)
        clients[role] = Client(headers={"authorization": f"Bearer {token}"})
    return clients


def test_api_answers_each_role_as_the_registry_says(scenario):  # noqa: F811
    clients = _api_clients(scenario)
    wrong, observed = {}, {}
    for method, template in sorted(_api_operations()):
        path = API_PREFIX + re.sub(
            r"\{(\w+)\}",
            lambda m: str(routes.API_PARAMETERS[m[1]](scenario)),
            template.removeprefix(API_PREFIX),
        )
        make_body = routes.API_BODIES.get((method, template))
        body = make_body(scenario) if make_body else ("" if method == "GET" else {})
        letters = []
        for role in ROLES:
            client = clients[role]
            if method == "GET":
                response = _rolled_back(lambda: client.get(path + body))  # noqa: B023
            else:
                response = _rolled_back(
                    lambda: client.generic(method, path, json.dumps(body), content_type="application/json")  # noqa: B023
                )
            letters.append(_outcome(response, api=True))
        observed[method, template] = "".join(letters)
        expected = routes.API_EXPECT.get((method, template), "")
        if not _matches(expected, letters):
            wrong[method, template] = (expected, "".join(letters))
    assert wrong == {}, _report(wrong, observed)
