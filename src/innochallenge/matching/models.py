from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innochallenge.matching.enums import AchievementKind, MatchVerdict, Maturity, TargetKind
from innochallenge.solutions.enums import IPStatus


class Achievement(models.Model):
    """A technology achievement (科技成果) in the library: a patent, paper, project or product that may
    answer a demand. The contact is the owner's technology-transfer office (personal data).

    `dedupe_key` is the normalised title + owner: importing the same achievement again updates it."""

    external_id = models.CharField(_("identifier at the source"), max_length=100, blank=True)
    title = models.CharField(_("achievement title"), max_length=300)
    abstract = models.TextField(_("abstract"), blank=True)
    keywords = models.CharField(_("keywords"), max_length=500, blank=True)
    field = models.CharField(_("technology field"), max_length=100, blank=True)
    owner = models.CharField(_("owner institution"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=AchievementKind.choices, blank=True)
    maturity = models.CharField(_("maturity"), max_length=12, choices=Maturity.choices, blank=True)
    ip_status = models.CharField(
        _("intellectual property"), max_length=20, choices=IPStatus.choices, blank=True
    )
    contact_office = models.CharField(_("technology-transfer office"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account of the owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="achievements",
        help_text=_("The user who receives pushes for this achievement."),
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    dedupe_key = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["-updated_at", "pk"]
        verbose_name = _("achievement")
        verbose_name_plural = _("achievements")

    def __str__(self) -> str:
        return self.title


class Vector(models.Model):
    """The dense vectors of one matched document (an achievement "a:12", a provider "p:3", a demand
    "d:7"): its text's and its keywords' (float16, side by side). `text_sha` is the digest of what was
    encoded with which model, so a changed text is encoded again and an unchanged one never is. The
    encoding job fills this table in the background; until then the document is matched by its words."""

    key = models.CharField(max_length=24, unique=True)
    text_sha = models.CharField(max_length=64)
    vector = models.BinaryField()
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("vector")
        verbose_name_plural = _("vectors")

    def __str__(self) -> str:
        return self.key


class MatchReview(models.Model):
    """A broker's word on one match of a demand: dismissed matches never come back; confirmed ones are
    kept as labels for evaluation."""

    demand = models.ForeignKey("demands.Demand", on_delete=models.CASCADE, related_name="match_reviews")
    target_kind = models.CharField(max_length=12, choices=TargetKind.choices)
    target_id = models.PositiveIntegerField()
    verdict = models.CharField(_("verdict"), max_length=10, choices=MatchVerdict.choices)
    score = models.FloatField(_("score when reviewed"), null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("when"), auto_now=True)

    class Meta:
        verbose_name = _("match review")
        verbose_name_plural = _("match reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["demand", "target_kind", "target_id"], name="match_review_unique_target"
            )
        ]

    def __str__(self) -> str:
        return f"{self.demand_id} → {self.target_kind}:{self.target_id} {self.verdict}"


class Push(models.Model):
    """One demand pushed to one recipient for one matched target. The unique constraint is what makes the
    push job idempotent: never the same demand twice to the same recipient."""

    demand = models.ForeignKey("demands.Demand", on_delete=models.CASCADE, related_name="pushes")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pushes_received"
    )
    target_kind = models.CharField(max_length=12, choices=TargetKind.choices)
    target_id = models.PositiveIntegerField()
    score = models.FloatField()
    terms = models.JSONField(_("shared terms"), default=list, blank=True)
    digest_on = models.DateField(_("digest of"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("push")
        verbose_name_plural = _("pushes")
        constraints = [
            models.UniqueConstraint(fields=["demand", "recipient"], name="push_once_per_recipient")
        ]

    def __str__(self) -> str:
        return f"{self.demand_id} → {self.recipient_id}"


class PushOptOut(models.Model):
    """A user who does not want matching pushes."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("push opt-out")
        verbose_name_plural = _("push opt-outs")

    def __str__(self) -> str:
        return str(self.user_id)
