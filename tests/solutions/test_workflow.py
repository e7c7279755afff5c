"""A provider answers a published demand; the enterprise reviews; both talk; every step is kept."""

import pytest
from django.core import mail

from innochallenge.audit.models import AuditEntry
from innochallenge.notifications.models import Notification
from innochallenge.solutions import services
from innochallenge.solutions.models import ProviderProfile, Solution
from innochallenge.solutions.queries import solution_count, visible_solutions
from tests.factories.accounts import UserFactory
from tests.solutions.conftest import PROFILE, make_provider, pdf, solution_values


def test_enterprise_sees_only_verified_providers_handed_in_solutions(world):
    seen = set(visible_solutions(world.owner).values_list("pk", flat=True))
    assert seen == {world.solution.pk, world.rival_solution.pk}
    draft = services.create_solution(
        world.demand, world.unverified.organisation, solution_values(world.demand), by=world.unverified
    )
    services.submit_solution(draft, by=world.unverified)
    assert draft.pk not in set(visible_solutions(world.owner).values_list("pk", flat=True))
    services.review_provider(
        world.unverified.organisation.provider_profile, verified=True, by=world.organiser
    )
    assert draft.pk in set(visible_solutions(world.owner).values_list("pk", flat=True))


def test_providers_never_see_each_others_solutions(world):
    assert set(visible_solutions(world.provider).values_list("pk", flat=True)) == {world.solution.pk}
    assert set(visible_solutions(world.rival).values_list("pk", flat=True)) == {world.rival_solution.pk}


def test_an_edit_after_submission_keeps_the_old_version_with_its_files(world):
    old_summary = world.solution.summary
    services.update_solution(
        world.solution,
        solution_values(world.demand) | {"summary": "Now with a pilot line."},
        by=world.provider,
    )
    services.add_attachment(world.solution, pdf("v2.pdf"), by=world.provider)
    solution = Solution.objects.get(pk=world.solution.pk)
    assert solution.version == 3 and solution.summary == "Now with a pilot line."
    first, second = sorted(solution.versions.all(), key=lambda v: v.number)
    assert first.content["summary"] == old_summary and len(first.attachment_ids) == 1
    assert second.content["summary"] == "Now with a pilot line." and len(second.attachment_ids) == 1
    assert solution.attachments.filter(current=True).count() == 2


def test_drafts_are_not_versioned_and_need_no_complete_form(published, organiser):
    provider = make_provider(organiser)
    draft = services.create_solution(
        published, provider.organisation, {"title": "Idea", "summary": "Short."}, by=provider
    )
    services.update_solution(draft, {"title": "Idea", "summary": "Longer."}, by=provider)
    assert draft.versions.count() == 0
    with pytest.raises(services.SolutionError) as caught:
        services.submit_solution(draft, by=provider)
    assert {
        "approach",
        "indicators",
        "timeline",
        "team",
        "ip_status",
        "cooperation_mode",
    } <= caught.value.errors.keys()


def test_decline_needs_a_reason_and_tells_the_provider(world, django_capture_on_commit_callbacks):
    with pytest.raises(services.SolutionError):
        services.decide(world.solution, shortlist=False, by=world.owner)
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(world.solution, shortlist=False, reason="cost", message="超出预算。", by=world.owner)
    solution = Solution.objects.get(pk=world.solution.pk)
    assert (solution.status, solution.decline_reason, solution.decision_message) == (
        "declined",
        "cost",
        "超出预算。",
    )
    note = Notification.objects.get(recipient=world.provider, event="solution.declined")
    assert world.demand.reference in note.text
    assert any(m.to == [world.provider.email] for m in mail.outbox)
    assert AuditEntry.objects.filter(action="solution.declined", object_id=str(solution.pk)).exists()


def test_counts_leave_out_drafts_and_withdrawn(world):
    assert solution_count(world.demand) == 2
    services.withdraw_solution(world.rival_solution, by=world.rival)
    services.create_solution(
        world.demand, world.rival.organisation, {"title": "x", "summary": "y"}, by=world.rival
    )
    assert solution_count(world.demand) == 1


def test_only_published_demands_take_solutions(hs2021, organiser, form_values):
    from innochallenge.demands import services as demands

    provider = make_provider(organiser)
    draft = demands.create_demand(hs2021, form_values, by=organiser)
    with pytest.raises(services.SolutionError) as caught:
        services.create_solution(draft, provider.organisation, {"title": "x", "summary": "y"}, by=provider)
    assert caught.value.conflict


def test_the_thread_between_enterprise_and_provider(world, client):
    client.force_login(world.owner)
    client.post(f"/solutions/{world.solution.pk}/messages/", {"body": "样品何时能提供？"})
    client.force_login(world.provider)
    client.post(f"/solutions/{world.solution.pk}/messages/", {"body": "Samples in six weeks."})
    sides = list(world.solution.messages.values_list("side", "body"))
    assert sides == [("enterprise", "样品何时能提供？"), ("provider", "Samples in six weeks.")]
    client.force_login(world.rival)
    assert client.post(f"/solutions/{world.solution.pk}/messages/", {"body": "peek"}).status_code == 404


def test_a_name_already_registered_is_refused_on_its_field(world, api_client_of):
    newcomer = UserFactory(role="provider")
    taken = world.provider.organisation.name
    with pytest.raises(services.SolutionError) as caught:
        services.save_profile(newcomer.organisation, PROFILE | {"name_en": taken}, by=newcomer)
    assert taken in caught.value.errors["name_en"][0]
    response = api_client_of(newcomer).put(
        "/api/v1/providers/me", PROFILE | {"name_en": taken}, content_type="application/json"
    )
    assert response.status_code == 422 and "name_en" in response.json()["errors"]
    assert not ProviderProfile.objects.filter(organisation=newcomer.organisation).exists()
