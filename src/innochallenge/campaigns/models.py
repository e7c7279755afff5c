import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from innochallenge.campaigns.enums import AwardBasis, EventKind, OrganiserRole, Stage
from innochallenge.core.validators import validate_mobile, validate_phone, validate_qq


class BilingualName(models.Model):
    """Organiser-entered text shown in both languages: Chinese is required, English may follow."""

    name = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if (get_language() or "").startswith("en") and self.name_en:
            return self.name_en
        return self.name


class CampaignQuerySet(models.QuerySet):
    def current(self, today: dt.date) -> "Campaign | None":
        """The campaign running today (the latest to start if several), else the latest one."""
        running = self.filter(starts_on__lte=today, ends_on__gte=today).order_by("-starts_on", "-pk").first()
        return running or self.order_by("-starts_on", "-pk").first()


class Campaign(BilingualName):
    """One edition of a challenge. Everything that differs between editions is a row here or below."""

    slug = models.SlugField(_("code"), max_length=50, unique=True)
    theme = models.CharField(_("theme (Chinese)"), max_length=200, blank=True)
    theme_en = models.CharField(_("theme (English)"), max_length=200, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    liaison_due_date = models.DateField(_("liaison details due"))
    leading_channel_name = models.CharField(_("leading-enterprise channel (Chinese)"), max_length=100)
    leading_channel_name_en = models.CharField(
        _("leading-enterprise channel (English)"), max_length=100, blank=True
    )
    subsidy_rate = models.DecimalField(
        _("subsidy rate"),
        max_digits=4,
        decimal_places=3,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
        help_text=_("Share of the R&D cost actually paid, e.g. 0.30."),
    )
    subsidy_cap_yuan = models.DecimalField(
        _("subsidy cap per project (CNY)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    subsidy_region = models.CharField(_("subsidy eligible region (Chinese)"), max_length=100)
    subsidy_region_en = models.CharField(_("subsidy eligible region (English)"), max_length=100, blank=True)
    diagnosis_scale_max = models.PositiveSmallIntegerField(
        _("diagnosis scale, top mark"),
        default=5,
        validators=[MinValueValidator(3), MaxValueValidator(10)],
        help_text=_("Technical advancement, solvability and funding capacity are rated from 1 to this."),
    )
    attachment_max_mb = models.PositiveSmallIntegerField(
        _("largest solution attachment (MB)"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
    )
    solution_response_days = models.PositiveSmallIntegerField(
        _("days for the enterprise to answer a solution"), default=30, validators=[MinValueValidator(1)]
    )
    confidentiality_terms = models.TextField(_("confidentiality terms (Chinese)"), blank=True)
    confidentiality_terms_en = models.TextField(_("confidentiality terms (English)"), blank=True)
    matching_weights = models.JSONField(
        _("matching weights"),
        default=dict,
        blank=True,
        help_text=_('Overrides of the ranking weights, e.g. {"field": 0.8}; see the README.'),
    )
    matching_words = models.JSONField(
        _("domain words for matching"),
        default=list,
        blank=True,
        help_text=_("Words the segmenter must keep whole, e.g. 热收缩率, 背隙."),
    )
    matching_regions = models.JSONField(
        _("preferred regions of providers"),
        default=list,
        blank=True,
        help_text=_("Country or region codes whose providers rank a little higher, e.g. CN."),
    )
    meeting_weights = models.JSONField(
        _("meeting priority weights"),
        default=dict,
        blank=True,
        help_text=_(
            "What a meeting is worth to the scheduler by priority; default must 10, should 3, nice 1."
        ),
    )
    judging = models.JSONField(
        _("judging rules"),
        default=dict,
        blank=True,
        help_text=_("Criteria, weights and scales of the special competition and the final; see the README."),
    )
    privacy_retention_years = models.PositiveSmallIntegerField(
        _("personal information kept (years)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("Years after the award ceremony that personal information is kept (privacy notice)."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "slug"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="campaign_dates_order"
            )
        ]

    @property
    def display_theme(self) -> str:
        return self.theme_en if (get_language() or "").startswith("en") and self.theme_en else self.theme


class CampaignPart(BilingualName):
    """A configurable list item of a campaign (district, field, bracket…), identified by a stable code."""

    code = models.SlugField(_("code"), max_length=50)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["campaign", "position", "pk"]


class Organiser(BilingualName):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="organisers")
    role = models.CharField(_("role"), max_length=20, choices=OrganiserRole.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["campaign", "position", "pk"]
        verbose_name = _("organising unit")
        verbose_name_plural = _("organising units")


class StageWindow(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="windows")
    stage = models.CharField(_("stage"), max_length=30, choices=Stage.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        ordering = ["campaign", "starts_on", "ends_on", "pk"]
        verbose_name = _("stage window")
        verbose_name_plural = _("stage windows")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "stage"], name="window_unique_stage"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="window_dates_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.starts_on}–{self.ends_on}"

    def contains(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on


class District(CampaignPart):
    """A city or district with its collection quota (attachment 2 of the notice)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="districts")
    demand_target = models.PositiveIntegerField(_("publishable demands to collect"))
    leading_min = models.PositiveSmallIntegerField(_("leading enterprises, at least"))
    leading_max = models.PositiveSmallIntegerField(_("leading enterprises, at most"))
    min_demands_per_leading = models.PositiveSmallIntegerField(_("demands per leading enterprise, at least"))
    subsidised = models.BooleanField(
        _("in the subsidy region"),
        default=True,
        help_text=_("Enterprises of this district may get the post-contract subsidy."),
    )

    class Meta(CampaignPart.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="district_unique_code"),
            models.UniqueConstraint(fields=["campaign", "name"], name="district_unique_name"),
            models.CheckConstraint(
                condition=Q(leading_max__gte=models.F("leading_min")), name="district_leading_range"
            ),
        ]


class IndustryField(CampaignPart):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="industry_fields")
    requires_text = models.BooleanField(_("needs its own text (“other”)"), default=False)

    class Meta(CampaignPart.Meta):
        verbose_name = _("industry field")
        verbose_name_plural = _("industry fields")
        constraints = [models.UniqueConstraint(fields=["campaign", "code"], name="field_unique_code")]


class SalesBracket(CampaignPart):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="sales_brackets")
    lower_wan = models.DecimalField(
        _("from (10k CNY)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    upper_wan = models.DecimalField(
        _("below (10k CNY)"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta(CampaignPart.Meta):
        verbose_name = _("sales bracket")
        verbose_name_plural = _("sales brackets")
        constraints = [models.UniqueConstraint(fields=["campaign", "code"], name="bracket_unique_code")]


class CooperationMode(CampaignPart):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="cooperation_modes")
    requires_text = models.BooleanField(_("needs its own text (“other”)"), default=False)

    class Meta(CampaignPart.Meta):
        verbose_name = _("cooperation mode")
        verbose_name_plural = _("cooperation modes")
        constraints = [models.UniqueConstraint(fields=["campaign", "code"], name="mode_unique_code")]


class AwardCategory(CampaignPart):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="award_categories")
    basis = models.CharField(_("awarded to"), max_length=30, choices=AwardBasis.choices)
    count = models.PositiveSmallIntegerField(
        _("number of awards"), null=True, blank=True, help_text=_("Leave empty when the number is not fixed.")
    )
    prize_yuan = models.DecimalField(
        _("prize each (CNY)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(0)],
    )

    class Meta(CampaignPart.Meta):
        verbose_name = _("award category")
        verbose_name_plural = _("award categories")
        constraints = [models.UniqueConstraint(fields=["campaign", "code"], name="award_unique_code")]

    @property
    def total_yuan(self) -> Decimal:
        return self.prize_yuan * (self.count or 0)


class EventNameTemplate(models.Model):
    """How matchmaking sessions are named; `{name}` stands for the district or industry."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="event_name_templates")
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    template = models.CharField(_("template (Chinese)"), max_length=200)
    template_en = models.CharField(_("template (English)"), max_length=200, blank=True)

    class Meta:
        ordering = ["campaign", "kind"]
        verbose_name = _("event name template")
        verbose_name_plural = _("event name templates")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "kind"], name="event_template_unique_kind")
        ]

    def __str__(self) -> str:
        return self.template

    def render(self, name: str, *, english: bool = False) -> str:
        return (self.template_en if english and self.template_en else self.template).replace("{name}", name)


class Liaison(models.Model):
    """The district's liaison officer (attachment 4). Phones, WeChat and QQ are personal data."""

    district = models.OneToOneField(District, on_delete=models.CASCADE, related_name="liaison")
    name = models.CharField(_("liaison"), max_length=50)
    title = models.CharField(_("title"), max_length=100, blank=True)
    office_phone = models.CharField(_("office phone"), max_length=40, blank=True, validators=[validate_phone])
    mobile = models.CharField(_("mobile"), max_length=40, validators=[validate_mobile])
    wechat = models.CharField(_("WeChat id"), max_length=50, blank=True)
    qq = models.CharField(_("QQ number"), max_length=20, blank=True, validators=[validate_qq])
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("liaison record")
        verbose_name_plural = _("liaison records")

    def __str__(self) -> str:
        return f"{self.district} · {self.name}"
