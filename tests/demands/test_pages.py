"""The demand pages: the phone form behind a district's QR code, drafts, submission, posters, access."""

import pytest

from innochallenge.accounts.enums import Role
from innochallenge.demands.enums import DemandStatus, Source
from innochallenge.demands.models import Demand
from tests.demands.conftest import DESCRIPTION_50
from tests.factories.accounts import UserFactory


def post_form(client, url, values, *, action="submit"):
    data = {k: v for k, v in values.items() if v not in ("", None)}
    data[action] = "1"
    data.setdefault("privacy_consent", "on")  # the person ticks the privacy notice's box
    return client.post(url, data)


def test_qr_link_opens_the_form_with_the_district_chosen(hs2021, client):
    response = client.get("/q/hs2021/xiangcheng")
    assert response.status_code == 302
    assert response["Location"] == "/demands/new/?campaign=hs2021&district=xiangcheng&via=qr"
    # Not signed in: the form sends the visitor to log in and back.
    response = client.get(response["Location"])
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")


def test_filing_through_the_qr_code_records_the_source(
    hs2021, enterprise_user, client, form_values, in_collection
):
    client.force_login(enterprise_user)
    url = "/demands/new/?campaign=hs2021&district=xiangcheng&via=qr"
    page = client.get(url)
    assert 'value="xiangcheng" selected' in page.content.decode()
    response = post_form(client, url, form_values)
    demand = Demand.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/demands/{demand.pk}/done/"
    assert (demand.status, demand.source, demand.source_district.code) == (
        "submitted",
        Source.QR,
        "xiangcheng",
    )
    done = client.get(response["Location"]).content.decode()
    assert demand.reference in done


@pytest.mark.parametrize(("length", "accepted"), [(49, False), (50, True)])
def test_description_49_refused_50_accepted_on_the_page(
    hs2021, enterprise_user, client, form_values, in_collection, length, accepted
):
    client.force_login(enterprise_user)
    form_values["description"] = DESCRIPTION_50[:length]
    response = post_form(client, "/demands/new/?campaign=hs2021", form_values)
    demand = Demand.objects.get()  # saved either way: a draft is never lost
    if accepted:
        assert demand.status == DemandStatus.SUBMITTED
    else:
        assert response.status_code == 422
        assert demand.status == DemandStatus.DRAFT
        html = response.content.decode()
        assert 'href="#id_description"' in html  # the summary links to the field
        assert "49" in html


def test_saving_a_draft_then_submitting_it(hs2021, enterprise_user, client, form_values, in_collection):
    client.force_login(enterprise_user)
    response = post_form(client, "/demands/new/?campaign=hs2021", {"title": "先存草稿"}, action="draft")
    demand = Demand.objects.get()
    assert response["Location"] == f"/demands/{demand.pk}/edit/"
    page = client.get(response["Location"]).content.decode()
    assert 'href="#id_budget_wan"' in page  # what is still missing is listed
    response = post_form(client, f"/demands/{demand.pk}/edit/", form_values)
    assert response["Location"] == f"/demands/{demand.pk}/done/"
    demand.refresh_from_db()
    assert demand.status == DemandStatus.SUBMITTED and Demand.objects.count() == 1


def test_closed_window_keeps_the_draft_and_says_when(
    hs2021, enterprise_user, client, form_values, after_collection
):
    client.force_login(enterprise_user)
    response = post_form(client, "/demands/new/?campaign=hs2021", form_values)
    assert response.status_code == 422
    assert "2021" in response.content.decode()
    assert Demand.objects.get().status == DemandStatus.DRAFT


def test_contacts_hidden_from_service_teams(hs2021, organiser, broker, client, form_values):
    from innochallenge.demands import services

    demand = services.create_demand(hs2021, form_values, by=organiser, submit=True)
    client.force_login(broker)
    html = client.get(f"/demands/{demand.pk}/").content.decode()
    assert demand.title in html
    assert form_values["contact_phone"] not in html and form_values["contact_email"] not in html
    client.force_login(organiser)
    assert form_values["contact_phone"] in client.get(f"/demands/{demand.pk}/").content.decode()


def test_other_enterprises_and_districts_get_403(hs2021, enterprise_user, liaison_of, client, form_values):
    from innochallenge.demands import services

    demand = services.create_demand(hs2021, form_values, by=enterprise_user)
    for user in (UserFactory(role=Role.ENTERPRISE), liaison_of("wuzhong"), UserFactory(role=Role.PROVIDER)):
        client.force_login(user)
        assert client.get(f"/demands/{demand.pk}/").status_code == 403
        assert client.get(f"/demands/{demand.pk}/edit/").status_code == 403


def test_poster_for_organisers_and_the_districts_liaison(
    hs2021, organiser, liaison_of, enterprise_user, client
):
    client.force_login(organiser)
    response = client.get("/demands/poster/hs2021/xiangcheng/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "/q/hs2021/xiangcheng" in html
    assert "@page" not in html  # print layout comes from the stylesheet, not inline styles
    client.force_login(liaison_of("xiangcheng"))
    assert client.get("/demands/poster/hs2021/xiangcheng/").status_code == 200
    assert client.get("/demands/poster/hs2021/wuzhong/").status_code == 403
    client.force_login(enterprise_user)
    assert client.get("/demands/poster/hs2021/xiangcheng/").status_code == 403


def test_qr_code_is_a_real_svg_of_the_link(hs2021, client):
    response = client.get("/demands/qr/hs2021/gusu.svg")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<?xml") and b"<svg" in response.content
