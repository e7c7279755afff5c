"""The library over HTTP: bulk upsert all or nothing, list with filters, read, change, delete; who may."""

import pytest
import rules
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from innochallenge.accounts.enums import Role
from innochallenge.accounts.rules import is_organiser
from innochallenge.matching import library
from innochallenge.matching.models import Achievement
from tests.demands.conftest import api_client
from tests.factories.accounts import UserFactory

URL = "/api/v1/achievements"
ITEM = {
    "title": "高精度谐波减速器",
    "abstract": "柔轮齿形修形，传动误差小于30角秒。",
    "keywords": ["谐波减速器", "柔轮"],
    "field": "高端装备",
    "owner": "苏州大学",
    "kind": "patent",
    "maturity": "中试",
    "contact_name": "王老师",
    "contact_email": "wang@suda.edu.cn",
    "contact_phone": "0512-65246015",
}


def post(client, items):
    return client.post(URL, {"items": items}, content_type="application/json")


def make(n: int = 1, **values) -> list[int]:
    rows = [dict(ITEM, title=f"{ITEM['title']}{i}", **values) for i in range(n)]
    return library.save_achievements(rows, by=None, source="test").ids


@pytest.fixture
def provider(db):
    return UserFactory(role=Role.PROVIDER)


def test_anonymous_callers_are_refused(db):
    response = Client().get(URL)
    assert response.status_code == 401
    assert set(response.json()) == {"detail", "errors"}


@pytest.mark.parametrize("role", ["enterprise_user", "provider"])
def test_enterprises_and_providers_have_no_access_to_the_library(db, request, role):
    [pk] = make()
    client = api_client(request.getfixturevalue(role))
    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}/{pk}").status_code == 403
    assert post(client, [ITEM]).status_code == 403
    assert client.patch(f"{URL}/{pk}", {"title": "x"}, content_type="application/json").status_code == 403
    assert client.delete(f"{URL}/{pk}").status_code == 403


def test_bulk_creates_then_updates_and_reports_ids(organiser):
    client = api_client(organiser)
    response = post(client, [ITEM, dict(ITEM, title="柔性压力传感器", kind="论文")])
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["created"], body["updated"], body["unchanged"], body["duplicates"]) == (2, 0, 0, 0)
    first = Achievement.objects.get(pk=body["ids"][0])
    assert (first.keywords, first.maturity, first.contact_email) == (
        "谐波减速器，柔轮",
        "pilot",
        "wang@suda.edu.cn",
    )

    again = post(client, [dict(ITEM, title=" 高精度谐波减速器 ", abstract="新"), ITEM]).json()
    assert (again["created"], again["updated"], again["duplicates"]) == (0, 0, 1)
    assert again["ids"] == [body["ids"][0]]
    assert Achievement.objects.count() == 2

    changed = post(client, [dict(ITEM, abstract="新")]).json()
    assert (changed["updated"], changed["ids"]) == (1, [body["ids"][0]])


def test_bulk_with_an_invalid_item_saves_nothing_and_names_item_and_field(organiser):
    items = [ITEM, dict(ITEM, title="乙", contact_email="nope"), {"abstract": "无名"}]
    response = post(api_client(organiser), items)
    assert response.status_code == 422
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert sorted(body["errors"]) == ["items.1.contact_email", "items.2.title"]
    assert Achievement.objects.count() == 0


def test_bulk_refuses_wrong_types_and_too_many_items(organiser):
    client = api_client(organiser)
    response = post(client, [dict(ITEM, title=["a list"])])
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["items.0.title"]
    response = post(client, [{"title": f"t{i}"} for i in range(5001)])
    assert response.status_code == 422 and "5000" in response.json()["detail"]
    assert Achievement.objects.count() == 0


def test_brokers_read_the_library_with_contacts_but_do_not_change_it(broker):
    [pk] = make()
    client = api_client(broker)
    body = client.get(f"{URL}/{pk}").json()
    assert (body["title"], body["contact_email"], body["maturity"]) == (
        "高精度谐波减速器0",
        "wang@suda.edu.cn",
        "pilot",
    )
    assert post(client, [ITEM]).status_code == 403
    assert client.patch(f"{URL}/{pk}", {"title": "x"}, content_type="application/json").status_code == 403
    assert client.delete(f"{URL}/{pk}").status_code == 403


@pytest.fixture
def contacts_for_organisers_only():
    """Narrow the contact rule, so a caller who sees the library without its contacts exists."""
    rules.set_perm("matching.view_achievement_contact", is_organiser)
    yield
    from innochallenge.accounts.rules import is_broker

    rules.set_perm("matching.view_achievement_contact", is_organiser | is_broker)


def test_contacts_are_null_for_callers_without_the_right(broker, contacts_for_organisers_only):
    [pk] = make()
    client = api_client(broker)
    body = client.get(f"{URL}/{pk}").json()
    listed = client.get(URL).json()["items"][0]
    for shown in (body, listed):
        assert [shown[k] for k in library.CONTACT_FIELDS] == [None] * 4
        assert shown["title"] == "高精度谐波减速器0"


def test_the_list_is_paginated_and_filtered(broker):
    make(3, field="高端装备", kind="patent")
    make(2, owner="南京大学", field="新材料", kind="paper")
    client = api_client(broker)
    body = client.get(URL).json()
    assert (body["count"], len(body["items"])) == (5, 5)
    assert client.get(URL, {"field": "新材料"}).json()["count"] == 2
    assert client.get(URL, {"kind": "patent"}).json()["count"] == 3
    assert client.get(URL, {"owner": "南京"}).json()["count"] == 2


def test_the_list_costs_the_same_queries_for_1_and_5_items(broker):
    client = api_client(broker)
    make(1)
    with CaptureQueriesContext(connection) as one:
        client.get(URL)
    library.save_achievements([dict(ITEM, title=f"其他{i}") for i in range(4)], by=None, source="t")
    with CaptureQueriesContext(connection) as five:
        assert len(client.get(URL).json()["items"]) == 5
    assert len(five) == len(one)


def test_patch_changes_the_fields_given_and_checks_them(organiser):
    [pk, other] = make(2)
    client = api_client(organiser)
    response = client.patch(
        f"{URL}/{pk}", {"maturity": "Industrial", "keywords": "甲，乙"}, content_type="application/json"
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["maturity"], response.json()["keywords"], response.json()["owner"]) == (
        "industrial",
        "甲，乙",
        "苏州大学",
    )

    response = client.patch(f"{URL}/{pk}", {"contact_email": "x"}, content_type="application/json")
    assert (response.status_code, list(response.json()["errors"])) == (422, ["contact_email"])
    taken = Achievement.objects.get(pk=other).title
    response = client.patch(f"{URL}/{pk}", {"title": taken}, content_type="application/json")
    assert (response.status_code, list(response.json()["errors"])) == (422, ["title"])


def test_delete_removes_and_then_404(organiser):
    [pk] = make()
    client = api_client(organiser)
    assert client.delete(f"{URL}/{pk}").status_code == 204
    assert client.delete(f"{URL}/{pk}").status_code == 404
    assert client.get(f"{URL}/{pk}").status_code == 404


def test_the_routes_are_in_the_openapi_schema(db):
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert {"post", "get"} <= set(paths[URL])
    assert {"get", "patch", "delete"} <= set(paths[URL + "/{achievement_id}"])
