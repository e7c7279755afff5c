import datetime as dt
import hashlib
import json
import secrets

import pgtrigger
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

#: The `prev_hash` of the first entry of the chain.
GENESIS = "0" * 64
#: What an entry's hash covers, in the names `values()` gives them.
CONTENT_FIELDS = [
    "id",
    "actor_id",
    "actor_name",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "changes",
    "client_address",
    "note",
    "created_at",
]
#: What `chain_hash` reads: the content and how it was sealed.
HASHED_FIELDS = [*CONTENT_FIELDS, "scheme", "salt"]


def canonical_content(values: dict) -> bytes:
    """The entry's content as canonical JSON (sorted keys, no spaces, UTF-8), from `values(*CONTENT_FIELDS)`.

    The time is written in UTC with microseconds, so the same row reads the same on every database and
    in every time zone.
    """
    content = {name: values[name] for name in CONTENT_FIELDS if name != "created_at"}
    return _canonical(content, values["created_at"])


def _canonical(content: dict, created_at: dt.datetime) -> bytes:
    content = content | {"created": created_at.astimezone(dt.UTC).isoformat(timespec="microseconds")}
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


#: Scheme 1 (entries written before erasure existed) hashes the content itself. Scheme 2 hashes, for each
#: field that may hold a person's data, a salted digest instead of the value: the value can later be
#: erased, its digest kept in the erasure marker, and the entry still verifies (see `erasure_marker`).
SCHEME_PLAIN, SCHEME_DIGESTS = 1, 2
#: Fields of a scheme-2 entry sealed through their digests; the rest are hashed as they are.
PERSONAL_FIELDS = ["actor_name", "object_repr", "changes", "note"]
#: What an erased text field reads afterwards.
ERASED_TEXT = "已删除"


def new_salt() -> str:
    """128 random bits: without the salt a digest of a phone number cannot be found by trying them all,
    and erasure removes the salt with the values."""
    return secrets.token_hex(16)


def field_digest(salt: str, value) -> str:
    """sha256(salt + canonical JSON of the value), hex."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(salt.encode() + text.encode()).hexdigest()


def erasure_marker(changes) -> dict | None:
    """The digests an erased entry keeps in place of its personal values, or None if it is not erased.

    An erased entry's `changes` reads `{"erased": true, "digests": {field: digest, ...}}`.
    """
    if (
        isinstance(changes, dict)
        and changes.get("erased") is True
        and isinstance(changes.get("digests"), dict)
    ):
        return changes["digests"]
    return None


def personal_digests(values: dict) -> dict[str, str]:
    """The digests of an entry's personal fields: from the marker once erased, else from salt and values."""
    marker = erasure_marker(values["changes"])
    if marker is not None:
        return {name: str(marker.get(name, "")) for name in PERSONAL_FIELDS}
    return {name: field_digest(values["salt"], values[name]) for name in PERSONAL_FIELDS}


def chain_hash(prev_hash: str, values: dict) -> str:
    """sha256(prev_hash + canonical content), hex: each entry seals its content and its predecessor's.

    `values` come from `values(*HASHED_FIELDS)`; a scheme-1 entry (no `scheme` given
    or 1) is hashed as it always was, so chains sealed before stay valid.
    """
    if values.get("scheme", SCHEME_PLAIN) == SCHEME_PLAIN:
        return hashlib.sha256(prev_hash.encode() + canonical_content(values)).hexdigest()
    kept = [name for name in CONTENT_FIELDS if name not in PERSONAL_FIELDS and name != "created_at"]
    content = {name: values[name] for name in kept} | {"scheme": SCHEME_DIGESTS}
    content |= {f"{name}_digest": digest for name, digest in personal_digests(values).items()}
    return hashlib.sha256(prev_hash.encode() + _canonical(content, values["created_at"])).hexdigest()


