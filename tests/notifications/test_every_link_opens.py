"""Every notice the product sends leads somewhere its reader may go: the real services make one of each
kind, then each notification's link is opened as its recipient and answers 200 (issue 17: a notice of a
solution from a provider awaiting verification used to lead the enterprise to 未找到)."""

import datetime as dt

import pytest

from innochallenge.demands import services as demands
from innochallenge.diagnosis import services as diagnosis
from innochallenge.diagnosis.models import ProposedEdit
from innochallenge.events import notices
from innochallenge.events import services as events
from innochallenge.events.models import Meeting
from innochallenge.judging import services as judging
from innochallenge.judging.enums import EntryState, RoundState, Stage
from innochallenge.matching import push
from innochallenge.matching.models import Achievement
from innochallenge.notifications.messages import MESSAGES
from innochallenge.notifications.models import Notification
from innochallenge.publication import services as publication
from innochallenge.solutions import services as solutions
from tests.events.conftest import new_event
from tests.factories.accounts import UserFactory
from tests.judging.conftest import make_judge, score_all
from tests.matching.conftest import FILM
from tests.solutions.conftest import IN_WINDOW, make_provider, solution_values

DUE = dt.date(2021, 5, 18)
#: Kinds with a text but no step that sends them (closing a demand tells nobody).
NOT_SENT = {"demand.closed"}
SCORES = {"completeness": 8, "feasibility": 7, "fit": 8}


def _demand(world, title: str, form_values):
    return demands.create_demand(
        world.demand.campaign,
        form_values | {"title": title},
        by=world.owner,
        submit=True,
        today=IN_WINDOW,
    )


def _demand_steps(world, form_values) -> None:
    """Submitted, assigned, sent back, rewritten by the broker, revised, approved and published; one
    rejected, one kept for the long term, one withdrawn."""
    broker, owner, organiser = world.broker, world.owner, world.organiser
    demand = _demand(world, "低温固化导电银浆", form_values)
    diagnosis.assign(demand, broker, due_on=DUE, by=organiser)
    diagnosis.diagnose(demand, decision="revise", reason="请写明测试方法。", by=broker)
    edit = diagnosis.propose_edit(demand, "title", "低温固化高导电银浆", by=broker)
    diagnosis.decide_proposal(edit, accept=True, by=owner)
    demands.submit_demand(demand, by=owner, today=IN_WINDOW)
    diagnosis.propose_edit(demand, "title", "银浆", by=broker)
    diagnosis.decide_proposal(
        ProposedEdit.objects.get(demand=demand, status="pending"), accept=False, by=owner
    )
    diagnosis.diagnose(demand, decision="approve", by=broker)
    publication.publish(demand, by=broker)
    for title, decision in (("柔性电路基材", "reject"), ("石墨烯散热膜", "long_term")):
        other = _demand(world, title, form_values)
        diagnosis.assign(other, broker, due_on=DUE, by=organiser)
        diagnosis.diagnose(other, decision=decision, reason="不属于本届范围。", by=broker)
    withdrawn = _demand(world, "高阻隔包装膜", form_values)
    diagnosis.assign(withdrawn, broker, due_on=DUE, by=organiser)
    demands.withdraw_demand(withdrawn, by=owner, reason="已自行解决。")


def _solution_steps(world) -> None:
    """A solution from a provider awaiting verification (then verified), one from a provider refused,
    shortlisted and declined ones, a thread both ways, a withdrawal."""
    pending = solutions.create_solution(
        world.demand, world.unverified.organisation, solution_values(world.demand), by=world.unverified
    )
    solutions.submit_solution(pending, by=world.unverified)
    solutions.post_message(pending, "样品六周内提供。", by=world.unverified)
    solutions.review_provider(
        world.unverified.organisation.provider_profile, verified=True, by=world.organiser
    )
    refused = make_provider(
        world.organiser, verified=False, name_en="Shadow Lab", contact_email="s@lab.example"
    )
    late = solutions.create_solution(
        world.demand, refused.organisation, solution_values(world.demand), by=refused
    )
    solutions.submit_solution(late, by=refused)
    solutions.review_provider(
        refused.organisation.provider_profile, verified=False, note="无法核实。", by=world.organiser
    )
    solutions.decide(world.solution, shortlist=True, by=world.owner)
    solutions.post_message(world.solution, "样品何时能提供？", by=world.owner)
    solutions.post_message(world.solution, "Samples in six weeks.", by=world.provider)
    solutions.decide(world.rival_solution, shortlist=False, reason="cost", by=world.owner)
    solutions.withdraw_solution(pending, by=world.unverified)
    solutions.withdraw_solution(late, by=refused)


