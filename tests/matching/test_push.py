"""Precise push: the owners of matched achievements and matched providers hear of a new demand, once,
in one digest a day, unless they opted out — and never read a hidden company name."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from innochallenge.matching import push
from innochallenge.matching.models import Achievement, Push, PushOptOut
from innochallenge.notifications.models import Notification
from tests.factories.accounts import UserFactory
from tests.factories.demands import FORM_VALUES
from tests.matching.conftest import FILM, REDUCER


@pytest.fixture
def owner(library_of, django_capture_on_commit_callbacks):
    """A university's technology-transfer officer who owns the film patent (and an unrelated one)."""
    user = UserFactory(role="provider", email="tto@university.example")
    with django_capture_on_commit_callbacks(execute=True):
        film, reducer = library_of(FILM, REDUCER)
    Achievement.objects.filter(pk__in=[film, reducer]).update(owner_user=user)
    return user


def _publish(publish_demand, callbacks, **values):
    with callbacks(execute=True):
        return publish_demand(dict(FORM_VALUES) | values, show_company_name=False)


def test_a_new_demand_reaches_the_matched_owner_and_provider_once(
    owner, film_provider, publish_demand, django_capture_on_commit_callbacks
):
    demand = _publish(publish_demand, django_capture_on_commit_callbacks)
    pushes = Push.objects.filter(demand=demand)
    assert {p.recipient for p in pushes} == {owner, film_provider}
    assert all("聚酰亚胺" in p.terms for p in pushes)
    digests = Notification.objects.filter(event="matching.digest")
    assert {n.recipient for n in digests} == {owner, film_provider}
    assert any(m.to == [owner.email] for m in mail.outbox)
    before = (Push.objects.count(), digests.count(), len(mail.outbox))

    with django_capture_on_commit_callbacks(execute=True):
        call_command("push_matches")
        call_command("push_matches", "--demand", str(demand.pk))
    assert (Push.objects.count(), digests.count(), len(mail.outbox)) == before


def test_one_digest_a_day_the_rest_tomorrow(owner, publish_demand, django_capture_on_commit_callbacks):
    _publish(publish_demand, django_capture_on_commit_callbacks)
    second = _publish(
        publish_demand, django_capture_on_commit_callbacks, title="聚酰亚胺薄膜的卷对卷涂布工艺改进"
    )
    waiting = Push.objects.get(demand=second, recipient=owner)
    assert waiting.sent_at is None
    assert Notification.objects.filter(recipient=owner, event="matching.digest").count() == 1

    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert push.send_digests(today=tomorrow) == 1
        assert push.send_digests(today=tomorrow) == 0
    assert Notification.objects.filter(recipient=owner, event="matching.digest").count() == 2


def test_who_opted_out_hears_nothing(owner, client, publish_demand, django_capture_on_commit_callbacks):
    client.force_login(owner)
    assert client.post("/matching/pushes/", {"pushes": "off"}).status_code == 302
    assert PushOptOut.objects.filter(user=owner).exists()
    _publish(publish_demand, django_capture_on_commit_callbacks)
    assert not Push.objects.filter(recipient=owner).exists()
    assert not Notification.objects.filter(recipient=owner, event="matching.digest").exists()


def test_a_hidden_company_name_is_never_pushed(
    owner, client, publish_demand, django_capture_on_commit_callbacks
):
    _publish(publish_demand, django_capture_on_commit_callbacks)
    note = Notification.objects.get(recipient=owner, event="matching.digest")
    texts = [note.text, *(m.body for m in mail.outbox), *(m.subject for m in mail.outbox)]
    client.force_login(owner)
    texts.append(client.get("/matching/pushes/").content.decode())
    assert all("恒新" not in t for t in texts)
    assert "聚酰亚胺" in texts[-1]


def test_the_broker_sees_who_was_pushed_what(
    owner, broker, client, publish_demand, django_capture_on_commit_callbacks
):
    demand = _publish(publish_demand, django_capture_on_commit_callbacks)
    client.force_login(broker)
    html = client.get(f"/matching/demands/{demand.pk}/").content.decode()
    assert owner.username in html or owner.get_full_name() in html
