"""A person asks for erasure; once no campaign keeps the data (privacy.retention_years after the awards)
the sweep or an organiser erases it, the account is closed, and organisers see what went, never the values."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from axes.models import AccessLog
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innochallenge.accounts.enums import Role
from innochallenge.audit.services import verify_chain
from innochallenge.campaigns.models import Liaison
from innochallenge.demands import exporting
from innochallenge.demands import services as demands
from innochallenge.demands.jobs import upload_dir
from innochallenge.jobs.models import Job
from innochallenge.notifications.services import notify
from innochallenge.reports.enums import PartyKind
from innochallenge.reports.models import FinancingRegistration
from innochallenge.retention import services
from innochallenge.retention.enums import RequestState, Trigger
from innochallenge.retention.models import Erasure, ErasureRequest
from innochallenge.retention.queries import kept_until
from tests.factories.accounts import PASSWORD, UserFactory

PHONE, EMAIL, NAME = "13912345678", "wanglei@hengxin.example.cn", "王磊"
#: hs2021's ceremony ends 2021-09-30; three years on, 2024-09-30 is the last day its data is kept.
LAST_DAY = dt.date(2024, 9, 30)


def tz(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture
def person(hs2021):
    user = UserFactory(
        role=Role.ENTERPRISE, username="wanglei", email=EMAIL, phone=PHONE, first_name="磊", last_name="王"
    )
    return user


@pytest.fixture
def demand(hs2021, person, form_values):
    with time_machine.travel(tz(dt.date(2021, 5, 10))):
        return demands.create_demand(hs2021, form_values, by=person)


def dump() -> str:
    out = StringIO()
    call_command("dumpdata", stdout=out)
    return out.getvalue().encode().decode("unicode_escape")


def test_hs2021_keeps_data_three_years_after_the_awards(hs2021):
    assert (hs2021.retention_years, kept_until(hs2021)) == (3, LAST_DAY)


def test_the_request_page_records_the_request(client, person, demand):
    client.force_login(person)
    page = client.get("/retention/erasure/")
    assert "申请删除个人信息" in page.content.decode()

    answer = client.post("/retention/erasure/", {"confirm": "on"})

    assert answer.status_code == 302
    req = ErasureRequest.objects.get(user=person)
    assert (req.state, req.kept_until) == (RequestState.PENDING, LAST_DAY)
    assert "2024-09-30" in client.get("/retention/erasure/").content.decode()


def test_the_request_needs_the_box_ticked_and_a_sign_in(client, person):
    assert client.get("/retention/erasure/").status_code == 302
    client.force_login(person)
    client.post("/retention/erasure/", {})
    assert not ErasureRequest.objects.exists()


def test_the_sweep_waits_for_the_end_of_the_retention_period(person, demand):
    services.request_erasure(person)
    with time_machine.travel(tz(LAST_DAY)):
        assert services.erase_expired() == ([], [])
    demand.refresh_from_db()
    assert (demand.contact_phone, demand.contact_email) == (PHONE, EMAIL)

    with time_machine.travel(tz(LAST_DAY + dt.timedelta(days=1))):
        out = StringIO()
        call_command("erase_expired", stdout=out)

    assert "1 request erased" in out.getvalue() or "1 个" in out.getvalue()
    demand.refresh_from_db()
    assert (demand.contact_name, demand.contact_phone, demand.contact_email) == ("已删除", "", "")
    assert ErasureRequest.objects.get().state == RequestState.ERASED


def test_a_dry_run_erases_nothing(person, demand):
    services.request_erasure(person)
    out = StringIO()
    with time_machine.travel(tz(LAST_DAY + dt.timedelta(days=1))):
        call_command("erase_expired", "--dry-run", stdout=out)
    assert "hs2021" in out.getvalue() and f"{person.pk}" in out.getvalue()
    demand.refresh_from_db()
    assert (demand.contact_phone, ErasureRequest.objects.get().state) == (PHONE, RequestState.PENDING)
    assert not Erasure.objects.exists()


def test_erased_values_are_gone_from_the_database_and_the_exports(person, demand, organiser, hs2021):
    assert PHONE in dump() and EMAIL in dump()  # in the demand, the account and the audit trail
    services.request_erasure(person)

    erasure = services.erase_person(ErasureRequest.objects.get(), trigger=Trigger.SWEEP)

    everything = dump()
    assert (PHONE in everything, EMAIL in everything, "wanglei" in everything) == (False, False, False)
    sheet = exporting.export(
        exporting.demands_for_export(organiser, hs2021), "csv", user=organiser, campaign=hs2021
    )
    text = sheet.content.decode("utf-8-sig")
    assert (demand.title in text, PHONE in text, EMAIL in text, NAME in text) == (True, False, False, False)
    assert erasure.audit_entries > 0


def test_the_account_is_closed(person, demand):
    services.request_erasure(person)
    services.erase_person(ErasureRequest.objects.get(), trigger=Trigger.SWEEP)
    person.refresh_from_db()
    assert (person.is_active, person.has_usable_password(), person.username) == (
        False,
        False,
        f"erased-{person.pk}",
    )
    assert authenticate(username="wanglei", password=PASSWORD) is None


def test_the_audit_chain_verifies_after_erasure(person, demand):
    services.request_erasure(person)
    services.erase_person(ErasureRequest.objects.get(), trigger=Trigger.SWEEP)
    count, broken = verify_chain()
    assert (count > 0, broken) == (True, None)
    out = StringIO()
    call_command("audit_verify", stdout=out)
    assert "intact" in out.getvalue() or "完好" in out.getvalue()


def test_files_left_by_the_persons_import_are_deleted(hs2021, django_capture_on_commit_callbacks):
    """A batch of Word forms the worker has not read yet (a read batch is deleted by the import)."""
    liaison = UserFactory(role=Role.LIAISON, district=hs2021.districts.get(code="xiangcheng"))
    job = Job.objects.create(
        kind="demands.import", label="导入", params={"token": "a1b2"}, created_by=liaison
    )
    folder = upload_dir(job.params["token"])
    folder.mkdir(parents=True)
    (folder / "0001.docx").write_bytes(b"PK word form of " + NAME.encode())
    services.request_erasure(liaison)

    with django_capture_on_commit_callbacks(execute=True):
        erasure = services.erase_person(ErasureRequest.objects.get(), trigger=Trigger.SWEEP)

    assert (folder.exists(), erasure.files_deleted) == (False, 1)


def test_an_organiser_erases_at_once_only_when_no_campaign_keeps_the_data(client, organiser, person, demand):
    services.request_erasure(person)
    client.force_login(organiser)
    req = ErasureRequest.objects.get()
    with time_machine.travel(tz(LAST_DAY)):
        client.post(f"/retention/{req.pk}/erase/")
    assert ErasureRequest.objects.get().state == RequestState.PENDING

    with time_machine.travel(tz(LAST_DAY + dt.timedelta(days=1))):
        client.post(f"/retention/{req.pk}/erase/")
    erasure = Erasure.objects.get()
    assert (erasure.trigger, erasure.by) == (Trigger.ORGANISER, organiser)


def test_someone_no_campaign_holds_is_erased_at_once(client, organiser, db):
    stranger = UserFactory(role=Role.ENTERPRISE, phone=PHONE)
    req = services.request_erasure(stranger)
    assert req.kept_until is None
    client.force_login(organiser)
    client.post(f"/retention/{req.pk}/erase/")
    stranger.refresh_from_db()
    assert (stranger.phone, stranger.is_active) == ("", False)


def test_the_organisers_page_lists_what_was_erased(client, organiser, person, demand):
    services.request_erasure(person)
    services.erase_person(ErasureRequest.objects.get(), trigger=Trigger.SWEEP)
    client.force_login(organiser)

    page = client.get("/retention/").content.decode()

    assert "个人信息删除" in page
    assert "技术需求：联系人、联系方式、电子邮箱" in page and "用户：用户名" in page
    assert PHONE not in page and NAME not in page


@pytest.mark.parametrize("role", [Role.ENTERPRISE, Role.LIAISON])
def test_only_organisers_see_the_erasures(client, hs2021, role):
    district = hs2021.districts.get(code="xiangcheng") if role == Role.LIAISON else None
    client.force_login(UserFactory(role=role, district=district))
    assert client.get("/retention/").status_code == 403
    assert client.post("/retention/1/erase/").status_code == 403


def test_the_public_is_sent_to_sign_in(client, db):
    assert client.get("/retention/").status_code == 302


def test_a_campaign_past_its_retention_period_loses_its_contacts_asked_or_not(person, demand, hs2021):
    """PIPL art. 47: the period is over, so contacts and liaison records go; accounts stay (a person may
    take part in later campaigns), and the demand itself stays."""
    liaison = hs2021.districts.get(code="xiangcheng")
    Liaison.objects.create(
        district=liaison, name="张伟", mobile="13800001111", wechat="zhangwei_sz", qq="123456"
    )
    with time_machine.travel(tz(LAST_DAY)):
        services.erase_expired()
    assert Liaison.objects.get().mobile == "13800001111"

    with time_machine.travel(tz(LAST_DAY + dt.timedelta(days=1))):
        services.erase_expired()
        services.erase_expired()  # once per campaign

    demand.refresh_from_db()
    record = Liaison.objects.get()
    assert (demand.contact_phone, demand.broker_phone, demand.title) == ("", "", "耐高温低收缩聚酰亚胺薄膜")
    assert (record.name, record.mobile, record.wechat, record.qq) == ("已删除", "", "", "")
    person.refresh_from_db()
    assert (person.is_active, person.phone) == (True, PHONE)
    erasure = Erasure.objects.get()
    assert (erasure.campaign, erasure.trigger) == (hs2021, Trigger.CAMPAIGN)
    assert verify_chain()[1] is None
    assert "13800001111" not in dump() and "zhangwei_sz" not in dump()


def test_a_closed_account_loses_its_sessions(client, person, demand):
    client.force_login(person)
    services.request_erasure(person)
    services.erase_person(ErasureRequest.objects.get(), trigger=Trigger.SWEEP)
    assert client.get("/retention/erasure/").status_code == 302


def test_registrations_notifications_and_log_in_logs_lose_the_person(person, demand, hs2021):
    FinancingRegistration.objects.create(
        campaign=hs2021,
        kind=PartyKind.ENTERPRISE,
        organisation_name="苏州恒新材料科技有限公司",
        contact_name=NAME,
        contact_phone=PHONE,
        contact_email=EMAIL,
        need_wan=500,
        registered_by=person,
    )
    notify([person], "demand.submitted", {"name": NAME})
    AccessLog.objects.create(username="wanglei", ip_address="10.0.0.8", user_agent="test")
    services.request_erasure(person)

    erasure = services.erase_person(ErasureRequest.objects.get(), trigger=Trigger.SWEEP)

    everything = dump()
    assert (PHONE in everything, NAME in everything, "wanglei" in everything) == (False, False, False)
    assert AccessLog.objects.get().username == f"erased-{person.pk}"  # the security log itself stays
    assert {"model": "notifications.notification", "fields": [], "count": 1} in erasure.items


def test_the_organisers_page_asks_as_many_queries_for_1_as_for_5(client, organiser, db):
    def queries_with(n: int) -> int:
        for _ in range(n):
            services.request_erasure(UserFactory(phone=PHONE))  # waiting
            services.erase_now(services.request_erasure(UserFactory(phone=PHONE)), by=organiser)  # done
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/retention/").status_code == 200
        return len(queries)

    client.force_login(organiser)
    assert queries_with(1) == queries_with(4)
