import dataclasses
import datetime as dt
import decimal

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from innochallenge.audit.context import client_address
from innochallenge.audit.models import (
    ERASED_TEXT,
    GENESIS,
    HASHED_FIELDS,
    SCHEME_PLAIN,
    AuditChainHead,
    AuditEntry,
    chain_hash,
    erasure_marker,
    personal_digests,
)

#: The action of the entry that names the entries an erasure emptied (see `erase_entries`).
ERASURE_ACTION = "retention.erased"


def plain(value):
    """JSON-safe form of a field value, so before/after can be stored and compared."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        # 40000 and 40000.00 are the same amount: compare and store them alike.
        return format(value.normalize(), "f")
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)  # e.g. a country: its code


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict:
    """The concrete field values of `obj` (or just `fields`), JSON-safe, keyed by attribute name."""
    names = fields or [f.attname for f in obj._meta.concrete_fields]
    return {name: plain(getattr(obj, name)) for name in names}


def diff(before: dict, after: dict) -> dict:
    """`{field: [before, after]}` for every field whose value changed."""
    keys = before.keys() | after.keys()
    return {k: [before.get(k), after.get(k)] for k in sorted(keys) if before.get(k) != after.get(k)}


def record(
    *, actor, action: str, obj: models.Model, changes: dict | None = None, note: str = ""
) -> AuditEntry:
    """Append one audit entry. Called by services inside their transaction, never by views.

    The entry is chained to the previous one under the lock of the chain head, held until the caller's
    transaction ends: concurrent writers queue there, so the chain never forks. The hash is computed from
    the row as the database gives it back (JSON and addresses as stored), which is what `verify_chain`
    reads later.
    """
    user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        head = _locked_chain_head()
        entry = AuditEntry.objects.create(
            actor=user,
            actor_name=user.get_username() if user else "system",
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_repr=str(obj)[:200],
            changes=changes or {},
            client_address=client_address.get(),
            note=note[:500],
            prev_hash=head.hash,
        )
        stored = AuditEntry.objects.values(*HASHED_FIELDS).get(pk=entry.pk)
        entry.hash = chain_hash(entry.prev_hash, stored)
        AuditEntry.objects.filter(pk=entry.pk).seal(entry.hash)
        head.last_entry_id, head.hash = entry.pk, entry.hash
        head.save(update_fields=["last_entry_id", "hash"])
    return entry


def _locked_chain_head() -> AuditChainHead:
    """The chain head, locked. Made from the last entry when missing (a new or flushed database); when two
    writers make it at once, the second waits on the first's row and then locks it."""
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is not None:
        return head
    last = AuditEntry.objects.order_by("-pk").values("pk", "hash").first()
    try:
        with transaction.atomic():
            AuditChainHead.objects.create(
                pk=1, last_entry_id=last["pk"] if last else None, hash=last["hash"] if last else GENESIS
            )
    except IntegrityError:
        pass
    return AuditChainHead.objects.select_for_update().get(pk=1)


@dataclasses.dataclass(frozen=True)
class ChainBreak:
    """The first place where the chain does not hold: the entry (by id) and what is wrong there."""

    entry_id: int | None
    problem: str


def verify_chain() -> tuple[int, ChainBreak | None]:
    """Walk the entries in id order and recompute the chain: (number of entries, first break or None).

    Content changed: an entry's hash no longer matches its content. Link broken: its `prev_hash` is not
    the hash of the entry before it (an entry before it was deleted, or rewritten with a new hash). The
    head names the last entry, so entries cut off the end show as well.

    Erased entries: a scheme-2 entry hashes digests of its personal fields, which its erasure marker
    keeps, so it verifies in full after erasure (everything but the erased values, which are gone). A
    scheme-1 entry hashed the values themselves: once erased, only its link is checked, and it must be
    named by a sealed erasure entry (`ERASURE_ACTION`); a marker nobody recorded is a break.
    """
    return _walk(_erased_by_record())


