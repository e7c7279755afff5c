import hashlib

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from innochallenge.accounts.enums import ROLE_ORGANISATION_KIND, OrganisationKind, Role


class Organisation(models.Model):
    """An enterprise, a solution provider or a service organisation that users act for."""

    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    country = models.CharField(_("country or region"), max_length=100, blank=True, default="中国")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="organisation_unique_name")]

    def __str__(self) -> str:
        return self.name


class UserManager(DjangoUserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        """The first account of a new installation runs the campaign: a superuser is an organiser (the
        role every page and API list is scoped by) and staff (the admin)."""
        extra_fields.setdefault("role", Role.ORGANISER)
        if extra_fields["role"] != Role.ORGANISER:
            raise ValueError("A superuser must have the organiser role.")
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A person with exactly one role; the role says what the person is bound to."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.ENTERPRISE)
    district = models.ForeignKey(
        "campaigns.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="liaison_users",
        help_text=_("Required for district liaisons."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        help_text=_("Required for enterprise users, solution providers and service team members."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email_verified = models.BooleanField(_("e-mail verified"), default=False)

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def clean(self):
        super().clean()
        errors = {}
        if self.role == Role.LIAISON and self.district_id is None:
            errors["district"] = _("A district liaison must be bound to a district.")
        if self.role != Role.LIAISON and self.district_id is not None:
            errors["district"] = _("Only district liaisons are bound to a district.")
        kind = ROLE_ORGANISATION_KIND.get(self.role)
        if kind and (self.organisation is None or self.organisation.kind != kind):
            errors["organisation"] = _("This role must be bound to an organisation of kind “%(kind)s”.") % {
                "kind": OrganisationKind(kind).label
            }
        if kind is None and self.organisation_id is not None:
            errors["organisation"] = _("This role is not bound to an organisation.")
        if errors:
            raise ValidationError(errors)


class ApiToken(models.Model):
    """A bearer token for the HTTP API. Only its SHA-256 is stored; the token is shown once. It carries the
    user's session hash as it was when issued (`user_hash`, an HMAC of the password hash, as Django's
    sessions do): a password changed or reset in any way makes every earlier token stop working."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    user_hash = models.CharField(max_length=128, default="", editable=False)
    #: What the owner calls it ("报表脚本"), so a list of tokens can be told apart; never the secret.
    label = models.CharField(_("name"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d}"

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


class SignIn(models.Model):
    """A signed-in browser session, so its owner can see and end it (accounts/signins.py). The session
    itself lives in Django's session store under the same key; this row only describes it. A row with an
    `ended_reason` is a tombstone: the session is gone, and the browser that still carries its cookie is told
    why on its next request (then the row goes too)."""

    class Ended(models.TextChoices):
        ELSEWHERE = "elsewhere", _("signed in elsewhere")
        BY_USER = "by_user", _("ended by the user")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sign_ins")
    session_key = models.CharField(_("session key"), max_length=40, unique=True)
    created_at = models.DateTimeField(_("signed in"), auto_now_add=True)
    last_seen_at = models.DateTimeField(_("last active"))
    client_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    client = models.CharField(_("browser"), max_length=100, blank=True)
    ended_reason = models.CharField(max_length=20, choices=Ended.choices, blank=True)

    class Meta:
        ordering = ["-last_seen_at"]
        verbose_name = _("signed-in session")
        verbose_name_plural = _("signed-in sessions")

    def __str__(self) -> str:
        return f"{self.user} {self.client}"
