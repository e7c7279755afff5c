"""Every export carrying personal contacts is a sensitive read (PIPL art. 51; 等保 2.0 安全审计): the audit
trail says who took which export, with how many rows of contacts, and organisers see it there. An export
without contacts leaves no such entry."""

import pytest
from django.core.management import call_command

from innochallenge.audit.models import AuditEntry
from innochallenge.audit.reads import ACTION
from tests.demands.test_round_trip import filed  # noqa: F401 - fixture
from tests.events.conftest import fair  # noqa: F401 - fixtures the scenario needs
from tests.judging.conftest import final, published, world  # noqa: F401
from tests.reports.conftest import scenario  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def _reads():
    return list(AuditEntry.objects.filter(action=ACTION).values_list("actor_name", "changes", "object_repr"))


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "docx"])
def test_a_demand_export_with_contacts_is_recorded(hs2021, organiser, client, filed, fmt):  # noqa: F811
    client.force_login(organiser)
    assert client.get(f"/demands/export/?campaign=hs2021&format={fmt}").status_code == 200
    assert _reads() == [("organiser", {"export": f"demands.{fmt}", "rows": 4}, str(hs2021))]


def test_one_demands_form_with_contacts_is_recorded(hs2021, organiser, client, filed):  # noqa: F811
    client.force_login(organiser)
    assert client.get(f"/demands/{filed[0].pk}/form.docx").status_code == 200
    assert _reads() == [("organiser", {"export": "demands.docx", "rows": 1}, str(hs2021))]


def test_a_liaison_export_counts_only_the_rows_with_contacts(hs2021, liaison_of, client, filed):  # noqa: F811
    liaison = liaison_of("wuzhong")
    client.force_login(liaison)
    client.get("/demands/export/?campaign=hs2021&format=xlsx")
    assert _reads() == [(liaison.username, {"export": "demands.xlsx", "rows": 1}, str(hs2021))]


def test_an_export_without_contacts_is_not_a_sensitive_read(hs2021, broker, client, filed):  # noqa: F811
    client.force_login(broker)
    assert client.get("/demands/export/?campaign=hs2021&format=csv").status_code == 200
    assert _reads() == []


def test_the_command_line_export_is_recorded(hs2021, filed, tmp_path):  # noqa: F811
    call_command(
        "export_demands", "--format", "xlsx", "-o", str(tmp_path / "all.xlsx"), "--campaign", "hs2021"
    )
    entry = AuditEntry.objects.get(action=ACTION)
    assert (entry.actor_name, entry.changes, entry.note) == (
        "system",
        {"export": "demands.xlsx", "rows": 4},
        "command line",
    )


def test_the_financing_export_with_contacts_is_recorded_and_without_is_not(scenario, client_of, liaison_of):  # noqa: F811
    client_of(liaison_of("wuzhong")).get("/reports/financing.xlsx")
    client_of(scenario.organiser).get("/reports/quota.xlsx")
    assert _reads() == []
    client_of(scenario.organiser).get("/reports/financing.xlsx")
    assert _reads() == [
        (scenario.organiser.username, {"export": "financing.xlsx", "rows": 4}, str(scenario.campaign))
    ]


def test_organisers_see_the_reads_in_the_audit_trail(hs2021, organiser, client, filed):  # noqa: F811
    client.force_login(organiser)
    client.get("/demands/export/?campaign=hs2021&format=xlsx", HTTP_ACCEPT_LANGUAGE="zh-hans")
    page = client.get(f"/admin/audit/auditentry/?action={ACTION}", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 200
    assert "导出含个人联系方式的数据" in page.content.decode()
