"""Acceptance 1: every solution page and endpoint, for every role. Only the parties get through (200,
201, 204, or a redirect after a POST); everyone else gets 403 or 404 (a stranger: the login page or 401)."""

import pytest
from django.db import transaction
from django.test import Client

from innochallenge.accounts.services import issue_api_token
from innochallenge.solutions import services
from innochallenge.solutions.files import link_for
from tests.factories.accounts import PASSWORD
from tests.solutions.conftest import PROFILE, pdf, solution_values

ROLES = [
    "anonymous",
    "organiser",
    "liaison",
    "broker of the demand",
    "another broker",
    "the enterprise",
    "another enterprise",
    "the provider",
    "another provider",
    "unverified provider",
    "judge",
]
PARTIES = {"organiser", "broker of the demand", "the enterprise", "the provider"}
PROVIDERS = {"the provider", "another provider", "unverified provider"}

#: name → (kind, method, path template, body maker, who may)
CASES = {
    "detail page": ("page", "get", "/solutions/{s}/", None, PARTIES),
    "edit page": ("page", "get", "/solutions/{s}/edit/", None, {"the provider"}),
    "edit": (
        "page",
        "post",
        "/solutions/{s}/edit/",
        lambda w: {"title": "t", "summary": "s"},
        {"the provider"},
    ),
    "withdraw": ("page", "post", "/solutions/{s}/withdraw/", None, {"the provider"}),
    "decide": (
        "page",
        "post",
        "/solutions/{s}/decide/",
        lambda w: {"decision": "shortlist"},
        {"organiser", "the enterprise"},
    ),
    "upload": ("page", "post", "/solutions/{s}/files/", lambda w: {"file": pdf()}, {"the provider"}),
    "remove file": ("page", "post", "/solutions/{s}/files/{a}/remove/", None, {"the provider"}),
    "message": ("page", "post", "/solutions/{s}/messages/", lambda w: {"body": "?"}, PARTIES),
    "file link": ("page", "get", "link", None, PARTIES),
    "profile page": ("page", "get", "/solutions/profile/", None, PROVIDERS),
    "providers page": ("page", "get", "/solutions/providers/", None, {"organiser"}),
    "verify a provider": (
        "page",
        "post",
        "/solutions/providers/{p}/review/",
        lambda w: {"verified": "yes"},
        {"organiser"},
    ),
    "new solution page": ("page", "get", "/solutions/new/{d}/", None, PROVIDERS),
    "submit": ("page", "post", "/solutions/{draft}/submit/", None, {"the provider"}),
    "terms page": ("page", "get", "/solutions/terms/{d}/", None, PROVIDERS),
    "accept terms": ("page", "post", "/solutions/terms/{d}/", lambda w: {"accept": "yes"}, PROVIDERS),
    "api: accept terms": ("api", "post", "/api/v1/demands/{d}/confidentiality", lambda w: {}, PROVIDERS),
    "api: save my profile": (
        "api",
        "put",
        "/api/v1/providers/me",
        lambda w: PROFILE | {"name_en": "Fresh Lab"},
        PROVIDERS,
    ),
    "api: one solution": ("api", "get", "/api/v1/solutions/{s}", None, PARTIES),
    "api: change": ("api", "patch", "/api/v1/solutions/{s}", lambda w: {"summary": "new"}, {"the provider"}),
    "api: withdraw": ("api", "post", "/api/v1/solutions/{s}/withdraw", lambda w: {}, {"the provider"}),
    "api: decision": (
        "api",
        "post",
        "/api/v1/solutions/{s}/decision",
        lambda w: {"decision": "shortlist"},
        {"organiser", "the enterprise"},
    ),
    "api: upload": (
        "api-multipart",
        "post",
        "/api/v1/solutions/{s}/attachments",
        lambda w: {"file": pdf()},
        {"the provider"},
    ),
    "api: remove file": ("api", "delete", "/api/v1/solutions/{s}/attachments/{a}", None, {"the provider"}),
    "api: versions": ("api", "get", "/api/v1/solutions/{s}/versions", None, PARTIES),
    "api: thread": ("api", "get", "/api/v1/solutions/{s}/messages", None, PARTIES),
    "api: ask": ("api", "post", "/api/v1/solutions/{s}/messages", lambda w: {"body": "?"}, PARTIES),
    "api: submit a draft": (
        "api",
        "post",
        "/api/v1/solutions/{draft}/submit",
        lambda w: {},
        {"the provider"},
    ),
    "api: start a solution": (
        "api",
        "post",
        "/api/v1/demands/{d}/solutions",
        lambda w: {"title": "t", "summary": "s"},
        PROVIDERS,
    ),
    "api: my profile": ("api", "get", "/api/v1/providers/me", None, PROVIDERS),
    "api: demands for me": (
        "api",
        "get",
        "/api/v1/providers/me/demands",
        None,
        {"the provider", "another provider"},
    ),
    "api: providers": ("api", "get", "/api/v1/providers", None, {"organiser"}),
    "api: verify": (
        "api",
        "post",
        "/api/v1/providers/{p}/review",
        lambda w: {"verified": True},
        {"organiser"},
    ),
}
PASSED = {200, 201, 204, 302}
#: Lists answer every signed-in user, each with only what it may see (test_lists_show_each_role_only_its_own).
LISTS = {"/solutions/", "/api/v1/solutions", "/api/v1/demands/{d}/solutions"}


