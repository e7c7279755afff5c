"""Personal values in audit entries can be erased and the chain still verifies: scheme-2 entries seal
salted digests of them, which the erasure marker keeps; scheme-1 entries (sealed before) still verify."""

from io import StringIO

import pgtrigger
import pytest
from django.core.management import CommandError, call_command
from django.db import models
from django.utils import translation

from innochallenge.audit import services as audit
from innochallenge.audit.models import (
    GENESIS,
    HASHED_FIELDS,
    SCHEME_DIGESTS,
    SCHEME_PLAIN,
    AuditChainHead,
    AuditEntry,
    chain_hash,
    field_digest,
)
from innochallenge.demands import services as demands

PHONE = "13912345678"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def verify() -> str:
    out = StringIO()
    call_command("audit_verify", stdout=out)
    return out.getvalue().strip()


def raw_update(entry_id: int, **values) -> None:
    """Straight to the table, with PostgreSQL's append-only trigger set aside (as its owner could)."""
    with pgtrigger.ignore("audit.AuditEntry:append_only_update"):
        models.QuerySet.update(AuditEntry.objects.filter(pk=entry_id), **values)


@pytest.fixture
def entries(hs2021, organiser, form_values):
    demand = demands.create_demand(hs2021, form_values, by=organiser)
    audit.record(actor=organiser, action="test.noted", obj=demand, changes={"phone": ["", PHONE]}, note=PHONE)
    audit.record(actor=organiser, action="test.noted", obj=demand, changes={"n": [1, 2]})
    return list(AuditEntry.objects.order_by("pk"))


def erase(ids: list[int]) -> list[int]:
    """What a service does: empty the entries, then record which, in the same chain."""
    emptied = audit.erase_entries(AuditEntry.objects.filter(pk__in=ids))
    audit.record(
        actor=None,
        action=audit.ERASURE_ACTION,
        obj=AuditChainHead.objects.get(),
        changes={"audit_entries": emptied},
    )
    return emptied


def test_new_entries_seal_digests_of_their_personal_values(entries):
    noted = entries[-2]
    assert (noted.scheme, len(noted.salt)) == (SCHEME_DIGESTS, 32)
    assert noted.hash == chain_hash(
        noted.prev_hash, AuditEntry.objects.values(*HASHED_FIELDS).get(pk=noted.pk)
    )


def test_an_erased_entry_keeps_digests_not_values_and_the_chain_verifies(entries):
    noted = entries[-2]
    salt, shown = noted.salt, noted.object_repr

    assert erase([noted.pk]) == [noted.pk]

    noted.refresh_from_db()
    assert (noted.object_repr, noted.note, noted.salt) == ("已删除", "", "")
    assert noted.changes == {
        "erased": True,
        "digests": {
            "actor_name": field_digest(salt, "organiser"),
            "object_repr": field_digest(salt, shown),
            "changes": field_digest(salt, {"phone": ["", PHONE]}),
            "note": field_digest(salt, PHONE),
        },
    }
    assert PHONE not in str(AuditEntry.objects.values_list().get(pk=noted.pk))
    assert verify() == f"{len(entries) + 1} entries, chain intact, 1 erased"


def test_the_rest_of_an_erased_entry_is_still_sealed(entries):
    noted = entries[-2]
    erase([noted.pk])
    raw_update(noted.pk, action="test.forged")
    with pytest.raises(CommandError, match=rf"at entry {noted.pk}: content changed"):
        verify()


def test_a_forged_digest_is_found(entries):
    noted = entries[-2]
    erase([noted.pk])
    noted.refresh_from_db()
    raw_update(noted.pk, changes={"erased": True, "digests": noted.changes["digests"] | {"note": "0" * 64}})
    with pytest.raises(CommandError, match=rf"at entry {noted.pk}: content changed"):
        verify()


def test_a_marker_that_no_erasure_recorded_is_found(entries):
    noted = entries[-2]
    digests = {
        name: field_digest(noted.salt, getattr(noted, name))
        for name in ("actor_name", "object_repr", "changes", "note")
    }
    raw_update(noted.pk, changes={"erased": True, "digests": digests}, note="", object_repr="已删除", salt="")
    with pytest.raises(CommandError, match=rf"at entry {noted.pk}: erased without an erasure record"):
        verify()


def test_a_tampered_entry_is_not_erased(entries):
    noted = entries[-2]
    raw_update(noted.pk, note="rewritten")
    assert audit.erase_entries(AuditEntry.objects.filter(pk=noted.pk)) == []
    assert AuditEntry.objects.get(pk=noted.pk).note == "rewritten"


def as_scheme_1(entries) -> None:
    """Turn the chain into one sealed before migration 0003: values hashed as they are, no salt."""
    prev = GENESIS
    for entry in entries:
        raw_update(entry.pk, scheme=SCHEME_PLAIN, salt="", prev_hash=prev)
        values = AuditEntry.objects.values(*HASHED_FIELDS).get(pk=entry.pk)
        prev = chain_hash(prev, values)
        raw_update(entry.pk, hash=prev)
    AuditChainHead.objects.filter(pk=1).update(last_entry_id=entries[-1].pk, hash=prev)


def test_a_chain_sealed_the_old_way_still_verifies_and_finds_changes(entries):
    as_scheme_1(entries)
    assert verify() == f"{len(entries)} entries, chain intact"
    raw_update(entries[-1].pk, note="rewritten")
    with pytest.raises(CommandError, match=rf"at entry {entries[-1].pk}: content changed"):
        verify()


def test_an_old_entry_erased_keeps_its_link_and_is_vouched_for_by_the_erasure(entries):
    as_scheme_1(entries)
    noted = entries[-2]
    erase([noted.pk])
    assert AuditEntry.objects.get(pk=noted.pk).changes == {"erased": True, "digests": {}}
    assert verify() == f"{len(entries) + 1} entries, chain intact, 1 erased"
    raw_update(noted.pk, hash="f" * 64)
    with pytest.raises(CommandError, match=rf"at entry {entries[-1].pk}: link broken"):
        verify()
