"""An enterprise that hides its name on one demand and shows it on another is not re-identified inside an
event: every surface a provider reads (participants, requests, agenda page, PDF and .ics, outcomes,
suggestions, notices) names it as the provider may see it, and never lists the demand public under its
full name beside the hidden one. Staff (the organiser) and the enterprise itself see the real name."""

import datetime as dt
import io
from dataclasses import dataclass

import pypdfium2
import pytest
from django.utils import translation
from icalendar import Calendar

from innochallenge.demands import services as demands
from innochallenge.diagnosis import services as diagnosis
from innochallenge.events import services
from innochallenge.events.models import Meeting
from innochallenge.notifications.models import Notification
from innochallenge.publication import services as publication
from innochallenge.publication.public import name_variants
from tests.events.conftest import new_event
from tests.factories.accounts import UserFactory
from tests.solutions.conftest import IN_WINDOW, make_provider

FULL_NAME = "苏州示例精密机械有限公司"
HIDDEN_TITLE = "数控机床主轴热变形补偿"
HIDDEN_TEXT = (
    "数控机床主轴高速运转时温升导致热变形，加工精度下降，需要在线测量与实时补偿方案，"
    "定位误差控制在三微米以内，可在现有机床上加装改造。"
)


@dataclass
class Mixed:
    event: object
    organiser: object
    owner: object
    hidden: object
    shown: object
    enterprise: object  # the owner's registration
    provider: object
    registration: object  # the provider's registration


def _demand(campaign, values, *, owner, organiser, broker, show: bool):
    demand = demands.create_demand(campaign, values, by=owner, submit=True, today=IN_WINDOW)
    diagnosis.assign(demand, broker, due_on=dt.date(2021, 5, 18), by=organiser)
    diagnosis.diagnose(demand, decision="approve", by=broker)
    publication.publish(demand, by=organiser, show_company_name=show)
    demand.refresh_from_db()
    return demand


@pytest.fixture
def mixed(hs2021, organiser, broker, form_values, django_capture_on_commit_callbacks) -> Mixed:
    owner = UserFactory(role="enterprise")
    owner.organisation.name = FULL_NAME
    owner.organisation.save()
    values = form_values | {"company_name": FULL_NAME}
    with django_capture_on_commit_callbacks(execute=True):  # the matching index follows the commits
        hidden = _demand(
            hs2021,
            values | {"title": HIDDEN_TITLE, "description": HIDDEN_TEXT},
            owner=owner,
            organiser=organiser,
            broker=broker,
            show=False,
        )
        shown = _demand(hs2021, values, owner=owner, organiser=organiser, broker=broker, show=True)
        # a provider whose work matches the demand shown under the full name
        provider = make_provider(
            organiser,
            name_en="Polymer Film Lab",
            expertise="聚酰亚胺薄膜\n耐高温高分子材料",
            keywords="聚酰亚胺, 热收缩率, 薄膜",
        )
    event = new_event(hs2021, organiser)
    enterprise = services.register(event, owner, demands=[hidden, shown])
    registration = services.register(event, provider)
    Notification.objects.all().delete()
    return Mixed(event, organiser, owner, hidden, shown, enterprise, provider, registration)


