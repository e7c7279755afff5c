from django.db import models
from django.utils.translation import gettext_lazy as _


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
