from django.db import models
from django.utils.translation import gettext_lazy as _


class AchievementKind(models.TextChoices):
    PATENT = "patent", _("Patent")
    PAPER = "paper", _("Paper")
    PROJECT = "project", _("Project")
    PRODUCT = "product", _("Product")


class Maturity(models.TextChoices):
    """How far an achievement is from the factory floor (concept → lab → pilot → industrial)."""

    CONCEPT = "concept", _("Concept")
    LAB = "lab", _("Laboratory")
    PILOT = "pilot", _("Pilot")
    INDUSTRIAL = "industrial", _("Industrial")


#: The order of maturity, for ranking (a demand for a product line prefers what is closer to it).
MATURITY_LEVEL = {Maturity.CONCEPT: 0, Maturity.LAB: 1, Maturity.PILOT: 2, Maturity.INDUSTRIAL: 3}


class TargetKind(models.TextChoices):
    """What a demand is matched against."""

    ACHIEVEMENT = "achievement", _("Achievement")
    PROVIDER = "provider", _("Solution provider")


class MatchVerdict(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    DISMISSED = "dismissed", _("Dismissed")
