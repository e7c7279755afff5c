"""Signed technology contracts (技术合同) and the R&D money the enterprise actually paid under them, each
payment with its evidence. A contract records where it came from — the demand, the solution, the
matchmaking meeting — and the broker and service team it is credited to."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from innochallenge.contracts.enums import EvidenceKind
from innochallenge.solutions.models import private_storage


class Contract(models.Model):
    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.PROTECT, related_name="contracts")
    demand = models.ForeignKey("demands.Demand", on_delete=models.PROTECT, related_name="contracts")
    solution = models.ForeignKey(
        "solutions.Solution",
        verbose_name=_("solution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    enterprise = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="+"
    )
    provider = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("provider"), on_delete=models.PROTECT, related_name="+"
    )
    meeting = models.ForeignKey(
        "events.Meeting",
        verbose_name=_("from the meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contracts",
    )
    number = models.CharField(_("contract number"), max_length=100)
    registration_number = models.CharField(
        _("technology-market registration number"), max_length=100, blank=True
    )
    amount_yuan = models.DecimalField(
        _("contract amount (CNY)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    signed_on = models.DateField(_("signed on"))
    broker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("broker credited"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    service_team = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("service team credited"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        ordering = ["-signed_on", "-pk"]
        verbose_name = _("technology contract")
        verbose_name_plural = _("technology contracts")
        constraints = [models.UniqueConstraint(fields=["campaign", "number"], name="contract_number_once")]

    def __str__(self) -> str:
        return self.number


class Payment(models.Model):
    """R&D money the enterprise paid under a contract; only payments count towards the subsidy."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="payments")
    amount_yuan = models.DecimalField(
        _("amount paid (CNY)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    paid_on = models.DateField(_("paid on"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["contract", "paid_on", "pk"]
        verbose_name = _("R&D payment")
        verbose_name_plural = _("R&D payments")

    def __str__(self) -> str:
        return f"{self.contract} · {self.amount_yuan}"


class Evidence(models.Model):
    """An invoice or bank voucher behind a payment, kept outside the web root."""

    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=20, choices=EvidenceKind.choices)
    file = models.FileField(_("file"), storage=private_storage, upload_to="evidence/%Y/%m/")
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.name
