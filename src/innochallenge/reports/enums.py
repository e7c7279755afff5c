from django.db import models
from django.utils.translation import gettext_lazy as _


class PartyKind(models.TextChoices):
    """The four parties of the financing meeting after the award ceremony (SPEC §4 stage 8)."""

    ENTERPRISE = "enterprise", _("Enterprise seeking financing")
    BANK = "bank", _("Bank")
    INVESTOR = "investor", _("Venture investor")
    UNIVERSITY = "university", _("University or research institute")


#: The parties that bring money, and so state how much they can offer.
FUNDERS = frozenset({PartyKind.BANK, PartyKind.INVESTOR})
