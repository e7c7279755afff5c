from django.db import models
from django.utils.translation import gettext_lazy as _


class Decision(models.TextChoices):
    """What a service team decides after diagnosing a demand (SPEC §4.2)."""

    APPROVE = "approve", _("Approve for publication")
    REVISE = "revise", _("Send back for revision")
    REJECT = "reject", _("Reject")
    LONG_TERM = "long_term", _("Keep for long-term follow-up")


SCALE = range(1, 6)  # 1 (weak) to 5 (strong)
