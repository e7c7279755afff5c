from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innochallenge.privacy.enums import ConsentContext


class Consent(models.Model):
    """One acceptance of one version of the privacy notice. Rows are only ever added.

    Whose consent: `user`, or — for a demand filed for an enterprise without an account (a paper form a
    liaison types in) — the `demand` it came with, `recorded_by` being who filed it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consents",
    )
    demand = models.ForeignKey(
        "demands.Demand",
        verbose_name=_("demand"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consents",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notice_version = models.CharField(_("notice version"), max_length=40)
    context = models.CharField(_("context"), max_length=20, choices=ConsentContext.choices)
    accepted_at = models.DateTimeField(_("accepted at"), auto_now_add=True, db_index=True)
    client_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)

    class Meta:
        ordering = ["-accepted_at", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | models.Q(demand__isnull=False),
                name="consent_has_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user or self.demand} · {self.notice_version} · {self.get_context_display()}"
