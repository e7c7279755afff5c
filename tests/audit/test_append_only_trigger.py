"""On PostgreSQL the database refuses to change or delete audit entries (django-pgtrigger), so tampering
is prevented, not only found; on SQLite, which has no such triggers here, audit-verify finds it."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import translation

from innochallenge.audit import services as audit
from innochallenge.audit.models import AuditEntry
from innochallenge.demands import services as demands

TABLE = AuditEntry._meta.db_table
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the triggers are PostgreSQL's")
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL refuses the write itself")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def entry(hs2021, organiser, form_values):
    demand = demands.create_demand(hs2021, form_values, by=organiser)
    return audit.record(actor=organiser, action="test.noted", obj=demand, changes={"n": [1, 2]}, note="说明")


def raw(sql: str, params: list) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@postgres_only
def test_postgres_refuses_a_raw_update(entry):
    with pytest.raises(DatabaseError, match="Cannot update rows"):
        raw(f"UPDATE {TABLE} SET note = %s WHERE id = %s", ["rewritten", entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).note == "说明"


@postgres_only
def test_postgres_refuses_a_raw_delete(entry):
    with pytest.raises(DatabaseError, match="Cannot delete rows"):
        raw(f"DELETE FROM {TABLE} WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@postgres_only
def test_postgres_still_lets_records_be_sealed_and_erased(entry, organiser):
    later = audit.record(actor=organiser, action="test.noted", obj=entry, changes={"n": [2, 3]})
    assert AuditEntry.objects.get(pk=later.pk).hash == later.hash
    emptied = audit.erase_entries(AuditEntry.objects.filter(pk=entry.pk))
    audit.record(actor=None, action=audit.ERASURE_ACTION, obj=later, changes={"audit_entries": emptied})
    assert (emptied, AuditEntry.objects.get(pk=entry.pk).note) == ([entry.pk], "")
    call_command("audit_verify", stdout=StringIO())


@sqlite_only
def test_sqlite_takes_a_raw_update_and_audit_verify_finds_it(entry):
    raw(f"UPDATE {TABLE} SET note = %s WHERE id = %s", ["rewritten", entry.pk])
    with pytest.raises(CommandError, match=rf"at entry {entry.pk}: content changed"):
        call_command("audit_verify", stdout=StringIO())
