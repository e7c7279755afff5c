from django.db import models
from django.utils.translation import gettext_lazy as _

from innochallenge.demands.enums import DemandStatus

#: The states in which a publication step may be taken (the services refuse the others; the rules in
#: publication/rules.py read the same sets, so the demand page shows a button exactly then).
#: An approved demand is published; a published one may be published again with changed settings.
PUBLISHABLE_FROM = frozenset({DemandStatus.APPROVED, DemandStatus.PUBLISHED})
#: The enterprise chooses what the public sees of its demand until it will never be public: a closed
#: demand stays in the catalog, so it may still hide its name there.
CHOOSING = frozenset(set(DemandStatus) - {DemandStatus.WITHDRAWN, DemandStatus.REJECTED})


class BudgetDisplay(models.TextChoices):
    """How much of its budget an enterprise lets the public see (SPEC §4.3: its wishes rule)."""

    EXACT = "exact", _("Exact amount")
    RANGE = "range", _("A range")
    HIDDEN = "hidden", _("Hidden")


class OutletKind(models.TextChoices):
    """Where demands are published besides our own catalog (SPEC §4.3)."""

    PLATFORM = "platform", _("Technology-transfer platform")
    GOVERNMENT_MEDIA = "government_media", _("Government media")
    UNIVERSITY = "university", _("University")
    INDUSTRY_MEDIA = "industry_media", _("Industry media")
    AGENCY = "agency", _("Third-party agency")
    AGENCY_ABROAD = "agency_abroad", _("Agency abroad")


class FeedFormat(models.TextChoices):
    JSON = "json", "JSON"
    ATOM = "atom", "Atom"
    XLSX = "xlsx", "Excel (.xlsx)"
