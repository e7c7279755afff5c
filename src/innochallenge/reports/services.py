"""Registering an organisation for the four-party financing meeting. Audited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from innochallenge.audit import services as audit
from innochallenge.reports.enums import FUNDERS, PartyKind
from innochallenge.reports.models import FinancingRegistration

if TYPE_CHECKING:
    from innochallenge.accounts.models import User

FIELDS = (
    "kind",
    "organisation_name",
    "contact_name",
    "contact_phone",
    "contact_email",
    "need_wan",
    "purpose",
    "offer_wan",
    "note",
)


@transaction.atomic
def register_for_financing(campaign, data: dict, *, by: User) -> FinancingRegistration:
    """Sign an organisation up for `campaign`'s financing meeting. What does not concern its party is
    dropped (an enterprise offers nothing, a bank needs nothing); raises ValidationError otherwise."""
    registration = FinancingRegistration(
        campaign=campaign, registered_by=by, **{k: data.get(k) for k in FIELDS if k in data}
    )
    if registration.kind != PartyKind.ENTERPRISE:
        registration.need_wan, registration.purpose = None, ""
    if registration.kind not in FUNDERS:
        registration.offer_wan = None
    interests = list(data.get("fields_of_interest") or [])
    if any(f.campaign_id != campaign.pk for f in interests):
        raise ValidationError({"fields_of_interest": _("Choose among the challenge's industry fields.")})
    registration.full_clean()
    registration.save()
    registration.fields_of_interest.set(interests)
    audit.record(
        actor=by,
        action="financing.registered",
        obj=registration,
        changes={
            "kind": [None, registration.kind],
            "organisation_name": [None, registration.organisation_name],
        },
    )
    return registration
