from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from innochallenge.core.validators import validate_phone
from innochallenge.reports.enums import FUNDERS, PartyKind


class FinancingRegistration(models.Model):
    """An organisation signed up for the four-party financing meeting (enterprises, banks, venture
    investors, universities). The contact person, phone and e-mail are personal data: only organisers
    see them, on the dashboard and in its export."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="financing_registrations"
    )
    kind = models.CharField(_("party"), max_length=20, choices=PartyKind.choices)
    organisation_name = models.CharField(_("organisation"), max_length=200)
    contact_name = models.CharField(_("contact person"), max_length=50)
    contact_phone = models.CharField(_("contact phone"), max_length=40, validators=[validate_phone])
    contact_email = models.EmailField(_("e-mail"), blank=True)
    need_wan = models.DecimalField(
        _("financing needed (10k CNY)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Enterprises: how much financing you are looking for."),
    )
    purpose = models.CharField(
        _("purpose of the financing"),
        max_length=300,
        blank=True,
        help_text=_("Enterprises: what the money is for."),
    )
    offer_wan = models.DecimalField(
        _("financing offered (10k CNY)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Banks and investors: how much you can provide."),
    )
    fields_of_interest = models.ManyToManyField(
        "campaigns.IndustryField", verbose_name=_("fields of interest"), blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        ordering = ["campaign", "kind", "organisation_name"]
        verbose_name = _("financing-meeting registration")
        verbose_name_plural = _("financing-meeting registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "kind", "organisation_name"], name="financing_registration_once"
            ),
            models.CheckConstraint(
                condition=~Q(kind=PartyKind.ENTERPRISE) | Q(need_wan__isnull=False),
                name="financing_enterprise_states_need",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=sorted(FUNDERS)) | Q(offer_wan__isnull=False),
                name="financing_funder_states_offer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_name} · {self.get_kind_display()}"

    def clean(self):
        """What each party must state: an enterprise its need and purpose, a bank or investor its offer."""
        errors = {}
        if self.kind == PartyKind.ENTERPRISE:
            if self.need_wan is None:
                errors["need_wan"] = _("An enterprise states how much financing it needs.")
            if not (self.purpose or "").strip():
                errors["purpose"] = _("An enterprise states what the financing is for.")
        if self.kind in FUNDERS and self.offer_wan is None:
            errors["offer_wan"] = _("A bank or investor states how much it can offer.")
        if errors:
            raise ValidationError(errors)
