"""Outlets pull feeds per channel (JSON, Atom, .xlsx); every pull with an outlet's key is recorded."""

import io
import xml.etree.ElementTree as ET

import pytest
from openpyxl import load_workbook

from innochallenge.demands.models import Demand
from innochallenge.publication.models import Dispatch, Outlet

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def two(form_values, publish_demand):
    first = publish_demand(
        dict(form_values, title="第一项需求"), title_en="The first demand", description_en="First."
    )
    second = publish_demand(dict(form_values, title="第二项需求"))
    Demand.objects.filter(pk=second.pk).update(channel="leading")
    return first, second


def test_json_feed_has_stable_ids_update_times_and_channels(client, two):
    first, second = two
    body = client.get("/feeds/all.json").json()
    assert {i["id"] for i in body["items"]} == {first.pk, second.pk}
    assert all(i["updated_at"] and i["url"].startswith("http://testserver/catalog/") for i in body["items"])
    assert [i["id"] for i in client.get("/feeds/leading.json").json()["items"]] == [second.pk]
    assert [i["id"] for i in client.get("/feeds/field.json").json()["items"]] == [first.pk]
    later = max(i["updated_at"] for i in body["items"])
    assert client.get("/feeds/all.json", {"since": later}).json()["items"] == []


def test_atom_feed_in_english(client, two):
    root = ET.fromstring(client.get("/feeds/all.atom", {"lang": "en"}).content)
    titles = sorted(e.find(f"{ATOM}title").text for e in root.iter(f"{ATOM}entry"))
    assert any(t.endswith("The first demand") for t in titles)
    assert all(e.find(f"{ATOM}updated").text for e in root.iter(f"{ATOM}entry"))


def test_xlsx_feed_lists_the_channel(client, two):
    response = client.get("/feeds/field.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "编号 Reference" and len(rows) == 2 and rows[1][1] == "第一项需求"


def test_each_pull_by_an_outlet_is_recorded(client, two, organiser):
    outlet = Outlet.objects.create(
        name="上海国际技术交易市场", kind="platform", key="shanghai-mall", channel="leading"
    )
    client.get("/feeds/leading.xlsx", {"outlet": "shanghai-mall"})
    dispatch = Dispatch.objects.get()
    assert (dispatch.outlet, dispatch.channel, dispatch.feed_format, dispatch.count) == (
        outlet,
        "leading",
        "xlsx",
        1,
    )
    assert list(dispatch.demands.all()) == [two[1]]
    assert client.get("/feeds/all.json", {"outlet": "no-such-outlet"}).status_code == 404
    client.force_login(organiser)
    assert "上海国际技术交易市场" in client.get(f"/demands/{two[1].pk}/").content.decode()


def test_unknown_channel_or_format_is_not_found(client):
    assert client.get("/feeds/everything.json").status_code == 404
    assert client.get("/feeds/all.pdf").status_code == 404


def test_sitemap_lists_every_public_page_in_both_languages(client, two):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locs = [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    for demand in two:
        assert f"http://testserver/catalog/hs2021/{demand.number}/" in locs
        assert f"http://testserver/en/catalog/hs2021/{demand.number}/" in locs
    assert "http://testserver/catalog/" in locs
    for loc in locs:
        assert client.get(loc.removeprefix("http://testserver")).status_code == 200


def test_the_organiser_sees_outlets_and_who_sent_what(client, two, organiser, enterprise_user):
    Outlet.objects.create(name="苏州日报科技版", kind="government_media", key="suzhou-daily")
    client.get("/feeds/all.atom", {"outlet": "suzhou-daily"})
    client.force_login(organiser)
    client.get("/feeds/all.xlsx", {"outlet": "suzhou-daily"})
    senders = list(Dispatch.objects.order_by("sent_at").values_list("sent_by__username", flat=True))
    assert senders == [None, organiser.username]
    html = client.get("/publication/outlets/", headers={"accept-language": "en"}).content.decode()
    assert "苏州日报科技版" in html and "pulled by the outlet" in html and "?outlet=suzhou-daily" in html
    client.force_login(enterprise_user)
    assert client.get("/publication/outlets/").status_code == 403


def test_markup_in_a_description_reaches_atom_readers_as_words(client, form_values, publish_demand):
    """`<summary type="html">` is HTML: a description's `<svg onload=…>` must come out of the XML still
    escaped, so a feed reader shows it as text and runs nothing."""
    attack = "在150℃下长期工作<svg onload=alert(1)>，热收缩率低于0.1%。" + "需要耐高温聚酰亚胺薄膜。" * 5
    publish_demand(dict(form_values, description=attack))

    root = ET.fromstring(client.get("/feeds/all.atom").content)
    [summary] = [e.find(f"{ATOM}summary") for e in root.iter(f"{ATOM}entry")]
    assert summary.get("type") == "html"
    assert "<svg" not in summary.text
    assert "&lt;svg onload=alert(1)&gt;" in summary.text


@pytest.mark.parametrize("form", ["{year}-01-01", "{year}-01-01T00:00:00", "{year}-01-01T08:00:00+08:00"])
def test_since_takes_a_day_a_local_time_or_a_zoned_time(client, two, form):
    def ids(year: int) -> set[int]:
        response = client.get("/feeds/all.json", {"since": form.format(year=year)})
        assert response.status_code == 200
        return {item["id"] for item in response.json()["items"]}

    assert ids(2021) == {d.pk for d in two}
    assert ids(2099) == set()


@pytest.mark.parametrize("since", ["2026-13-45", "2026-02-30T00:00:00", "yesterday", "2026-01-01T25:00"])
def test_an_impossible_since_is_a_400_with_the_reason(client, since):
    response = client.get("/feeds/all.json", {"since": since}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    assert response.json()["errors"]["since"] == [
        "“since” 须为日期（2026-12-01）或时间（2026-12-01T08:00:00+08:00）。"
    ]
