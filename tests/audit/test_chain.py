"""Audit entries form a hash chain: changing, deleting or cutting off a row is found by `audit-verify`."""

import threading
from io import StringIO

import pgtrigger
import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections, models
from django.utils import translation

from innochallenge.audit import services as audit
from innochallenge.audit.models import GENESIS, HASHED_FIELDS, AuditChainHead, AuditEntry, chain_hash
from innochallenge.demands import services as demands


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def verify() -> str:
    out = StringIO()
    call_command("audit_verify", stdout=out)
    return out.getvalue().strip()


#: On PostgreSQL the table refuses these writes (test_append_only_trigger.py); the tampering below is
#: done as the database's owner would do it, with the triggers set aside, to show it is still found.
def bypass():
    return pgtrigger.ignore("audit.AuditEntry:append_only_update", "audit.AuditEntry:append_only_delete")


def raw_update(entry_id: int, **values) -> None:
    """An UPDATE straight to the table, as someone with database access would do it."""
    with bypass():
        models.QuerySet.update(AuditEntry.objects.filter(pk=entry_id), **values)


def raw_delete(entry_id: int) -> None:
    with bypass(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [entry_id])


@pytest.fixture
def entries(hs2021, organiser, form_values):
    """Entries written by real services and by `record`, the trail of a loaded preset included."""
    demand = demands.create_demand(hs2021, form_values, by=organiser)
    for n in range(3):
        audit.record(actor=organiser, action="test.noted", obj=demand, changes={"n": [n, n + 1]}, note="说明")
    return list(AuditEntry.objects.order_by("pk"))


def test_entries_chain_each_to_the_one_before(entries):
    assert entries[0].prev_hash == GENESIS
    assert [e.prev_hash for e in entries[1:]] == [e.hash for e in entries[:-1]]
    assert len({e.hash for e in entries}) == len(entries)
    head = AuditChainHead.objects.get()
    assert (head.last_entry_id, head.hash) == (entries[-1].pk, entries[-1].hash)


def test_an_intact_chain_verifies(entries):
    assert verify() == f"{len(entries)} entries, chain intact"


def test_an_empty_trail_verifies(db):
    assert verify() == "0 entries, chain intact"


def test_a_changed_entry_is_named(entries):
    changed = entries[2]
    raw_update(changed.pk, changes={"n": [0, 99]})
    with pytest.raises(CommandError, match=rf"at entry {changed.pk}: content changed"):
        verify()


def test_a_changed_entry_with_a_recomputed_hash_breaks_the_next_link(entries):
    changed, following = entries[2], entries[3]
    raw_update(changed.pk, note="rewritten")
    values = AuditEntry.objects.values(*HASHED_FIELDS).get(pk=changed.pk)
    raw_update(changed.pk, hash=chain_hash(changed.prev_hash, values))
    with pytest.raises(CommandError, match=rf"at entry {following.pk}: link broken"):
        verify()


def test_a_deleted_middle_entry_breaks_the_link_of_the_next(entries):
    raw_delete(entries[2].pk)
    with pytest.raises(CommandError, match=rf"at entry {entries[3].pk}: link broken.* entry {entries[1].pk}"):
        verify()


def test_a_deleted_first_entry_breaks_the_start_of_the_chain(entries):
    raw_delete(entries[0].pk)
    with pytest.raises(CommandError, match=rf"at entry {entries[1].pk}: link broken"):
        verify()


def test_a_deleted_last_entry_is_found_through_the_head(entries):
    raw_delete(entries[-1].pk)
    with pytest.raises(CommandError, match=rf"at entry {entries[-1].pk}: entry deleted"):
        verify()


def test_deleting_a_user_keeps_the_entries_of_their_actions_sealed(entries, organiser):
    organiser_id = organiser.pk
    organiser.delete()
    assert AuditEntry.objects.get(pk=entries[-1].pk).actor_id == organiser_id
    assert verify().endswith("chain intact")


def test_many_records_in_a_loop_stay_one_chain(hs2021, organiser):
    for n in range(50):
        audit.record(actor=organiser if n % 2 else None, action="test.loop", obj=hs2021, changes={"n": n})
    rows = list(AuditEntry.objects.order_by("pk").values_list("prev_hash", "hash"))
    assert [prev for prev, _ in rows[1:]] == [h for _, h in rows[:-1]]
    assert verify().endswith("chain intact")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers itself")
@pytest.mark.django_db(transaction=True)
def test_writers_in_parallel_line_up_in_one_chain(hs2021):
    errors = []

    def write(worker: int) -> None:
        try:
            for n in range(10):
                audit.record(actor=None, action="test.parallel", obj=hs2021, changes={"w": worker, "n": n})
        except Exception as error:  # pragma: no cover - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(w,)) for w in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert AuditEntry.objects.filter(action="test.parallel").count() == 60
    assert verify().endswith("chain intact")
