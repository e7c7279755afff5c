"""The award winners a committee confirms in each of the campaign's award categories (SPEC §5). A winner
is one nominee: a finalist demand's best solution, an enterprise or a service team, a broker, or an
organising unit (free text, as events record it). The quota itself is the category's `count`, checked
under a lock by `awards.prizes.confirm_winner`; the constraints here keep a nominee from winning twice."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Winner(models.Model):
    category = models.ForeignKey(
        "campaigns.AwardCategory", verbose_name=_("award"), on_delete=models.PROTECT, related_name="winners"
    )
    demand = models.ForeignKey(
        "demands.Demand",
        verbose_name=_("demand"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    solution = models.ForeignKey(
        "solutions.Solution",
        verbose_name=_("solution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards_won",
        help_text=_("The enterprise, the service team, or the provider of the best solution."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("technology broker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards_won",
    )
    unit = models.CharField(_("organising unit"), max_length=200, blank=True)
    rank = models.PositiveSmallIntegerField(
        _("rank among the nominees"), default=0, help_text=_("Where the nominee stood when confirmed.")
    )
    evidence = models.JSONField(_("evidence"), default=dict, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed"), auto_now_add=True)

    class Meta:
        ordering = ["category", "rank", "confirmed_at", "pk"]
        verbose_name = _("award winner")
        verbose_name_plural = _("award winners")
        constraints = [
            # Best solution: one per demand of the final (a provider may win for two demands).
            models.UniqueConstraint(
                fields=["category", "demand"], condition=Q(demand__isnull=False), name="winner_demand_once"
            ),
            models.UniqueConstraint(
                fields=["category", "organisation"],
                condition=Q(organisation__isnull=False, demand__isnull=True),
                name="winner_organisation_once",
            ),
            models.UniqueConstraint(
                fields=["category", "user"], condition=Q(user__isnull=False), name="winner_user_once"
            ),
            models.UniqueConstraint(
                fields=["category", "unit"], condition=~Q(unit=""), name="winner_unit_once"
            ),
            models.CheckConstraint(
                condition=Q(demand__isnull=False)
                | Q(organisation__isnull=False)
                | Q(user__isnull=False)
                | ~Q(unit=""),
                name="winner_names_a_nominee",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category} · {self.name}"

    @property
    def name(self) -> str:
        """Who is honoured, in Chinese (the certificate's first language)."""
        if self.user_id:
            return self.user.get_full_name() or self.user.get_username()
        if self.organisation_id:
            return self.organisation.name
        return self.unit

    @property
    def name_en(self) -> str:
        if self.organisation_id and self.organisation.name_en:
            return self.organisation.name_en
        return self.name