def _judging_steps(world) -> None:
    """A final of the world's two solutions: judges invited, each solution scored and closed."""
    final = judging.create_round(world.demand.campaign, stage=Stage.FINAL, name="决赛", by=world.organiser)
    entries = [
        judging.add_entry(final, demand=world.demand, solution=s, by=world.organiser)
        for s in (world.solution, world.rival_solution)
    ]
    panel = [make_judge(kind=k) for k in ("technical", "tech_transfer", "finance")]
    for judge in panel:
        judging.invite(final, judge, by=world.organiser)
    judging.set_round_state(final, RoundState.OPEN, by=world.organiser)
    for entry in entries:
        judging.set_entry_state(entry, EntryState.SCORING, by=world.organiser)
        for judge in panel:
            score_all(entry, judge, SCORES)
        judging.set_entry_state(entry, EntryState.CLOSED, by=world.organiser)
    judging.set_round_state(final, RoundState.CLOSED, by=world.organiser)


def _event_steps(world, capture) -> None:
    """A matchmaking event: requests accepted and declined, a schedule, a cancellation, and the
    outcomes asked 30 days on."""
    event = new_event(world.demand.campaign, world.organiser)
    enterprise = events.register(event, world.owner, demands=[world.demand])
    labs = [
        world.provider,
        world.rival,
        make_provider(world.organiser, name_en="Lab 3", contact_email="l3@x.example"),
    ]
    registrations = [events.register(event, lab) for lab in labs]
    with capture(execute=True):
        for registration, lab, accept in zip(registrations, labs, (True, False, True), strict=True):
            request = events.request_meeting(enterprise, registration, by=world.owner)
            events.answer_request(request, accept=accept, by=lab)
    with capture(execute=True):
        events.schedule(event, time_limit=5, by=world.organiser)
    cancelled = Meeting.objects.get(event=event, request__recipient=registrations[2])
    with capture(execute=True):
        events.cancel_meeting(cancelled, by=world.organiser, time_limit=5)
    held = Meeting.objects.get(event=event, request__recipient=registrations[0], state="scheduled")
    events.record_outcome(held, side="enterprise", result="follow_up", by=world.owner)
    notices.ask_outcomes(event.date + dt.timedelta(days=30))


def _matching_steps(world, library_of, capture) -> None:
    """The film patent's owner and the matched providers get the day's digest of the world's demand."""
    owner = UserFactory(role="provider", email="tto@university.example")
    with capture(execute=True):
        (film,) = library_of(FILM)
    Achievement.objects.filter(pk=film).update(owner_user=owner)
    push.plan(world.demand)
    push.send_digests()


@pytest.fixture
def every_notice(world, form_values, library_of, django_capture_on_commit_callbacks):
    """The notices of every step the product tells anyone of, made by the real services."""
    capture = django_capture_on_commit_callbacks
    with capture(execute=True):
        _demand_steps(world, form_values)
        _solution_steps(world)
        _judging_steps(world)
    _event_steps(world, capture)
    _matching_steps(world, library_of, capture)
    return list(Notification.objects.select_related("recipient").order_by("pk"))


def test_every_kind_of_notice_is_made(every_notice):
    assert set(MESSAGES) - NOT_SENT - {n.event for n in every_notice} == set()


def test_every_link_opens_for_its_recipient(every_notice, client):
    broken = []
    for note in every_notice:
        client.force_login(note.recipient)
        response = client.get(note.url, follow=True) if note.url else None
        if response is None or response.status_code != 200:
            status = response.status_code if response is not None else "no link"
            broken.append(f"{note.event} → {note.recipient.role} {note.recipient}: {note.url} ({status})")
    assert broken == []