def count_erased() -> int:
    """How many entries have had their personal values erased."""
    return AuditEntry.objects.filter(changes__erased=True).count()


def _erased_by_record() -> set[int]:
    """Ids of the entries that erasure entries say they emptied (checked as part of the chain)."""
    named: set[int] = set()
    for changes in AuditEntry.objects.filter(action=ERASURE_ACTION).values_list("changes", flat=True):
        named.update(int(i) for i in (changes or {}).get("audit_entries", []))
    return named


def _walk(erased_by_record: set[int]) -> tuple[int, ChainBreak | None]:
    prev_id, prev_hash, count = None, GENESIS, 0
    rows = AuditEntry.objects.order_by("pk").values(*HASHED_FIELDS, "prev_hash", "hash")
    for row in rows.iterator(chunk_size=2000):
        count += 1
        if not row["hash"]:
            return count, ChainBreak(row["id"], _("not sealed: written without audit.services.record"))
        erased = erasure_marker(row["changes"]) is not None
        if erased and row["id"] not in erased_by_record:
            return count, ChainBreak(row["id"], _("erased without an erasure record naming it"))
        old_and_erased = erased and row["scheme"] == SCHEME_PLAIN
        if not old_and_erased and chain_hash(row["prev_hash"], row) != row["hash"]:
            return count, ChainBreak(row["id"], _("content changed: the hash does not match the entry"))
        if row["prev_hash"] != prev_hash:
            if prev_id is None:
                problem = _(
                    "link broken: it does not follow the start of the chain (entries before it deleted)"
                )
            else:
                problem = _(
                    "link broken: its previous hash is not the hash of entry %(id)s "
                    "(an entry between them deleted, or that one rewritten)"
                ) % {"id": prev_id}
            return count, ChainBreak(row["id"], problem)
        prev_id, prev_hash = row["id"], row["hash"]
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is None:
        return count, (ChainBreak(prev_id, _("chain head missing")) if count else None)
    if (head.last_entry_id, head.hash) != (prev_id, prev_hash):
        return count, ChainBreak(
            head.last_entry_id,
            _("entry deleted: the chain should end at entry %(head)s, it ends at entry %(last)s")
            % {"head": head.last_entry_id, "last": prev_id},
        )
    return count, None


def erase_entries(entries: models.QuerySet, *, person_id: int | None = None) -> list[int]:
    """Replace the personal values of `entries` by an erasure marker; return the ids of those emptied.

    Every personal field (`PERSONAL_FIELDS` of audit.models) goes, the actor's name only when the actor is
    the person (`person_id`) whose data is erased: `changes` becomes `{"erased": true, "digests": …}`,
    the texts read “已删除”, the salt is dropped (so the kept digests cannot be tried against guesses).
    Each entry is checked against its hash first: an entry that no longer verifies is left as it is, so
    erasure never launders tampering. The caller records the ids in an `ERASURE_ACTION` entry in the same
    transaction; `verify_chain` requires it. Entries already erased are skipped, and so are erasure
    entries themselves (they hold ids and counts only, and the chain needs them to vouch for the rest).
    """
    emptied = []
    with transaction.atomic():
        rows = (
            entries.exclude(action=ERASURE_ACTION)
            .values(*HASHED_FIELDS, "prev_hash", "hash")
            .select_for_update()
            .order_by("pk")
        )
        for row in rows:
            if erasure_marker(row["changes"]) is not None or chain_hash(row["prev_hash"], row) != row["hash"]:
                continue
            digests = personal_digests(row) if row["scheme"] != SCHEME_PLAIN else {}
            values = {
                "changes": {"erased": True, "digests": digests},
                "object_repr": ERASED_TEXT,
                "note": "",
                "salt": "",
            }
            if row["actor_id"] is not None and row["actor_id"] == person_id:
                values["actor_name"] = ERASED_TEXT
            AuditEntry.objects.filter(pk=row["id"]).erase(**values)
            emptied.append(row["id"])
    return emptied
