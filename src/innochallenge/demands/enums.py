from django.db import models
from django.utils.translation import gettext_lazy as _


class DemandStatus(models.TextChoices):
    """A demand's life (SPEC §4): filed, diagnosed, published, closed; rejected and withdrawn aside."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_DIAGNOSIS = "under_diagnosis", _("Under diagnosis")
    NEEDS_REVISION = "needs_revision", _("Needs revision")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Rejected")
    LONG_TERM = "long_term", _("Long-term follow-up")
    WITHDRAWN = "withdrawn", _("Withdrawn")


_S = DemandStatus
#: The allowed steps of a demand's life; `set_demand_state` (demands/lifecycle.py) refuses every other.
#: An enterprise may withdraw its demand until it has ended (closed, rejected or withdrawn).
DEMAND_TRANSITIONS: dict[str, frozenset[str]] = {
    _S.DRAFT: frozenset({_S.SUBMITTED, _S.WITHDRAWN}),
    _S.SUBMITTED: frozenset({_S.UNDER_DIAGNOSIS, _S.WITHDRAWN}),
    _S.UNDER_DIAGNOSIS: frozenset({_S.APPROVED, _S.NEEDS_REVISION, _S.REJECTED, _S.LONG_TERM, _S.WITHDRAWN}),
    # A revision handed back goes to the broker who asked for it (under diagnosis), else to the queue.
    _S.NEEDS_REVISION: frozenset({_S.SUBMITTED, _S.UNDER_DIAGNOSIS, _S.WITHDRAWN}),
    _S.APPROVED: frozenset({_S.PUBLISHED, _S.WITHDRAWN}),
    _S.PUBLISHED: frozenset({_S.CLOSED, _S.WITHDRAWN}),
    _S.LONG_TERM: frozenset({_S.WITHDRAWN}),
    _S.CLOSED: frozenset(),
    _S.REJECTED: frozenset(),
    _S.WITHDRAWN: frozenset(),
}
del _S


def demand_may_go(status: str, new: str) -> bool:
    """Whether a demand in `status` may step to `new` (the one table every page and service reads)."""
    return new in DEMAND_TRANSITIONS.get(status, frozenset())


#: Filed: everything but withdrawn. Submitted: handed in (not a draft, not withdrawn).
#: Publishable: passed diagnosis (approved, published or closed after publication).
NOT_FILED = frozenset({DemandStatus.WITHDRAWN})
NOT_SUBMITTED = frozenset({DemandStatus.DRAFT, DemandStatus.WITHDRAWN})
PUBLISHABLE = frozenset({DemandStatus.APPROVED, DemandStatus.PUBLISHED, DemandStatus.CLOSED})
#: An enterprise may still change its demand in these states.
EDITABLE = frozenset({DemandStatus.DRAFT, DemandStatus.NEEDS_REVISION})


class Channel(models.TextChoices):
    """The two publication channels of SPEC §2."""

    FIELD = "field", _("Industry-field channel")
    LEADING = "leading", _("Leading-enterprise channel")


class Source(models.TextChoices):
    """How a demand reached us."""

    ONLINE = "online", _("Online form")
    QR = "qr", _("QR code")
    IMPORT = "import", _("Imported file")
    WORD = "word", _("Word form uploaded by the enterprise")
    API = "api", _("API")


class LeadingStatus(models.TextChoices):
    DECLARED = "declared", _("Declared, awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed by the district")
    REFUSED = "refused", _("Not confirmed")
