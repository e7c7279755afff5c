"""A page posted twice files one demand (double clicks and phones resending in the deadline rush), the
API's Idempotency-Key does the same for programs, and an enterprise's own Word form becomes its draft."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from innochallenge.demands import services
from innochallenge.demands.enums import DemandStatus, Source
from innochallenge.demands.models import Demand
from tests.demands.conftest import api_client
from tests.demands.test_pages import post_form

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "demands"
NEW = "/demands/new/?campaign=hs2021"


def page_key(client) -> str:
    html = client.get(NEW).content.decode()
    keys = re.findall(r'name="submission_key" value="([0-9a-f]{32})"', html)
    assert keys, "the new-demand page carries its key"
    assert len(set(keys)) == 1  # one page, one demand: the online form and the Word upload share it
    return keys[0]


def word_file(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (SAMPLES / name).read_bytes())


def test_the_same_page_submitted_twice_files_one_demand(
    hs2021, enterprise_user, client_of, form_values, in_collection
):
    client = client_of(enterprise_user)
    values = form_values | {"submission_key": page_key(client)}
    first = post_form(client, NEW, values)
    again = post_form(client, NEW, values)
    demand = Demand.objects.get()
    assert demand.status == DemandStatus.SUBMITTED
    assert first["Location"] == again["Location"] == f"/demands/{demand.pk}/done/"


def test_a_draft_then_the_same_page_submitted_submits_that_draft(
    hs2021, enterprise_user, client_of, form_values, in_collection
):
    client = client_of(enterprise_user)
    values = form_values | {"submission_key": page_key(client)}
    post_form(client, NEW, values | {"title": "初稿"}, action="draft")
    response = post_form(client, NEW, values)  # the back button, then submit on the same page
    demand = Demand.objects.get()
    assert (demand.title, demand.status) == (form_values["title"], DemandStatus.SUBMITTED)
    assert response["Location"] == f"/demands/{demand.pk}/done/"


def test_each_new_page_files_its_own_demand(hs2021, enterprise_user, client_of, form_values, in_collection):
    client = client_of(enterprise_user)
    post_form(client, NEW, form_values | {"submission_key": page_key(client)})
    post_form(client, NEW, form_values | {"title": "第二项需求", "submission_key": page_key(client)})
    assert Demand.objects.count() == 2


def test_a_key_filed_once_refuses_a_second_demand_in_the_database(hs2021, enterprise_user, form_values):
    services.create_demand(hs2021, form_values, by=enterprise_user, submission_key="k" * 32)
    with pytest.raises(IntegrityError), transaction.atomic():
        services.create_demand(hs2021, form_values, by=enterprise_user, submission_key="k" * 32)
    assert Demand.objects.count() == 1


def test_another_users_key_is_not_theirs_to_continue(hs2021, enterprise_user, client_of, form_values):
    from tests.factories.accounts import UserFactory

    other = UserFactory(role=enterprise_user.role)
    services.create_demand(hs2021, form_values, by=other, submission_key="a" * 32)
    client = client_of(enterprise_user)
    with pytest.raises(IntegrityError):
        post_form(client, NEW, form_values | {"submission_key": "a" * 32}, action="draft")
    assert list(Demand.objects.values_list("created_by", flat=True)) == [other.pk]


def test_an_enterprise_uploads_its_word_form_and_submits_the_draft(
    hs2021, enterprise_user, client_of, in_collection
):
    client = client_of(enterprise_user)
    key = page_key(client)
    response = client.post(
        "/demands/new/from-word/?campaign=hs2021",
        {"file": word_file("a-checkboxes-fullwidth.docx"), "submission_key": key, "privacy_consent": "on"},
    )
    demand = Demand.objects.get()
    assert response["Location"] == f"/demands/{demand.pk}/edit/"
    assert (demand.status, demand.source, demand.source_file) == (
        DemandStatus.DRAFT,
        Source.WORD,
        "a-checkboxes-fullwidth.docx",
    )
    assert (demand.title, demand.organisation) == ("化学发光试剂冻干保护工艺", enterprise_user.organisation)
    assert demand.budget_wan == 150 and demand.district.code == "xiangcheng"

    # The same upload sent again finds the draft; the file uploaded from a new page is known by its title.
    again = client.post(
        "/demands/new/from-word/?campaign=hs2021",
        {"file": word_file("a-checkboxes-fullwidth.docx"), "submission_key": key, "privacy_consent": "on"},
    )
    later = client.post(
        "/demands/new/from-word/?campaign=hs2021",
        {
            "file": word_file("a-checkboxes-fullwidth.docx"),
            "submission_key": page_key(client),
            "privacy_consent": "on",
        },
        follow=True,
    )
    assert again["Location"] == f"/demands/{demand.pk}/edit/"
    assert f"该需求表已提交，编号 {demand.reference}" in later.content.decode()
    assert Demand.objects.count() == 1

    # The enterprise checks the draft and submits it.
    edit = client.get(f"/demands/{demand.pk}/edit/")
    assert "化学发光试剂冻干保护工艺" in edit.content.decode()
    from innochallenge.demands.services import values_of

    response = post_form(client, f"/demands/{demand.pk}/edit/", values_of(demand, key="code"))
    demand.refresh_from_db()
    assert response["Location"] == f"/demands/{demand.pk}/done/"
    assert demand.status == DemandStatus.SUBMITTED


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("e-three-forms.docx", None, "该文件包含 3 份需求表"),
        ("photo.docx", b"\x89PNG not a document", "无法读取该 Word 需求表"),
        ("sheet.xlsx", b"PK\x03\x04", "此处只能读取 Word 需求表（.docx）"),
    ],
)
def test_an_upload_that_is_not_one_form_saves_nothing_and_says_why(
    hs2021, enterprise_user, client_of, name, content, message
):
    client = client_of(enterprise_user)
    upload = word_file(name) if content is None else SimpleUploadedFile(name, content)
    response = client.post(
        "/demands/new/from-word/?campaign=hs2021", {"file": upload, "privacy_consent": "on"}
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert message in html
    assert 'action="/demands/new/?campaign=hs2021"' in html  # the online form still files a demand
    assert not Demand.objects.exists()


def test_the_api_idempotency_key_files_one_demand(hs2021, enterprise_user):
    client = api_client(enterprise_user)
    body = {"campaign": "hs2021", "title": "草稿"}
    headers = {"idempotency-key": "order-2021-0001"}
    first = client.post("/api/v1/demands", body, content_type="application/json", headers=headers)
    again = client.post("/api/v1/demands", body, content_type="application/json", headers=headers)
    other = client.post("/api/v1/demands", body, content_type="application/json")
    assert (first.status_code, again.status_code, other.status_code) == (201, 200, 201)
    assert first.json()["id"] == again.json()["id"] != other.json()["id"]
    assert Demand.objects.count() == 2

    bad = client.post(
        "/api/v1/demands", body, content_type="application/json", headers={"idempotency-key": "x"}
    )
    assert bad.status_code == 422
    assert Demand.objects.count() == 2
