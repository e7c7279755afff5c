"""The broker's work queue and the diagnosis shown on the demand page."""

import datetime as dt

from innochallenge.demands import services
from innochallenge.diagnosis import services as diagnosis


def test_work_queue_lists_the_brokers_demands_earliest_due_first_and_flags_overdue(
    hs2021, organiser, broker, client, form_values, in_collection
):
    late = services.create_demand(hs2021, dict(form_values, title="逾期的需求"), by=organiser, submit=True)
    soon = services.create_demand(
        hs2021, dict(form_values, title="即将到期的需求"), by=organiser, submit=True
    )
    diagnosis.assign(late, broker, due_on=dt.date(2021, 5, 11), by=organiser)
    diagnosis.assign(soon, broker, due_on=dt.date(2021, 5, 15), by=organiser)
    client.force_login(broker)
    html = client.get("/diagnosis/queue/", headers={"accept-language": "en"}).content.decode()
    assert html.index("逾期的需求") < html.index("即将到期的需求")
    assert html.count("· overdue") == 1


def test_queue_is_for_staff_only(hs2021, enterprise_user, client):
    client.force_login(enterprise_user)
    assert client.get("/diagnosis/queue/").status_code == 403


def test_enterprise_sees_the_decision_and_reason_but_not_the_scores(
    hs2021, enterprise_user, organiser, broker, client, form_values, in_collection
):
    demand = services.create_demand(hs2021, form_values, by=enterprise_user, submit=True)
    diagnosis.assign(demand, broker, due_on=dt.date(2021, 5, 18), by=organiser)
    diagnosis.diagnose(demand, decision="revise", reason="请写明测试标准。", solvability=2, by=broker)
    client.force_login(enterprise_user)
    html = client.get(f"/demands/{demand.pk}/", headers={"accept-language": "en"}).content.decode()
    assert "请写明测试标准。" in html and "Send back for revision" in html
    assert "solvability" not in html
    client.force_login(broker)
    assert (
        "solvability 2"
        in client.get(f"/demands/{demand.pk}/", headers={"accept-language": "en"}).content.decode()
    )


def test_only_the_assigned_broker_sees_the_enterprises_contacts(
    hs2021, enterprise_user, organiser, broker, client, form_values, in_collection
):
    from tests.factories.accounts import UserFactory

    demand = services.create_demand(hs2021, form_values, by=enterprise_user, submit=True)
    other = UserFactory(role="broker")
    diagnosis.assign(demand, broker, due_on=dt.date(2021, 5, 18), by=organiser)
    client.force_login(broker)
    assert form_values["contact_phone"] in client.get(f"/demands/{demand.pk}/").content.decode()
    client.force_login(other)
    assert form_values["contact_phone"] not in client.get(f"/demands/{demand.pk}/").content.decode()
