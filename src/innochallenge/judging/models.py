"""The special competition and the final (SPEC §4.6–4.7): judges and what they declare, judging sessions
with their panels and entries, conflicts found before anyone scores, scores, pre-screening of solutions
and the demand side's decision."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from innochallenge.judging.enums import ConflictKind, EntryState, JudgeKind, RoundState, Stage


class JudgeProfile(models.Model):
    """Who a judge is and what he declares: the organisation he works for, past employers and relations,
    one per line. A demand-side judge speaks for an enterprise (`organisation`)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="judge_profile"
    )
    kind = models.CharField(_("kind of judge"), max_length=20, choices=JudgeKind.choices)
    affiliation = models.CharField(_("works for"), max_length=200)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("enterprise represented"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    past_employers = models.TextField(_("past employers (one per line)"), blank=True)
    relations = models.TextField(
        _("relations (one organisation or person per line)"),
        blank=True,
        help_text=_("Family, shareholdings, advisory roles, joint projects in the last three years."),
    )
    declared_at = models.DateTimeField(_("declared"), null=True, blank=True)

    class Meta:
        verbose_name = _("judge")
        verbose_name_plural = _("judges")

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.username

    @staticmethod
    def lines(text: str) -> list[str]:
        return [line.strip() for line in (text or "").splitlines() if line.strip()]


class Round(models.Model):
    """A judging session: the special competition's expert rating, or the live final."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="judging_rounds"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    name = models.CharField(_("name"), max_length=200)
    state = models.CharField(_("state"), max_length=20, choices=RoundState.choices, default=RoundState.DRAFT)
    source = models.ForeignKey(
        "self",
        verbose_name=_("finalists from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="finals",
    )
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("judging session")
        verbose_name_plural = _("judging sessions")

    def __str__(self) -> str:
        return self.name

    @property
    def is_final(self) -> bool:
        return self.stage == Stage.FINAL


class Panelist(models.Model):
    """A judge invited to a session."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="panelists")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="panel_seats")
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)

    class Meta:
        ordering = ["round", "pk"]
        verbose_name = _("panelist")
        verbose_name_plural = _("panelists")
        constraints = [models.UniqueConstraint(fields=["round", "judge"], name="panelist_once")]

    def __str__(self) -> str:
        return str(self.judge)


class Entry(models.Model):
    """What is scored: a candidate demand in the special competition, a solution in the final (presented
    in `order`)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="entries")
    demand = models.ForeignKey("demands.Demand", on_delete=models.PROTECT, related_name="+")
    solution = models.ForeignKey(
        "solutions.Solution", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    state = models.CharField(
        _("state"), max_length=20, choices=EntryState.choices, default=EntryState.WAITING
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["round", "order", "pk"]
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "demand"], condition=Q(solution__isnull=True), name="entry_demand_once"
            ),
            models.UniqueConstraint(
                fields=["round", "solution"], condition=Q(solution__isnull=False), name="entry_solution_once"
            ),
        ]

    def __str__(self) -> str:
        return str(self.solution or self.demand)

    @property
    def code(self) -> str:
        """How the entry is named on score sheets and in aggregation: E01, E02…"""
        return f"E{self.order:02d}"


class Conflict(models.Model):
    """Why a judge may not judge an entry (or, for the demand side, why his seat is shown openly)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="conflicts")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=ConflictKind.choices)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    found_at = models.DateTimeField(_("found"), auto_now_add=True)

    class Meta:
        ordering = ["entry", "judge", "kind"]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [models.UniqueConstraint(fields=["entry", "judge", "kind"], name="conflict_once")]

    def __str__(self) -> str:
        return f"{self.judge} · {self.entry} · {self.get_kind_display()}"


class Score(models.Model):
    """One judge's score of one entry on one criterion (a code of the campaign's criteria)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="scores")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    criterion = models.CharField(_("criterion"), max_length=50)
    value = models.DecimalField(_("score"), max_digits=6, decimal_places=2)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["entry", "judge", "criterion"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["entry", "judge", "criterion"], name="score_once"),
            models.CheckConstraint(condition=Q(value__gte=0), name="score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.entry} · {self.criterion} = {self.value}"


class Prescreen(models.Model):
    """In the special competition an expert says whether a solution of a candidate demand should go to
    the final."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="prescreens")
    solution = models.ForeignKey("solutions.Solution", on_delete=models.PROTECT, related_name="+")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recommend = models.BooleanField(_("recommend for the final"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("pre-screening")
        verbose_name_plural = _("pre-screenings")
        constraints = [models.UniqueConstraint(fields=["entry", "solution", "judge"], name="prescreen_once")]

    def __str__(self) -> str:
        return f"{self.solution} · {'+' if self.recommend else '−'}"


class Decision(models.Model):
    """The demand side's choice of the best solution to its demand after the final: the panel's
    recommendation beside it, and the reason when they differ. The confirmed solution is the nominee for
    最佳解决方案奖."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="decisions")
    demand = models.ForeignKey("demands.Demand", on_delete=models.PROTECT, related_name="+")
    recommended = models.ForeignKey(
        "solutions.Solution",
        verbose_name=_("the panel's recommendation"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed = models.ForeignKey(
        "solutions.Solution", verbose_name=_("best solution"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed"), auto_now=True)

    class Meta:
        verbose_name = _("decision of the demand side")
        verbose_name_plural = _("decisions of the demand side")
        constraints = [models.UniqueConstraint(fields=["round", "demand"], name="decision_once")]

    def __str__(self) -> str:
        return f"{self.demand} → {self.confirmed}"

    @property
    def differs(self) -> bool:
        return self.recommended_id is not None and self.recommended_id != self.confirmed_id
