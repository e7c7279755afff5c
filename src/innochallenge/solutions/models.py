import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from innochallenge.solutions.enums import (
    DeclineReason,
    IPStatus,
    ProviderStatus,
    ProviderType,
    SolutionStatus,
)


class PrivateStorage(FileSystemStorage):
    """Uploaded solution files live under PRIVATE_ROOT (VAR_DIR/private), outside anything the web server
    serves; they leave only through `solutions.views_files`, behind a permission check and an expiring
    link. The folder is read from the settings at each use, so tests can move it."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


_PRIVATE = PrivateStorage()


def private_storage() -> PrivateStorage:
    return _PRIVATE


class ProviderProfile(models.Model):
    """What a solution provider tells about itself; the organiser verifies it before enterprises see its
    solutions. Expertise and keywords feed the matching engine."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="provider_profile"
    )
    provider_type = models.CharField(_("type"), max_length=20, choices=ProviderType.choices)
    country = CountryField(_("country or region"))
    expertise = models.TextField(_("fields of expertise"))
    keywords = models.CharField(_("keywords"), max_length=500, blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=100)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    status = models.CharField(
        _("verification"), max_length=10, choices=ProviderStatus.choices, default=ProviderStatus.PENDING
    )
    review_note = models.CharField(_("note of the organiser"), max_length=300, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("solution provider")
        verbose_name_plural = _("solution providers")

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def verified(self) -> bool:
        return self.status == ProviderStatus.VERIFIED


class Solution(models.Model):
    """A provider's answer to one published demand. The current text is here; each edit after submission
    first copies the previous text into a SolutionVersion."""

    demand = models.ForeignKey("demands.Demand", on_delete=models.PROTECT, related_name="solutions")
    provider = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="solutions",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SolutionStatus.choices, default=SolutionStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    title = models.CharField(_("solution title"), max_length=200)
    summary = models.TextField(_("summary"))
    approach = models.TextField(_("technical approach"), blank=True)
    indicators = models.TextField(
        _("expected indicators"), blank=True, help_text=_("What the solution reaches, against each target.")
    )
    timeline = models.TextField(_("timeline"), blank=True)
    cost_wan = models.DecimalField(
        _("cost estimate (10k CNY)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    cooperation_mode = models.ForeignKey(
        "campaigns.CooperationMode",
        verbose_name=_("proposed cooperation mode"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    team = models.TextField(_("team"), blank=True)
    ip_status = models.CharField(
        _("intellectual property"), max_length=20, choices=IPStatus.choices, blank=True
    )
    ip_note = models.CharField(_("intellectual property, details"), max_length=300, blank=True)
    decline_reason = models.CharField(
        _("reason declined"), max_length=20, choices=DeclineReason.choices, blank=True
    )
    decision_message = models.TextField(_("message of the enterprise"), blank=True)
    decision_due_on = models.DateField(_("decision expected by"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        ordering = ["demand", "-submitted_at", "pk"]
        verbose_name = _("solution")
        verbose_name_plural = _("solutions")
        indexes = [models.Index(fields=["demand", "status"]), models.Index(fields=["provider", "status"])]

    def __str__(self) -> str:
        return f"{self.demand.reference} · {self.title}"


class SolutionVersion(models.Model):
    """The text of a solution as it was before an edit after submission, with the files it had then."""

    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField()
    attachment_ids = models.JSONField(default=list)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["solution", "-number"]
        constraints = [models.UniqueConstraint(fields=["solution", "number"], name="solution_version_unique")]
        verbose_name = _("solution version")
        verbose_name_plural = _("solution versions")

    def __str__(self) -> str:
        return f"{self.solution} v{self.number}"


def _attachment_path(instance, filename: str) -> str:
    return f"solutions/{instance.solution_id}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A file of a solution: PDF, Word, PowerPoint or an image, checked by its content. Removing it from
    the solution keeps it for the versions that had it."""

    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to=_attachment_path, max_length=300)
    name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    current = models.BooleanField(default=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["solution", "uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class Message(models.Model):
    """The question-and-answer thread of a solution: the enterprise (or its broker) and the provider."""

    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    side = models.CharField(_("side"), max_length=20)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["solution", "created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.solution_id} · {self.created_at:%Y-%m-%d %H:%M}"


class TermsAcceptance(models.Model):
    """A provider accepted the campaign's confidentiality terms (as worded then), by whom and when."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="+")
    provider = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted"), auto_now_add=True)
    terms_sha256 = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "provider"], name="terms_accepted_once")]
        verbose_name = _("confidentiality acceptance")
        verbose_name_plural = _("confidentiality acceptances")

    def __str__(self) -> str:
        return f"{self.provider} · {self.accepted_at:%Y-%m-%d}"
