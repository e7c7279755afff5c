import datetime as dt
import decimal

from django.db import models

from innochallenge.audit.context import client_address
from innochallenge.audit.models import AuditEntry


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
    """Append one audit entry. Called by services inside their transaction, never by views."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        actor_name=user.get_username() if user else "system",
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        changes=changes or {},
        client_address=client_address.get(),
        note=note[:500],
    )