def _schedule(mixed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request = services.request_meeting(
            mixed.registration, mixed.enterprise, priority=3, by=mixed.provider
        )
        services.answer_request(request, accept=True, by=mixed.owner)
        services.schedule(mixed.event, time_limit=5, by=mixed.organiser)


def _names() -> list[str]:
    """The full name and its short forms (without 有限公司, without the city prefix, the brand)."""
    return sorted({*name_variants(FULL_NAME), "示例精密"}, key=len, reverse=True)


def _ics_text(content: bytes) -> str:
    calendar = Calendar.from_ical(content)
    parts = [str(calendar.get("x-wr-calname", ""))]
    for item in calendar.walk("VEVENT"):
        parts += [str(item.get(key, "")) for key in ("summary", "description", "location")]
    return "\n".join(parts)


def _pdf_text(content: bytes) -> str:
    document = pypdfium2.PdfDocument(io.BytesIO(content))
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def _surfaces(client, mixed) -> dict[str, str]:
    base = f"/events/{mixed.event.pk}/"
    pages = {page: client.get(base + page) for page in ("participants/", "requests/", "agenda/")}
    assert {page: r.status_code for page, r in pages.items()} == dict.fromkeys(pages, 200)
    texts = {page: r.content.decode() for page, r in pages.items()}
    texts["agenda.ics"] = _ics_text(client.get(base + "agenda.ics").content)
    texts["agenda.pdf"] = _pdf_text(client.get(base + "agenda.pdf").content)
    return texts


def test_a_provider_sees_the_mixed_enterprise_masked_on_every_event_surface(
    mixed, client_of, django_capture_on_commit_callbacks
):
    _schedule(mixed, django_capture_on_commit_callbacks)
    client = client_of(mixed.provider)

    for lang in ("zh-hans", "en"):
        client.cookies["django_language"] = lang
        texts = _surfaces(client, mixed)
        for surface, text in texts.items():
            for name in _names():
                assert name not in text, (lang, surface, name)
            # the demand public under the full name is not listed beside the hidden one
            assert mixed.shown.title not in text, (lang, surface)
        assert "某企业" in texts["participants/"] or "An enterprise" in texts["participants/"]
        assert "某企业" in texts["agenda.ics"] or "An enterprise" in texts["agenda.ics"]
    client.cookies.pop("django_language")

    # the outcomes page is the organiser's
    assert client.get(f"/events/{mixed.event.pk}/outcomes/").status_code == 403


def test_the_provider_is_offered_the_card_under_the_name_it_may_see(mixed, client_of):
    rows = client_of(mixed.provider).get(f"/events/{mixed.event.pk}/participants/").context["rows"]
    [(other, _asked, suggested, _form)] = rows
    assert other.name == "某企业"
    assert other.demands == [HIDDEN_TITLE]
    # the matching engine matched the demand shown under the full name: it is not named as the reason
    assert suggested in (None, HIDDEN_TITLE)


def test_the_providers_notices_name_the_enterprise_as_the_provider_may_see_it(
    mixed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        asked = services.request_meeting(mixed.enterprise, mixed.registration, by=mixed.owner)
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_request(asked, accept=True, by=mixed.provider)
        services.schedule(mixed.event, time_limit=5, by=mixed.organiser)
    meeting = Meeting.objects.get(request=asked)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_meeting(meeting, by=mixed.organiser)

    notices = list(Notification.objects.filter(recipient=mixed.provider))
    assert {n.event for n in notices} >= {"meeting.requested", "meeting.cancelled"}
    for notice in notices:
        for lang in ("zh-hans", "en"):
            with translation.override(lang):
                text = notice.text
            for name in _names():
                assert name not in text, (notice.event, lang, name)
    assert any("某企业" in n.text for n in notices if n.event == "meeting.requested")


def test_the_acceptance_notice_to_the_provider_is_masked(mixed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request = services.request_meeting(mixed.registration, mixed.enterprise, by=mixed.provider)
        services.answer_request(request, accept=True, by=mixed.owner)
    [notice] = Notification.objects.filter(recipient=mixed.provider, event="meeting.accepted")
    with translation.override("zh-hans"):
        assert notice.text.startswith("某企业")
        assert FULL_NAME not in notice.text


def test_the_enterprise_hears_the_providers_name_and_sees_its_own(
    mixed, client_of, django_capture_on_commit_callbacks
):
    _schedule(mixed, django_capture_on_commit_callbacks)
    page = client_of(mixed.owner).get(f"/events/{mixed.event.pk}/agenda/")
    assert page.context["me"].name == FULL_NAME
    assert sorted(page.context["rows"][0].demands) == sorted([HIDDEN_TITLE, mixed.shown.title])


def test_the_organiser_sees_the_real_name_in_the_providers_agenda(
    mixed, client_of, django_capture_on_commit_callbacks
):
    _schedule(mixed, django_capture_on_commit_callbacks)
    url = f"/events/{mixed.event.pk}/agenda/?registration={mixed.registration.pk}"
    page = client_of(mixed.organiser).get(url)
    assert page.context["rows"][0].party.name == FULL_NAME


def test_an_enterprise_showing_its_name_on_every_demand_is_named(mixed, client_of):
    publication.publish(mixed.hidden, by=mixed.organiser, show_company_name=True)
    rows = client_of(mixed.provider).get(f"/events/{mixed.event.pk}/participants/").context["rows"]
    [(other, _asked, _suggested, _form)] = rows
    assert other.name == FULL_NAME
    assert sorted(other.demands) == sorted([HIDDEN_TITLE, mixed.shown.title])
