"""Sensitive reads (PIPL art. 51, 等保 2.0 安全审计): every file the site hands out with personal contacts
(phones, e-mails, contact persons) is written down in the audit trail — who took which export, of what,
with how many rows carrying contacts — so organisers can answer "who has these phone numbers?"."""

from django.db import models

from innochallenge.audit.models import AuditEntry
from innochallenge.audit.services import record

ACTION = "export.with_contacts"


def record_contact_export(*, actor, export: str, obj: models.Model, rows: int) -> AuditEntry | None:
    """One entry for an export (`export`, e.g. "demands.xlsx") of `obj` (the campaign, or the one demand)
    in which `rows` rows carry contacts; nothing when none does. Called where the exporter decides to
    include contacts, so the page, the API and the command line are all covered."""
    if rows <= 0:
        return None
    note = ""
    if (
        actor is not None and actor.pk is None
    ):  # `export-demands` without --user reads as an unsaved organiser
        actor, note = None, "command line"
    return record(actor=actor, action=ACTION, obj=obj, changes={"export": export, "rows": rows}, note=note)