#: Labels a model had when older entries were sealed (an entry is never rewritten: its label is part of
#: its hash). The contracts and subsidies were the awards app's until they got an app of their own.
FORMER_LABELS: dict[str, tuple[str, ...]] = {
    f"contracts.{model}": (f"awards.{model}",)
    for model in ("contract", "payment", "evidence", "subsidyapplication", "recalculation")
}


def labels_of(label: str) -> tuple[str, ...]:
    """A model's label now and those it was recorded under before."""
    return (label, *FORMER_LABELS.get(label, ()))


class AuditEntryQuerySet(models.QuerySet):
    def for_object(self, obj: models.Model) -> "AuditEntryQuerySet":
        return self.filter(object_type__in=labels_of(obj._meta.label_lower), object_id=str(obj.pk))

    def update(self, **kwargs):  # pragma: no cover - guarded by a test through the public API
        raise PermissionError("audit entries are append-only")

    def delete(self):
        raise PermissionError("audit entries are append-only")

    def erase(self, **values) -> int:
        """Replace personal values of entries: the one write after sealing, made by
        `audit.services.erase_entries` only, with the database's append-only trigger set aside for it."""
        with pgtrigger.ignore(APPEND_ONLY_UPDATE):
            return models.QuerySet.update(self, **values)

    def seal(self, hash_: str) -> int:
        """Write the hash of entries that have none yet: the one write `audit.services.record` makes after
        the insert, because the hash covers the id the database gives."""
        return models.QuerySet.update(self.filter(hash=""), hash=hash_)


#: The trigger set aside by erasure, as `pgtrigger.ignore` names it.
APPEND_ONLY_UPDATE = "audit.AuditEntry:append_only_update"


class AuditEntry(models.Model):
    """One state change: who did what to which object, the fields before and after, when and from where.

    Append-only: rows are written by `audit.services.record` and never updated or deleted by the app,
    but for erasure (`audit.services.erase_entries`), which replaces personal values by their digests.
    Tamper-evident: each entry carries `hash = sha256(prev_hash + canonical content)`, `prev_hash` being
    the previous entry's hash, so changing, removing or reordering a row breaks the chain
    (`innochallenge audit-verify`).
    """

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    # No database constraint and nothing done on delete: an entry keeps the id of an actor deleted since,
    # because setting it to NULL would change a sealed row (the name stays beside it).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField(_("actor name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, db_index=True)
    object_repr = models.CharField(_("object"), max_length=200)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    client_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64, blank=True, editable=False)
    hash = models.CharField(_("hash"), max_length=64, blank=True, editable=False)
    #: How `hash` was computed (`SCHEME_PLAIN` for entries sealed before erasure existed).
    scheme = models.PositiveSmallIntegerField(_("hash scheme"), default=SCHEME_DIGESTS, editable=False)
    #: The salt of the personal fields' digests (scheme 2); emptied when they are erased.
    salt = models.CharField(max_length=32, blank=True, default=new_salt, editable=False)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        # On PostgreSQL the database itself refuses to change a sealed entry or delete any: tampering is
        # prevented, not only found by `audit-verify`. The seal (hash written once, right after the
        # insert) and erasure (`AuditEntryQuerySet.erase`) are the only updates. SQLite has no triggers.
        triggers = [
            pgtrigger.Protect(
                name="append_only_update",
                operation=pgtrigger.Update,
                condition=~pgtrigger.Q(old__hash=""),
            ),
            pgtrigger.Protect(name="append_only_delete", operation=pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("audit entries are append-only")


class AuditChainHead(models.Model):
    """The single row naming the last entry of the chain and its hash.

    `audit.services.record` locks it (`select_for_update`) for the rest of the caller's transaction, so
    entries written at once by several web processes and workers line up one after another instead of
    forking. It also lets `audit-verify` notice entries cut off the end of the chain.
    """

    last_entry_id = models.BigIntegerField(null=True)
    hash = models.CharField(max_length=64, default=GENESIS)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="audit_chain_head_single_row")]

    def __str__(self) -> str:
        return f"#{self.last_entry_id} {self.hash[:12]}"
