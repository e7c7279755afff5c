"""After the final the enterprise is told, once, that it may confirm its demand's best solution, and the
step shows with its link on the demand's page and through `decisions_waiting_for` (issue 17)."""

from django.urls import reverse

from innochallenge.judging import results, services
from innochallenge.judging.enums import EntryState, RoundState
from innochallenge.judging.queries import decision_steps, decisions_waiting_for
from innochallenge.notifications.models import Notification
from tests.factories.accounts import UserFactory
from tests.judging.conftest import score_all

STRONG = {"completeness": 9, "feasibility": 9, "fit": 9}
WEAK = {"completeness": 5, "feasibility": 6, "fit": 5}
EN = {"accept-language": "en"}


def _notices(final):
    return list(Notification.objects.filter(event=services.DECISION_OPEN))


def _present(final, index: int, values: dict, *, close=True) -> None:
    entry = final.entries[index]
    services.set_entry_state(entry, EntryState.SCORING, by=final.world.organiser)
    for judge in [*final.judges, final.demand_side]:
        score_all(entry, judge, values)
    if close:
        services.set_entry_state(entry, EntryState.CLOSED, by=final.world.organiser)


def _decide_url(final) -> str:
    return reverse("judging:decide", args=[final.round.pk, final.world.demand.pk])


def test_the_enterprise_is_told_when_the_last_solution_of_its_demand_closes(
    final, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _present(final, 0, STRONG)
    assert _notices(final) == []  # the rival solution is still to come
    with django_capture_on_commit_callbacks(execute=True):
        _present(final, 1, WEAK)
        services.set_round_state(final.round, RoundState.CLOSED, by=final.world.organiser)

    (note,) = _notices(final)
    assert note.recipient == final.world.owner
    assert note.url == _decide_url(final)
    assert final.world.demand.reference in note.text and final.round.name in note.text
    assert note.text.endswith("请确认最佳解决方案。")
    client.force_login(final.world.owner)
    assert client.get(note.url).status_code == 200


def test_closing_the_session_tells_the_enterprise_of_the_entries_it_closes(
    final, django_capture_on_commit_callbacks
):
    _present(final, 0, STRONG)
    _present(final, 1, WEAK, close=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.set_round_state(final.round, RoundState.CLOSED, by=final.world.organiser)
    assert [n.recipient for n in _notices(final)] == [final.world.owner]
    assert decisions_waiting_for(final.world.owner) == [(final.round, final.world.demand)]


def test_nobody_else_is_told_and_nothing_is_waiting_for_them(final, django_capture_on_commit_callbacks):
    colleague = UserFactory(role="enterprise", organisation=final.world.owner.organisation)
    stranger = UserFactory(role="enterprise")
    with django_capture_on_commit_callbacks(execute=True):
        _present(final, 0, STRONG)
        _present(final, 1, WEAK)
    assert {n.recipient for n in _notices(final)} == {final.world.owner, colleague}
    assert decisions_waiting_for(stranger) == []
    assert decisions_waiting_for(final.world.provider) == []
    assert decisions_waiting_for(final.judges[0]) == []


def test_nothing_waits_before_the_demands_solutions_are_closed(final):
    _present(final, 0, STRONG)
    assert decisions_waiting_for(final.world.owner) == []
    assert decision_steps(final.world.owner, demand=final.world.demand) == []


def test_a_confirmed_choice_no_longer_waits_and_shows_on_the_demand(final, client):
    _present(final, 0, STRONG)
    _present(final, 1, WEAK)
    services.set_round_state(final.round, RoundState.CLOSED, by=final.world.organiser)
    client.force_login(final.world.owner)
    page = client.get(f"/demands/{final.world.demand.pk}/", headers=EN).content.decode()
    assert f'href="{_decide_url(final)}"' in page
    assert "has scored every solution to this demand: confirm the best one." in page
    page = client.get(f"/demands/{final.world.demand.pk}/").content.decode()
    assert "已完成本需求全部解决方案的评分" in page

    results.decide(final.round, final.world.demand, solution=final.world.solution, by=final.world.owner)
    assert decisions_waiting_for(final.world.owner) == []
    page = client.get(f"/demands/{final.world.demand.pk}/", headers=EN).content.decode()
    assert f"the best solution confirmed is “{final.world.solution.title}”" in page
    assert f'href="{_decide_url(final)}"' in page  # the choice may still be changed


def test_the_demand_page_shows_no_step_to_others_or_too_early(final, client):
    _present(final, 0, STRONG)
    client.force_login(final.world.owner)
    page = client.get(f"/demands/{final.world.demand.pk}/", headers=EN).content.decode()
    assert "/decide/" not in page
    _present(final, 1, WEAK)
    client.force_login(final.world.broker)
    page = client.get(f"/demands/{final.world.demand.pk}/", headers=EN).content.decode()
    assert "/decide/" not in page
    client.force_login(final.world.organiser)
    page = client.get(f"/demands/{final.world.demand.pk}/", headers=EN).content.decode()
    assert f'href="{_decide_url(final)}"' in page


def test_the_home_fragment_lists_what_waits(final):
    from django.template import Context, Template

    _present(final, 0, STRONG)
    _present(final, 1, WEAK)
    html = Template("{% load judging_steps %}{% best_solution_steps %}").render(
        Context({"user": final.world.owner})
    )
    assert f'href="{_decide_url(final)}"' in html and final.world.demand.reference in html
    html = Template("{% load judging_steps %}{% best_solution_steps %}").render(
        Context({"user": UserFactory(role="enterprise")})
    )
    assert "/decide/" not in html
