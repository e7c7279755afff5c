"""A judge declares his interests before he sees or scores anything: conflicts are found from the
declaration first. Until then his sessions list no entry, an entry's page is closed to him, a score is
refused, and the session's page tells him what to do."""

import pytest

from innochallenge.accounts.enums import Role
from innochallenge.judging import scoring
from innochallenge.judging import services as judging
from innochallenge.judging.config import criteria
from innochallenge.judging.enums import RoundState
from innochallenge.judging.errors import JudgingError
from tests.demands.conftest import api_client
from tests.factories.accounts import UserFactory
from tests.factories.judging import RoundFactory

pytestmark = pytest.mark.django_db


def _first(session) -> str:
    return criteria(session.campaign, session.stage)[0].code


@pytest.fixture
def session(hs2021):
    return RoundFactory(state=RoundState.OPEN)


@pytest.fixture
def newcomer(session):
    """A judge on the panel who has not declared yet."""
    judge = UserFactory(role=Role.JUDGE)
    session.panelists.create(judge=judge)
    return judge


def test_before_declaring_a_judge_sees_no_entry_and_is_told_to_declare(session, newcomer, client):
    client.force_login(newcomer)
    entry = session.entries.first()

    page = client.get(f"/judging/{session.pk}/")
    assert page.status_code == 200
    assert list(page.context["entries"]) == []
    assert "/judging/me/" in page.content.decode()
    assert client.get(f"/judging/{session.pk}/entries/{entry.pk}/").status_code == 403
    with pytest.raises(JudgingError):
        scoring.save_score(entry, judge=newcomer, criterion=_first(session), value=8)


def test_after_declaring_the_entries_open(session, newcomer, client):
    judging.declare(newcomer, kind="technical", affiliation="苏州大学机电工程学院", by=newcomer)
    client.force_login(newcomer)
    entry = session.entries.first()

    assert list(client.get(f"/judging/{session.pk}/").context["entries"]) == [entry]
    assert client.get(f"/judging/{session.pk}/entries/{entry.pk}/").status_code == 200
    assert scoring.save_score(entry, judge=newcomer, criterion=_first(session), value=8) is not None


def test_the_api_refuses_an_undeclared_judges_score(session, newcomer):
    entry = session.entries.first()
    response = api_client(newcomer).put(
        f"/api/v1/judging/entries/{entry.pk}/scores",
        {"scores": {_first(session): 8}},
        content_type="application/json",
    )
    assert response.status_code == 403
