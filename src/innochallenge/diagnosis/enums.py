from django.db import models
from django.utils.translation import gettext_lazy as _

from innochallenge.demands.enums import DemandStatus


class Decision(models.TextChoices):
    """What a service team decides after diagnosing a demand (SPEC §4.2)."""

    APPROVE = "approve", _("Approve for publication")
    REVISE = "revise", _("Send back for revision")
    REJECT = "reject", _("Reject")
    LONG_TERM = "long_term", _("Keep for long-term follow-up")


SCALE = range(1, 11)  # 1 (weak) up to a campaign's top mark (at most 10)
SCORED = ("technical_advancement", "solvability", "funding_capacity")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting the enterprise")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Kept the enterprise's text")


#: What a broker may propose to rewrite (the target indicators are stated in the description).
PROPOSABLE = ("title", "description")


#: The states in which a step of the review may be taken: the one answer for the services, which refuse
#: the others, and for the rules (diagnosis/rules.py), by which the demand page shows its buttons.
#: A demand is assigned (or given to another broker) until the diagnosis has decided.
ASSIGNABLE = frozenset({DemandStatus.SUBMITTED, DemandStatus.UNDER_DIAGNOSIS, DemandStatus.NEEDS_REVISION})
#: While a proposal may be made, and while the enterprise may still answer one.
PROPOSING = frozenset({DemandStatus.UNDER_DIAGNOSIS, DemandStatus.NEEDS_REVISION})
ANSWERING = PROPOSING | {DemandStatus.APPROVED}
