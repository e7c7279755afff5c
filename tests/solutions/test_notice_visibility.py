"""Nobody hears of a solution they cannot open: the enterprise hears of a solution from a provider
awaiting verification when the organiser verifies it, and every count agrees with the list its reader
sees (issue 17)."""

import re

from django.urls import reverse

from innochallenge.notifications.models import Notification
from innochallenge.solutions import services
from innochallenge.solutions.models import Solution
from innochallenge.solutions.queries import solution_count
from tests.solutions.conftest import PROFILE, solution_values

EN = {"accept-language": "en"}


def _pending_solution(world) -> Solution:
    """A solution handed in by the provider the organiser has not verified yet."""
    solution = services.create_solution(
        world.demand,
        world.unverified.organisation,
        solution_values(world.demand) | {"title": "Film from the new lab"},
        by=world.unverified,
    )
    return services.submit_solution(solution, by=world.unverified)


def _verify(world) -> None:
    profile = world.unverified.organisation.provider_profile
    services.review_provider(profile, verified=True, by=world.organiser)


def _notes(user, event: str):
    return list(Notification.objects.filter(recipient=user, event=event))


def _menu_count(client) -> int:
    html = client.get("/notifications/", headers=EN).content.decode()
    found = re.search(r"Notifications \((\d+)\)", html)
    return int(found.group(1)) if found else 0


def _listed(client, demand) -> int:
    html = client.get(f"/solutions/?demand={demand.pk}", headers=EN).content.decode()
    return len(set(re.findall(r'href="/solutions/(\d+)/"', html)))


def test_the_enterprise_hears_of_a_pending_providers_solution_only_on_verification(world, client):
    Notification.objects.all().delete()
    solution = _pending_solution(world)
    assert _notes(world.owner, "solution.submitted") == []
    assert [n.recipient for n in Notification.objects.filter(event="solution.submitted")] == [world.broker]

    _verify(world)

    (note,) = _notes(world.owner, "solution.submitted")
    assert note.url == reverse("solutions:detail", args=[solution.pk])
    assert "Film from the new lab" in note.text
    client.force_login(world.owner)
    assert client.get(note.url).status_code == 200
    assert _notes(world.broker, "solution.submitted") != []  # the broker heard at once, and only once
    assert len(_notes(world.broker, "solution.submitted")) == 1


def test_a_refused_provider_brings_the_enterprise_no_notice(world):
    Notification.objects.all().delete()
    _pending_solution(world)
    services.review_provider(
        world.unverified.organisation.provider_profile, verified=False, note="无法核实。", by=world.organiser
    )
    assert _notes(world.owner, "solution.submitted") == []


def test_a_provider_verified_anew_does_not_tell_the_enterprise_twice(world):
    solution = _pending_solution(world)
    profile = world.unverified.organisation.provider_profile
    services.review_provider(profile, verified=True, by=world.organiser)
    renamed = services.save_profile(
        world.unverified.organisation,
        PROFILE | {"name_en": "New Lab (renamed)", "contact_email": "new@lab.example"},
        by=world.unverified,
    )
    assert renamed.status == "pending"
    services.review_provider(renamed, verified=True, by=world.organiser)
    url = reverse("solutions:detail", args=[solution.pk])
    told = Notification.objects.filter(recipient=world.owner, event="solution.submitted", url=url)
    assert told.count() == 1


def test_the_unread_count_agrees_with_the_enterprise_inbox(world, client):
    client.force_login(world.owner)
    before = _menu_count(client)
    _pending_solution(world)
    assert _menu_count(client) == before
    _verify(world)
    assert _menu_count(client) == before + 1


def test_the_count_on_the_demand_agrees_with_the_enterprise_list(world, client):
    _pending_solution(world)
    client.force_login(world.owner)
    page = client.get(f"/demands/{world.demand.pk}/", headers=EN).content.decode()
    assert "2 solutions so far." in page
    assert _listed(client, world.demand) == 2
    assert solution_count(world.demand, world.owner) == solution_count(world.demand) == 2

    _verify(world)
    page = client.get(f"/demands/{world.demand.pk}/", headers=EN).content.decode()
    assert "3 solutions so far." in page
    assert _listed(client, world.demand) == 3


def test_the_organiser_and_the_broker_count_the_pending_solution_they_see(world, client):
    solution = _pending_solution(world)
    for user in (world.organiser, world.broker):
        client.force_login(user)
        assert solution_count(world.demand, user) == 3
        assert _listed(client, world.demand) == 3
        page = client.get(f"/solutions/{solution.pk}/", headers=EN).content.decode()
        assert re.search(r"Solutions to this demand</dt><dd>3</dd>", page)
    client.force_login(world.owner)
    page = client.get(f"/solutions/{world.solution.pk}/", headers=EN).content.decode()
    assert re.search(r"Solutions to this demand</dt><dd>2</dd>", page)


def test_the_provider_is_told_the_enterprise_hears_only_after_verification(world, client):
    draft = services.create_solution(
        world.demand, world.unverified.organisation, solution_values(world.demand), by=world.unverified
    )
    client.force_login(world.unverified)
    page = client.post(f"/solutions/{draft.pk}/submit/", headers=EN, follow=True).content.decode()
    assert "The enterprise will be told once your organisation is verified." in page
    assert "The enterprise has been told." not in page

    other = services.create_solution(
        world.demand, world.rival.organisation, solution_values(world.demand), by=world.rival
    )
    client.force_login(world.rival)
    page = client.post(f"/solutions/{other.pk}/submit/", headers=EN, follow=True).content.decode()
    assert "The enterprise has been told." in page


def test_messages_and_withdrawals_of_a_pending_provider_reach_only_who_sees_it(world, client):
    solution = _pending_solution(world)
    Notification.objects.all().delete()
    services.post_message(solution, "Samples in six weeks.", by=world.unverified)
    assert [n.recipient for n in Notification.objects.filter(event="solution.message")] == [world.broker]
    services.withdraw_solution(solution, by=world.unverified)
    (note,) = Notification.objects.filter(event="solution.withdrawn")
    assert note.recipient == world.broker
    client.force_login(world.broker)
    assert client.get(note.url).status_code == 200


def test_a_withdrawal_leads_the_enterprise_to_its_demand(world, client):
    Notification.objects.all().delete()
    services.withdraw_solution(world.rival_solution, by=world.rival)
    (note,) = _notes(world.owner, "solution.withdrawn")
    assert note.url == reverse("demands:detail", args=[world.demand.pk])
    client.force_login(world.owner)
    assert client.get(note.url).status_code == 200


def test_an_old_link_to_a_withdrawn_solution_leads_its_parties_to_the_demand(world, client):
    url = reverse("solutions:detail", args=[world.rival_solution.pk])
    services.withdraw_solution(world.rival_solution, by=world.rival)
    for user in (world.owner, world.broker):
        client.force_login(user)
        response = client.get(url, headers=EN, follow=True)
        assert response.redirect_chain == [(reverse("demands:detail", args=[world.demand.pk]), 302)]
        assert "This solution was withdrawn by its provider." in response.content.decode()
    for user in (world.users["another enterprise"], world.users["another broker"], world.provider):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_a_draft_stays_a_404_for_the_enterprise(world, client):
    draft = services.create_solution(
        world.demand, world.rival.organisation, solution_values(world.demand), by=world.rival
    )
    client.force_login(world.owner)
    assert client.get(reverse("solutions:detail", args=[draft.pk])).status_code == 404
