"""Each transition tells the people concerned, in the app and by e-mail (sent by the task worker)."""

import datetime as dt

from django.core import mail

from innochallenge.demands import services as demands
from innochallenge.diagnosis import services as diagnosis
from innochallenge.notifications.models import Notification
from innochallenge.publication import services as publication

DUE = dt.date(2021, 5, 18)


def _events(user):
    return list(Notification.objects.filter(recipient=user).order_by("pk").values_list("event", flat=True))


def test_the_people_concerned_hear_of_each_step(
    hs2021,
    enterprise_user,
    liaison_of,
    organiser,
    broker,
    form_values,
    in_collection,
    django_capture_on_commit_callbacks,
):
    liaison = liaison_of("xiangcheng")
    other_liaison = liaison_of("gusu")
    # E-mails leave once each step's transaction has committed.
    with django_capture_on_commit_callbacks(execute=True):
        demand = demands.create_demand(hs2021, form_values, by=enterprise_user, submit=True)
        diagnosis.assign(demand, broker, due_on=DUE, by=liaison)
        diagnosis.diagnose(demand, decision="revise", reason="请写明测试方法。", by=broker)
        demands.submit_demand(demand, by=enterprise_user)
        diagnosis.diagnose(demand, decision="approve", by=broker)
        publication.publish(demand, by=broker)

    assert _events(liaison) == ["demand.submitted"]
    assert _events(other_liaison) == []
    assert _events(broker) == ["demand.assigned", "demand.resubmitted"]
    assert _events(enterprise_user) == [
        "demand.diagnosis_started",
        "demand.diagnosed.revise",
        "demand.diagnosed.approve",
        "demand.published",
    ]
    revise = Notification.objects.get(recipient=enterprise_user, event="demand.diagnosed.revise")
    assert "请写明测试方法。" in revise.text and demand.reference in revise.text
    # One e-mail per notification, in Chinese and in English.
    assert len(mail.outbox) == 7
    to_enterprise = [m for m in mail.outbox if m.to == [enterprise_user.email]]
    assert any("需要修改" in m.body and "needs revision" in m.body for m in to_enterprise)
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


def test_no_one_is_told_of_their_own_action(hs2021, organiser, broker, form_values, in_collection):
    demand = demands.create_demand(hs2021, form_values, by=organiser, submit=True)
    diagnosis.assign(demand, broker, due_on=DUE, by=organiser)
    diagnosis.diagnose(demand, decision="approve", by=broker)
    publication.publish(demand, by=broker)
    assert "demand.published" not in _events(broker)


def test_the_inbox_shows_unread_notifications_and_marks_them_read(
    hs2021, enterprise_user, organiser, broker, form_values, client, in_collection
):
    demand = demands.create_demand(hs2021, form_values, by=enterprise_user, submit=True)
    diagnosis.assign(demand, broker, due_on=DUE, by=organiser)
    client.force_login(broker)
    html = client.get("/notifications/", headers={"accept-language": "en"}).content.decode()
    assert "Notifications (1)" in html
    assert f"Demand {demand.reference}" in html and "is yours to diagnose by" in html
    client.post("/notifications/read/")
    assert "Notifications (1)" not in client.get("/notifications/").content.decode()
    assert not Notification.objects.filter(recipient=broker, read_at__isnull=True).exists()
