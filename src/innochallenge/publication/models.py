from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innochallenge.demands.enums import Channel
from innochallenge.publication.enums import BudgetDisplay, FeedFormat, OutletKind


class Publication(models.Model):
    """How a demand appears in public: what the enterprise lets show, the broker's English version, and
    when it went out. Only what `publication.public.public_view` derives from it ever leaves the site."""

    demand = models.OneToOneField("demands.Demand", on_delete=models.CASCADE, related_name="publication")
    show_company_name = models.BooleanField(_("show the company name"), default=False)
    budget_display = models.CharField(
        _("budget shown"), max_length=10, choices=BudgetDisplay.choices, default=BudgetDisplay.RANGE
    )
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("The details open to a provider only after it accepts the confidentiality terms."),
    )
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    chosen_by_enterprise = models.BooleanField(default=False, editable=False)
    title_en = models.CharField(_("title in English"), max_length=300, blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    #: The public (masked) text of both languages, cut into search terms once, when it changes.
    search_terms = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        indexes = [models.Index(fields=["published_at"])]

    def __str__(self) -> str:
        return str(self.demand)

    @property
    def english_pending(self) -> bool:
        return not (self.title_en.strip() and self.description_en.strip())


class Outlet(models.Model):
    """A place that republishes our demands: a platform, a medium, a university, an agency abroad. Each
    pulls the feeds with its own key, so we know what reached it and when."""

    name = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OutletKind.choices)
    website = models.URLField(_("website"), blank=True)
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, blank=True, help_text=_("Empty: both channels.")
    )
    feed_format = models.CharField(
        _("preferred format"), max_length=10, choices=FeedFormat.choices, default=FeedFormat.JSON
    )
    key = models.SlugField(_("feed key"), max_length=40, unique=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("outlet")
        verbose_name_plural = _("outlets")

    def __str__(self) -> str:
        return self.name


class Dispatch(models.Model):
    """One delivery of a feed: which demands went to which outlet, in what format, when."""

    outlet = models.ForeignKey(
        Outlet, verbose_name=_("outlet"), null=True, on_delete=models.PROTECT, related_name="dispatches"
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, blank=True)
    feed_format = models.CharField(_("format"), max_length=10, choices=FeedFormat.choices)
    demands = models.ManyToManyField("demands.Demand", verbose_name=_("demands"), related_name="dispatches")
    count = models.PositiveIntegerField(_("demands sent"), default=0)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("dispatch")
        verbose_name_plural = _("dispatches")

    def __str__(self) -> str:
        return f"{self.outlet} · {self.sent_at:%Y-%m-%d %H:%M}"
