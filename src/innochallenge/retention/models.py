"""Erasure of personal information (PIPL art. 47): a person's request, and what each erasure emptied.

Neither model holds a personal value: an erasure names models, fields and counts, and the person only by
the id of the (deactivated) account, so the record outlives the data it speaks of.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innochallenge.retention.enums import RequestState, Trigger


class ErasureRequest(models.Model):
    """A person asking that their personal information be erased once no campaign keeps it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="erasure_requests",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=RequestState.choices, default=RequestState.PENDING
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    #: The last day a campaign keeps the person's data, as known when asked (None: no campaign).
    kept_until = models.DateField(_("kept until"), null=True, blank=True)
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(state="pending"), name="erasure_one_pending_request"
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_state_display()}"


class Erasure(models.Model):
    """What one erasure emptied: per model, the field names and how many rows; never the values.

    Either a person's (`request`, `subject_id`) or a campaign's: the contacts on its demands and its
    liaison records once its retention period is over (`campaign`)."""

    request = models.OneToOneField(
        ErasureRequest,
        verbose_name=_("request"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="erasure",
    )
    subject_id = models.BigIntegerField(_("account number"), null=True, blank=True)
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    trigger = models.CharField(_("started by"), max_length=20, choices=Trigger.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    done_at = models.DateTimeField(_("erased"), auto_now_add=True)
    #: [{"model": "demands.demand", "fields": ["contact_name", …], "count": 2}, …]
    items = models.JSONField(_("what was erased"), default=list)
    files_deleted = models.PositiveIntegerField(_("files deleted"), default=0)
    audit_entries = models.PositiveIntegerField(_("audit entries emptied"), default=0)

    class Meta:
        ordering = ["-done_at", "-pk"]
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign"],
                condition=models.Q(campaign__isnull=False),
                name="erasure_once_per_campaign",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.done_at:%Y-%m-%d}"
