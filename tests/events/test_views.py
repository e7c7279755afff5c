"""Event pages: who may open what (organiser, the participant, the other side, a stranger, the public),
and the request journey through the pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innochallenge.events import services
from innochallenge.events.enums import EventState, RequestState
from innochallenge.events.models import MeetingRequest
from tests.events.conftest import new_event
from tests.factories.accounts import UserFactory

PAGES = [
    "",
    "participants/",
    "requests/",
    "availability/",
    "agenda/",
    "agenda.ics",
    "agenda.pdf",
    "plan/",
    "outcomes/",
    "register/",
]


def _users(fair):
    return {
        "organiser": fair.organiser,
        "enterprise": fair.owner,
        "provider": fair.providers[0],
        "stranger": UserFactory(role="provider"),
        "judge": UserFactory(role="judge"),
    }


#: page → the users who get 200 (others get 403; the public is sent to log in)
ALLOWED = {
    "": {"organiser", "enterprise", "provider", "stranger", "judge"},
    "participants/": {"enterprise", "provider"},
    "requests/": {"enterprise", "provider"},
    "availability/": {"enterprise", "provider"},
    "agenda/": {"enterprise", "provider"},
    "agenda.ics": {"enterprise", "provider"},
    "agenda.pdf": {"enterprise", "provider"},
    "plan/": {"organiser"},
    "outcomes/": {"organiser"},
    "register/": {"enterprise", "provider", "stranger"},
}


@pytest.mark.parametrize("page", PAGES)
def test_each_page_answers_each_kind_of_user(fair, client, page):
    url = f"/events/{fair.event.pk}/{page}"
    for name, user in _users(fair).items():
        client.force_login(user)
        expected = 200 if name in ALLOWED[page] else 403
        assert client.get(url).status_code == expected, (name, page)
    client.logout()
    assert client.get(url).status_code == 302


def test_a_draft_event_is_a_404_for_all_but_the_organiser(hs2021, organiser, client_of, enterprise_user):
    event = services.create_event(
        hs2021,
        kind="regional",
        subject=hs2021.districts.first(),
        date=new_event(hs2021, organiser).date,
        venue="v",
        organising_unit="u",
        tables=2,
        slots=2,
        first_slot_at="09:00",
        registration_deadline=new_event(hs2021, organiser).registration_deadline,
        by=organiser,
    )
    assert event.state == EventState.DRAFT
    assert client_of(enterprise_user).get(f"/events/{event.pk}/").status_code == 404
    assert client_of(organiser).get(f"/events/{event.pk}/").status_code == 200


def test_the_event_list_costs_the_same_queries_for_one_and_five_events(hs2021, organiser, client_of):
    client = client_of(organiser)
    new_event(hs2021, organiser)
    with CaptureQueriesContext(connection) as one:
        assert client.get("/events/").status_code == 200
    for _ in range(4):
        new_event(hs2021, organiser)
    with CaptureQueriesContext(connection) as five:
        client.get("/events/")
    assert len(one) == len(five)


def test_the_organiser_creates_an_event_from_the_page(hs2021, organiser, client_of, in_collection):
    assert client_of(organiser).get("/events/new/").status_code == 200
    response = client_of(organiser).post(
        "/events/new/",
        {
            "kind": "regional",
            "district": hs2021.districts.get(code="xiangcheng").pk,
            "organising_unit": "相城区科技局",
            "date": "2021-06-10",
            "venue": "相城区会议中心",
            "tables": "10",
            "interpreter_tables": "2",
            "first_slot_at": "09:00",
            "slot_minutes": "20",
            "break_minutes": "5",
            "slots": "8",
            "registration_deadline": "2021-06-05T18:00",
        },
    )
    assert response.status_code == 302
    event = hs2021.events.get()
    assert event.name == "2021 沪苏同城国际创新挑战赛·（相城区）专场对接会"
    assert client_of(UserFactory(role="enterprise")).get("/events/new/").status_code == 403


def test_a_provider_asks_and_the_enterprise_accepts_through_the_pages(fair, client):
    client.force_login(fair.providers[0])
    page = client.get(f"/events/{fair.event.pk}/participants/")
    assert fair.demand.title in page.content.decode()
    client.post(
        f"/events/{fair.event.pk}/participants/{fair.enterprise.pk}/request/",
        {"priority": "3", "note": "想了解贵司的需求", "needs_interpreter": "on"},
    )
    request = MeetingRequest.objects.get()
    assert (request.priority, request.needs_interpreter, request.note) == (3, True, "想了解贵司的需求")

    # the other provider cannot answer it, the enterprise can
    client.force_login(fair.providers[1])
    assert client.post(f"/events/{fair.event.pk}/requests/{request.pk}/answer/").status_code == 404
    client.force_login(fair.owner)
    client.post(f"/events/{fair.event.pk}/requests/{request.pk}/answer/", {"answer": "accept"})
    request.refresh_from_db()
    assert request.state == RequestState.ACCEPTED
    # the sender cannot answer its own request
    client.force_login(fair.providers[0])
    assert client.post(f"/events/{fair.event.pk}/requests/{request.pk}/answer/").status_code == 403


def test_registration_and_availability_pages(fair, client_of, organiser):
    newcomer = UserFactory(role="enterprise")
    client = client_of(newcomer)
    assert client.post(f"/events/{fair.event.pk}/register/").status_code == 302
    assert fair.event.registrations.filter(organisation=newcomer.organisation).exists()
    client.post(f"/events/{fair.event.pk}/availability/", {"unavailable": ["0", "3"]})
    registration = fair.event.registrations.get(organisation=newcomer.organisation)
    assert list(registration.unavailable.values_list("slot", flat=True)) == [0, 3]
    assert client_of(UserFactory(role="broker")).get(f"/events/{fair.event.pk}/register/").status_code == 403


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_participants_and_requests_pages_cost_the_same_for_one_and_five(fair, client_of, organiser):
    from tests.solutions.conftest import make_provider

    client = client_of(fair.owner)
    services.request_meeting(fair.enterprise, fair.registrations[0], by=fair.owner)
    fair.registrations[1].delete(), fair.registrations[2].delete()
    urls = [f"/events/{fair.event.pk}/participants/", f"/events/{fair.event.pk}/requests/"]
    client.get(urls[0])  # the matching engine loads its word list once per process
    one = [_queries(client, url) for url in urls]
    for i in range(4):
        provider = make_provider(organiser, name_en=f"Extra {i}", contact_email=f"x{i}@lab.example")
        registration = services.register(fair.event, provider)
        services.request_meeting(registration, fair.enterprise, by=provider)
    assert [_queries(client, url) for url in urls] == one
    page = client.get(urls[1])
    assert len(page.context["received"]) == 4 and len(page.context["sent"]) == 1


def test_the_matching_engine_suggests_whom_to_meet(fair, client_of, django_capture_on_commit_callbacks):
    from innochallenge.publication import services as publication
    from tests.solutions.conftest import make_provider

    with django_capture_on_commit_callbacks(execute=True):  # the index follows once the data commits
        film = make_provider(
            fair.organiser,
            name_en="Polymer Film Lab",
            expertise="聚酰亚胺薄膜\n耐高温高分子材料",
            keywords="聚酰亚胺, 热收缩率, 薄膜",
        )
        publication.publish(fair.demand, by=fair.organiser)
    film_registration = services.register(fair.event, film)

    rows = client_of(fair.owner).get(f"/events/{fair.event.pk}/participants/").context["rows"]
    assert (rows[0][0].registration, rows[0][2]) == (film_registration, fair.demand.title)
    assert [suggested for _other, _asked, suggested, _form in rows[1:]] == [None, None, None]
    rows = client_of(film).get(f"/events/{fair.event.pk}/participants/").context["rows"]
    assert [(other.registration, suggested) for other, _asked, suggested, _form in rows] == [
        (fair.enterprise, fair.demand.title)
    ]
