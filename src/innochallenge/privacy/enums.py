from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentContext(models.TextChoices):
    """Where a person accepted the privacy notice."""

    REGISTRATION = "registration", _("Registration")
    INTAKE = "intake", _("Demand intake")
    #: On the accept page: a new version of the notice, or an account made by the organiser that never
    #: accepted one.
    RENEWAL = "renewal", _("Accepted again")
