from django.db import models
from django.utils.translation import gettext_lazy as _


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
