from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from innochallenge.demands.models import Demand
from innochallenge.diagnosis.enums import SCALE, Decision, ProposalStatus

#: The widest scale a campaign may set; each campaign checks its own top mark (diagnosis services).
_scale = [MinValueValidator(SCALE.start), MaxValueValidator(SCALE.stop - 1)]


class Assignment(models.Model):
    """Which broker (and so which service team) diagnoses a demand, and by when."""

    demand = models.OneToOneField("demands.Demand", on_delete=models.CASCADE, related_name="assignment")
    broker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("broker"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    service_team = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("service team"), on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("diagnosis due"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned"), auto_now=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self) -> str:
        return f"{self.demand} → {self.broker}"


class Diagnosis(models.Model):
    """One diagnosis of a demand: the visit, the assessment, the quality checklist and the decision."""

    demand = models.ForeignKey("demands.Demand", on_delete=models.CASCADE, related_name="diagnoses")
    diagnosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("diagnosed"), auto_now_add=True)
    site_visit_done = models.BooleanField(_("site visit done"), default=False)
    site_visit_on = models.DateField(_("site visit on"), null=True, blank=True)
    site_visit_by = models.CharField(_("visited by"), max_length=100, blank=True)
    technical_advancement = models.PositiveSmallIntegerField(
        _("technical advancement"), null=True, blank=True, validators=_scale
    )
    solvability = models.PositiveSmallIntegerField(_("solvability"), null=True, blank=True, validators=_scale)
    funding_capacity = models.PositiveSmallIntegerField(
        _("funding capacity"), null=True, blank=True, validators=_scale
    )
    refinement_notes = models.TextField(_("refinement notes"), blank=True)
    indicators_stated = models.BooleanField(_("target indicators stated"), default=False)
    field_right = models.BooleanField(_("industry field right"), default=False)
    budget_credible = models.BooleanField(_("budget credible"), default=False)
    solvable_as_written = models.BooleanField(_("solvable as written"), default=False)
    plausibility_warning = models.CharField(_("plausibility warning"), max_length=300, blank=True)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    reason = models.TextField(_("reason shown to the enterprise"), blank=True)

    class Meta:
        ordering = ["demand", "created_at", "pk"]
        verbose_name = _("diagnosis")
        verbose_name_plural = _("diagnoses")

    def __str__(self) -> str:
        return f"{self.demand} · {self.get_decision_display()}"


class ProposedEdit(models.Model):
    """A broker's rewrite of the demand's title or description. The enterprise accepts or rejects it;
    both texts are kept either way."""

    demand = models.ForeignKey("demands.Demand", on_delete=models.CASCADE, related_name="proposed_edits")
    diagnosis = models.ForeignKey(
        Diagnosis, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposed_edits"
    )
    field = models.CharField(_("field"), max_length=20)
    original = models.TextField(_("enterprise's text"))
    proposed = models.TextField(_("proposed text"))
    note = models.CharField(_("why"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["demand", "proposed_at", "pk"]
        verbose_name = _("proposed edit")
        verbose_name_plural = _("proposed edits")

    def __str__(self) -> str:
        return f"{self.demand} · {self.field} · {self.get_status_display()}"

    @property
    def field_label(self) -> str:

        return str(Demand._meta.get_field(self.field).verbose_name)
