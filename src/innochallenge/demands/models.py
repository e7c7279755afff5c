from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from innochallenge.demands.enums import Channel, DemandStatus, LeadingStatus, Source


class Demand(models.Model):
    """One technology demand: the official form of attachment 3, plus where it came from and how far it
    has got. A draft may be incomplete; the form's rules hold from submission on."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.PROTECT, related_name="demands")
    number = models.PositiveIntegerField(_("number"), editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=DemandStatus.choices, default=DemandStatus.DRAFT
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.FIELD)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="demands",
    )

    # The form, field for field (names as in the API).
    company_name = models.CharField(_("company name"), max_length=200, blank=True)
    district = models.ForeignKey(
        "campaigns.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="demands",
    )
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_title = models.CharField(_("department and title"), max_length=100, blank=True)
    contact_email = models.CharField(_("e-mail"), max_length=254, blank=True)
    company_profile = models.TextField(_("company profile"), blank=True)
    sales_bracket = models.ForeignKey(
        "campaigns.SalesBracket",
        verbose_name=_("sales last year"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("demand title"), max_length=200, blank=True)
    budget_wan = models.DecimalField(
        _("budget (10k CNY)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    industry_field = models.ForeignKey(
        "campaigns.IndustryField",
        verbose_name=_("industry field"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    industry_field_other = models.CharField(_("industry field (other)"), max_length=100, blank=True)
    description = models.TextField(_("demand description"), blank=True)
    cooperation_modes = models.ManyToManyField(
        "campaigns.CooperationMode", verbose_name=_("cooperation modes"), blank=True, related_name="+"
    )
    cooperation_other = models.CharField(_("cooperation mode (other)"), max_length=100, blank=True)
    broker_name = models.CharField(_("technology broker"), max_length=50, blank=True)
    broker_phone = models.CharField(_("broker phone"), max_length=40, blank=True)
    is_leading_enterprise = models.BooleanField(_("filed as a leading innovative enterprise"), default=False)

    # Where it came from.
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.ONLINE)
    source_district = models.ForeignKey(
        "campaigns.District",
        verbose_name=_("QR code of district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source_file = models.CharField(_("source file"), max_length=255, blank=True)
    #: The one-time key of the page that created it: the same page posted twice (a double click, a phone
    #: retrying after a lost answer) finds this demand instead of filing a second one.
    submission_key = models.CharField(max_length=64, blank=True, default="", editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        ordering = ["campaign", "number"]
        verbose_name = _("technology demand")
        verbose_name_plural = _("technology demands")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="demand_unique_number"),
            models.UniqueConstraint(
                fields=["submission_key"],
                condition=~models.Q(submission_key=""),
                name="demand_unique_submission_key",
            ),
        ]
        indexes = [
            models.Index(fields=["campaign", "status"]),
            models.Index(fields=["campaign", "district", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}".strip()

    @property
    def reference(self) -> str:
        """The number enterprises quote: the campaign's code and a serial, e.g. HS2021-0042."""
        return f"{self.campaign.slug.upper()}-{self.number:04d}"


class LeadingEnterprise(models.Model):
    """An enterprise's declaration as 创新型龙头企业 in one campaign, confirmed (or not) by its district."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="leading")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="leading_declarations",
    )
    district = models.ForeignKey(
        "campaigns.District", verbose_name=_("district"), on_delete=models.PROTECT, related_name="leading"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=LeadingStatus.choices, default=LeadingStatus.DECLARED
    )
    declared_at = models.DateTimeField(_("declared"), auto_now_add=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["campaign", "district", "organisation__name"]
        verbose_name = _("leading-enterprise declaration")
        verbose_name_plural = _("leading-enterprise declarations")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "organisation"], name="leading_unique_enterprise"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.get_status_display()}"


class WindowExtension(models.Model):
    """A later end of demand collection for one district, granted by an organiser."""

    district = models.OneToOneField(
        "campaigns.District",
        verbose_name=_("district"),
        on_delete=models.CASCADE,
        related_name="collection_extension",
    )
    ends_on = models.DateField(_("collection ends on"))
    reason = models.CharField(_("reason"), max_length=300)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(_("granted"), auto_now=True)

    class Meta:
        verbose_name = _("collection extension")
        verbose_name_plural = _("collection extensions")
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="extension_has_reason")]

    def __str__(self) -> str:
        return f"{self.district} → {self.ends_on}"
