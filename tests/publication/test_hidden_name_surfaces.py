"""Issue 19, found by an attack: a demand of 吴江华晟精工科技有限公司 published with the name hidden showed
华晟精工科技 and 华晟精工 in its title and description, on its page, in the feeds, in the public search
(found and marked), in the provider's .ics and on the event participants page. Each surface, one test."""

import io
import re

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from innochallenge.events import services as events
from innochallenge.publication import search
from tests.events.conftest import new_event
from tests.factories.judging import RoundFactory, judge
from tests.solutions.conftest import make_provider

NAME = "吴江华晟精工科技有限公司"
NAME_EN = "Wujiang HuaSheng Precision Technology Co., Ltd."
LEAKS = re.compile(r"华晟|hua[\s\-]?sheng", re.IGNORECASE)


def _leaks(text: str) -> list[str]:
    return LEAKS.findall(text)


@pytest.fixture
def hidden(form_values, publish_demand):
    values = form_values | {
        "company_name": NAME,
        "district": "吴江区",
        "title": "华晟精工科技的主轴热变形补偿",
        "description": "华晟精工现有数控机床主轴高速运转时温升导致热变形，加工精度下降，需要在线测量与"
        "实时补偿方案，定位误差控制在三微米以内；吴江华晟希望在现有机床上加装改造（HuaSheng 产线）。",
    }
    demand = publish_demand(
        values,
        show_company_name=False,
        title_en="Spindle thermal compensation for Hua Sheng",
        description_en="HuaSheng Precision needs on-line measurement and real-time compensation of the "
        "thermal drift of its spindles, within three microns, on the machines it has.",
    )
    demand.organisation.name, demand.organisation.name_en = NAME, NAME_EN
    demand.organisation.save()
    search.reset()
    return demand


def test_the_catalog_pages_and_api_do_not_show_it(client, hidden):
    urls = [
        "/catalog/",
        "/en/catalog/",
        f"/catalog/hs2021/{hidden.number}/",
        f"/en/catalog/hs2021/{hidden.number}/",
        f"/api/v1/public/demands/{hidden.pk}",
        f"/api/v1/public/demands/{hidden.pk}?lang=en",
        "/api/v1/public/demands",
        "/api/v1/public/demands?lang=en",
        "/sitemap.xml",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not _leaks(response.content.decode()), url
    page = client.get(f"/catalog/hs2021/{hidden.number}/").content.decode()
    assert "某企业的主轴热变形补偿" in page and "某企业现有数控机床" in page


def test_the_feeds_do_not_show_it(client, hidden):
    for channel in ("all", hidden.channel):
        for fmt in ("json", "atom"):
            for lang in ("zh-hans", "en"):
                response = client.get(f"/feeds/{channel}.{fmt}", {"lang": lang})
                assert response.status_code == 200
                assert not _leaks(response.content.decode()), (channel, fmt, lang)
        sheet = load_workbook(io.BytesIO(client.get(f"/feeds/{channel}.xlsx").content)).active
        cells = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
        assert "某企业的主轴热变形补偿" in cells and not _leaks(cells)


def test_the_public_search_neither_finds_nor_marks_it(client, hidden):
    for q in ("华晟精工", "华晟", "HuaSheng", "华晟精工科技"):  # (吴江 alone finds it: its district)
        assert client.get("/api/v1/public/demands", {"q": q}).json()["count"] == 0, q
        page = client.get("/catalog/", {"q": q}).content.decode()
        assert not _leaks(page.replace(q, "")), q  # the search box shows what was typed, nothing more
    found = client.get("/api/v1/public/demands", {"q": "主轴 热变形"}).json()
    assert found["count"] == 1 and not _leaks(str(found))
    page = client.get("/catalog/", {"q": "主轴"}).content.decode()
    assert "<mark>主轴</mark>" in page and not _leaks(page)


def _ics_text(content: bytes) -> str:
    calendar = Calendar.from_ical(content)
    parts = [str(calendar.get("x-wr-calname", ""))]
    for item in calendar.walk("VEVENT"):
        parts += [str(item.get(key, "")) for key in ("summary", "description", "location")]
    return "\n".join(parts)


def test_the_event_participants_page_and_the_providers_ics_do_not_show_it(
    hs2021, organiser, hidden, client_of, django_capture_on_commit_callbacks
):
    owner = hidden.created_by
    provider = make_provider(organiser, name_en="Spindle Lab")
    event = new_event(hs2021, organiser)
    enterprise = events.register(event, owner, demands=[hidden])
    mine = events.register(event, provider)
    client = client_of(provider)
    page = client.get(f"/events/{event.pk}/participants/").content.decode()
    assert "某企业的主轴热变形补偿" in page and not _leaks(page)
    with django_capture_on_commit_callbacks(execute=True):
        request = events.request_meeting(mine, enterprise, priority=3, by=provider)
        events.answer_request(request, accept=True, by=owner)
        events.schedule(event, time_limit=5, by=organiser)
    client = client_of(provider)
    ics = _ics_text(client.get(f"/events/{event.pk}/agenda.ics").content)
    assert "某企业的主轴热变形补偿" in ics and not _leaks(ics)
    agenda = client.get(f"/events/{event.pk}/agenda/").content.decode()
    assert not _leaks(agenda)


def test_the_judges_entry_page_does_not_show_it(hidden, client_of):
    member = judge()
    session = RoundFactory(status="open", entries=[hidden], judges=[member])
    entry = session.entries.get()
    response = client_of(member).get(f"/judging/{session.pk}/entries/{entry.pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "某企业现有数控机床" in text and not _leaks(text)
