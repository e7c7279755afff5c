"""Checks on contracts shared by the contract form and `services.register_contract`."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: The largest amount a contract, a payment or a subsidy holds (max_digits=14, decimal_places=2).
MAX_YUAN = Decimal("999999999999.99")


def validate_meeting_not_after_signing(meeting, signed_on: dt.date) -> None:
    """A contract comes from a matchmaking meeting the two sides had before signing it: a meeting on a
    later day cannot be where it came from. Event dates are days in the campaign's time zone, as is the
    signing date."""
    if meeting is None or not isinstance(signed_on, dt.date):
        return
    held_on = meeting.event.date
    if held_on > signed_on:
        raise ValidationError(
            _(
                "The contract was signed on %(signed)s, before the meeting of %(held)s: it cannot come "
                "from that meeting. Choose a meeting held on or before the signing date."
            )
            % {"signed": signed_on.isoformat(), "held": held_on.isoformat()},
            code="meeting_after_signing",
        )
