"""Post-contract subsidies (SPEC §5): one application per contract, its amount recomputed as payments
arrive — each recomputation kept with who and why — through apply → review → approve → paid."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innochallenge.contracts.enums import SubsidyState


class SubsidyApplication(models.Model):
    contract = models.OneToOneField("contracts.Contract", on_delete=models.PROTECT, related_name="subsidy")
    state = models.CharField(
        _("state"), max_length=20, choices=SubsidyState.choices, default=SubsidyState.APPLIED
    )
    paid_rd_yuan = models.DecimalField(
        _("R&D paid (CNY)"), max_digits=14, decimal_places=2, default=Decimal(0)
    )
    amount_yuan = models.DecimalField(_("subsidy (CNY)"), max_digits=14, decimal_places=2, default=Decimal(0))
    reason = models.TextField(_("reason"), blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    applied_at = models.DateTimeField(_("applied"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    paid_on = models.DateField(_("paid out on"), null=True, blank=True)

    class Meta:
        ordering = ["-applied_at", "-pk"]
        verbose_name = _("subsidy application")
        verbose_name_plural = _("subsidy applications")

    def __str__(self) -> str:
        return f"{self.contract} · {self.amount_yuan}"


class Recalculation(models.Model):
    """Every time the amount was computed: from what, to what, by whom and why."""

    application = models.ForeignKey(
        SubsidyApplication, on_delete=models.CASCADE, related_name="recalculations"
    )
    paid_rd_yuan = models.DecimalField(_("R&D paid (CNY)"), max_digits=14, decimal_places=2)
    before_yuan = models.DecimalField(_("before (CNY)"), max_digits=14, decimal_places=2, null=True)
    after_yuan = models.DecimalField(_("after (CNY)"), max_digits=14, decimal_places=2)
    why = models.CharField(_("why"), max_length=300)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["application", "at", "pk"]
        verbose_name = _("recalculation")
        verbose_name_plural = _("recalculations")

    def __str__(self) -> str:
        return f"{self.before_yuan} → {self.after_yuan}"