def _client(user, kind) -> Client:
    if user is None:
        return Client()
    if kind.startswith("api"):
        return Client(
            headers={"authorization": f"Bearer {issue_api_token(username=user.username, password=PASSWORD)}"}
        )
    client = Client()
    client.force_login(user)
    return client


def _call(client, kind, method, path, body):
    if kind == "api" and body is not None:
        return getattr(client, method)(path, body, content_type="application/json")
    if body is not None:
        return getattr(client, method)(path, body)
    return getattr(client, method)(path)


@pytest.mark.parametrize("case", CASES)
def test_only_the_parties_get_through(world, case):
    kind, method, template, body, allowed = CASES[case]
    draft = services.create_solution(
        world.demand, world.provider.organisation, solution_values(world.demand), by=world.provider
    )
    ids = {
        "s": world.solution.pk,
        "a": world.solution.attachments.get().pk,
        "p": world.unverified.organisation.provider_profile.pk,
        "d": world.demand.pk,
        "draft": draft.pk,
    }
    outcome = {}
    for role in ROLES:
        user = world.users[role]
        path = (
            link_for(world.solution.attachments.get(), user)
            if template == "link" and user
            else template.format(**ids)
        )
        if template == "link" and user is None:
            path = link_for(world.solution.attachments.get(), world.owner)
        with transaction.atomic():
            response = _call(_client(user, kind), kind, method, path, body(world) if body else None)
            transaction.set_rollback(True)
        login_redirect = response.status_code == 302 and "/accounts/login/" in response.get("Location", "")
        passed = response.status_code in PASSED and not login_redirect
        outcome[role] = response.status_code
        if role in allowed:
            assert passed, f"{case}: {role} was refused ({response.status_code})"
        else:
            assert not passed, f"{case}: {role} got through ({response.status_code})"
            assert response.status_code in (401, 403, 404) or login_redirect, (
                f"{case}: {role} → {response.status_code}"
            )


def test_lists_show_each_role_only_its_own(world):
    expected = {
        "organiser": {world.solution.pk, world.rival_solution.pk},
        "the enterprise": {world.solution.pk, world.rival_solution.pk},
        "broker of the demand": {world.solution.pk, world.rival_solution.pk},
        "the provider": {world.solution.pk},
        "another provider": {world.rival_solution.pk},
    }
    for role in ROLES[1:]:
        client = _client(world.users[role], "api")
        for path in ("/api/v1/solutions", f"/api/v1/demands/{world.demand.pk}/solutions"):
            ids = {item["id"] for item in client.get(path).json()["items"]}
            assert ids == expected.get(role, set()), f"{role} {path}"


def _routes() -> set[tuple[str, str]]:
    """Every solution page (any method) and API operation, as (method, path with our placeholders)."""
    from innochallenge.api import api
    from innochallenge.solutions.urls import urlpatterns

    names = {"solution_id": "{s}", "attachment_id": "{a}", "profile_id": "{p}", "demand_id": "{d}"}
    routes = set()
    for pattern in urlpatterns:
        path = "/solutions/" + str(pattern.pattern)
        for name, placeholder in names.items():
            path = path.replace(f"<int:{name}>", placeholder)
        routes.add(("page", "link" if "<str:token>" in path else path))
    for prefix, router in api._routers:
        if not {"solutions", "solution providers"} & set(router.tags or ()):
            continue
        for path, operations in router.path_operations.items():
            full = ("/api/v1" + prefix + path).rstrip("/")
            for name, placeholder in names.items():
                full = full.replace("{" + name + "}", placeholder)
            routes |= {(method.lower(), full) for op in operations.operations for method in op.methods}
    return routes


def test_every_solution_route_is_in_the_matrix():
    covered = {
        ("page", "link" if t == "link" else t.replace("{draft}", "{s}")) for k, m, t, *_ in CASES.values()
    }
    covered |= {(m, t.replace("{draft}", "{s}")) for k, m, t, *_ in CASES.values() if k.startswith("api")}
    covered |= {("page", p) for p in LISTS} | {("get", p) for p in LISTS}
    missing = {route for route in _routes() if route not in covered}
    assert not missing, f"routes without a permission case: {sorted(missing)}"
