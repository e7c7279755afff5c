from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestState(models.TextChoices):
    PENDING = "pending", _("Waiting for the retention period to end")
    ERASED = "erased", _("Erased")


class Trigger(models.TextChoices):
    """What started an erasure."""

    SWEEP = "sweep", _("Retention period ended (erase-expired)")
    CAMPAIGN = "campaign", _("Retention period of the campaign ended (erase-expired)")
    ORGANISER = "organiser", _("By an organiser, no campaign keeping the data")
