import datetime as dt
import secrets

from django.conf import settings
from django.contrib.auth import authenticate
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from innochallenge.accounts import two_factor
from innochallenge.accounts.enums import ROLE_ORGANISATION_KIND, SELF_SERVICE_ROLES, Role
from innochallenge.accounts.models import ApiToken, Organisation, User
from innochallenge.audit import services as audit

_VERIFY_SALT = "innochallenge.accounts.verify-email"


class AccountError(ValueError):
    """A request about an account that cannot be honoured; the message is for the user.

    `field` names the form or API field the problem belongs to, when there is one.
    """

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


@transaction.atomic
def register_account(
    *,
    role: str,
    username: str,
    email: str,
    password: str,
    organisation_name: str,
    language: str = "zh-hans",
    consented: bool = False,
) -> User:
    """Self-registration of an enterprise user or a solution provider.

    The account stays inactive until the e-mail address is verified through the link we send.
    `consented`: the person accepted the privacy notice on the form; the consent is recorded with the
    account, in the same transaction.
    """
    if role not in SELF_SERVICE_ROLES:
        raise AccountError(_("Only enterprises and solution providers can register themselves."))
    kind = ROLE_ORGANISATION_KIND[Role(role)]
    name = organisation_name.strip()
    # Never attach a newcomer to an existing organisation by name alone: that would let anyone who
    # types a company's name see its demands. Colleagues are added by the organiser.
    if Organisation.objects.filter(kind=kind, name=name).exists():
        raise AccountError(
            _("“%(name)s” is registered already. Ask the organiser to add you to it.") % {"name": name},
            field="organisation_name",
        )
    organisation = Organisation.objects.create(kind=kind, name=name)
    user = User(username=username, email=email, role=role, organisation=organisation, is_active=False)
    user.set_password(password)
    user.full_clean()
    user.save()
    audit.record(actor=None, action="account.registered", obj=user, changes={"role": [None, role]})
    if consented:
        from innochallenge.privacy import services as privacy  # noqa: PLC0415 - privacy builds on accounts

        privacy.record_consent(user=user, context="registration")
    transaction.on_commit(lambda: _queue_verification_mail(user.pk, language))
    return user


def _queue_verification_mail(user_id: int, language: str) -> None:
    from innochallenge.accounts.tasks import task_send_verification_email  # noqa: PLC0415 - accounts.tasks imports these services: a cycle at load

    task_send_verification_email.enqueue(user_id, language)


def resend_verification_mail(*, email: str, language: str = "zh-hans") -> None:
    """Send the verification link again to an account that has not verified its address yet.

    Says nothing about whether such an account exists (the page answers the same either way)."""
    user = User.objects.filter(email__iexact=email.strip(), email_verified=False, is_active=False).first()
    if user is not None:
        transaction.on_commit(lambda: _queue_verification_mail(user.pk, language))


def verification_token(user: User) -> str:
    return signing.TimestampSigner(salt=_VERIFY_SALT).sign_object({"u": user.pk, "e": user.email})


def verification_url(user: User) -> str:
    return settings.SITE_URL + reverse("accounts:verify-email", args=[verification_token(user)])


@transaction.atomic
def verify_email(token: str) -> User:
    """Activate the account named by a verification link; raises AccountError if it is bad or old."""
    try:
        data = signing.TimestampSigner(salt=_VERIFY_SALT).unsign_object(
            token, max_age=settings.EMAIL_VERIFICATION_MAX_AGE_S
        )
    except signing.SignatureExpired as exc:
        raise AccountError(_("This verification link has expired. Please register again.")) from exc
    except signing.BadSignature as exc:
        raise AccountError(_("This verification link is not valid.")) from exc
    user = User.objects.select_for_update().filter(pk=data["u"], email=data["e"]).first()
    if user is None:
        raise AccountError(_("This verification link is not valid."))
    if not user.email_verified:
        user.email_verified = True
        user.is_active = True
        user.save(update_fields=["email_verified", "is_active"])
        audit.record(
            actor=user,
            action="account.email_verified",
            obj=user,
            changes={"email_verified": [False, True], "is_active": [False, True]},
        )
    return user


@transaction.atomic
def create_staff_account(
    *,
    username: str,
    password: str,
    role: str,
    by: User | None,
    email: str = "",
    first_name: str = "",
    district=None,
    organisation: Organisation | None = None,
) -> User:
    """An account made by an admin (or the demo set-up) for any role; organisers can use the admin."""
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        role=role,
        district=district,
        organisation=organisation,
        is_staff=(role == Role.ORGANISER),
        email_verified=bool(email),
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    audit.record(actor=by, action="account.created", obj=user, changes={"role": [None, role]})
    return user


class SecondFactorRefused(AccountError):
    """The password was right but the second factor is missing, wrong or throttled (`throttled`)."""

    def __init__(self, message: str, *, throttled: bool = False):
        super().__init__(message, field="otp")
        self.throttled = throttled


def issue_api_token(*, username: str, password: str, otp: str = "", request=None) -> str:
    """A new bearer token for valid credentials; raises AccountError otherwise.

    A user who signs in with two factors (accounts/two_factor.py) also gives `otp`, his authenticator's
    code or a recovery code; one who must but has no authenticator yet sets it up on the web first.
    Pass the web request: login throttling counts the failures per user name and address from it.
    """
    user = authenticate(request, username=username, password=password)
    if user is None or not user.is_active:
        raise AccountError(_("Wrong user name or password."))
    if two_factor.applies(user):
        if not two_factor.is_enrolled(user):
            raise SecondFactorRefused(
                _("Sign in on the website once and set up your authenticator app before asking for a token.")
            )
        if not otp.strip():
            raise SecondFactorRefused(_("Give the 6-digit code of your authenticator app in “otp”."))
        try:
            two_factor.verify_second_factor(user, otp)
        except two_factor.TwoFactorError as exc:
            raise SecondFactorRefused(str(exc), throttled=exc.throttled) from exc
    token = secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user,
        digest=ApiToken.digest_of(token),
        user_hash=user.get_session_auth_hash(),
        expires_at=timezone.now() + dt.timedelta(days=settings.API_TOKEN_MAX_AGE_DAYS),
    )
    return token


def user_for_api_token(token: str) -> User | None:
    row = (
        ApiToken.objects.select_related("user")
        .filter(digest=ApiToken.digest_of(token), expires_at__gt=timezone.now(), user__is_active=True)
        .first()
    )
    if row is None or not constant_time_compare(row.user_hash, row.user.get_session_auth_hash()):
        return None  # unknown, expired, its user deactivated, or the password changed since it was issued
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
    return row.user
