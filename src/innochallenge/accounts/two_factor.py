"""Two factors at sign-in (等保 2.0: two kinds of proof for administrators), through django-otp.

A user owes a second factor when his role is in `TWO_FACTOR_ROLES` (the four staff roles by default) or
when he turned it on for himself (he has a confirmed authenticator). The second factor is a TOTP code from
an authenticator app (django-otp's TOTPDevice) or one of ten single-use recovery codes (a StaticDevice).
Wrong codes are throttled by django-otp: after n failures in a row the device refuses every code for
2ⁿ⁻¹ seconds. Every change to a user's factors is written to the audit trail.
"""

import math

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.models import VerifyNotAllowed
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from innochallenge.accounts.enums import Role
from innochallenge.audit import services as audit

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "authenticator"
RECOVERY_NAME = "recovery"
#: In the session: this user gives a second factor at sign-in (by role or by choice).
PENDING_KEY = "innochallenge.two_factor"


class TwoFactorError(ValueError):
    """A code that is refused; the message is for the user. `throttled` when the device waits."""

    def __init__(self, message: str, *, throttled: bool = False):
        super().__init__(message)
        self.throttled = throttled


def is_required(user) -> bool:
    """The role must sign in with two factors (`TWO_FACTOR_ROLES`)."""
    return bool(user is not None and user.is_authenticated and user.role in settings.TWO_FACTOR_ROLES)


def authenticator(user, *, confirmed: bool = True) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("pk").first()


def is_enrolled(user) -> bool:
    return user.is_authenticated and TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def applies(user) -> bool:
    """The user must give a second factor after the password: by role, or because he chose to."""
    return is_required(user) or bool(user is not None and is_enrolled(user))


def owes_second_factor(user, session) -> bool:
    """Signed in with the password but not (yet) with the second factor that applies to him. Whether he
    chose two factors is read once, when he signs in (`note_at_sign_in`), not on every request."""
    if user is None or not user.is_authenticated:
        return False
    if hasattr(user, "is_verified") and user.is_verified():
        return False
    return is_required(user) or bool(session.get(PENDING_KEY))


def note_at_sign_in(user, session) -> None:
    if applies(user):
        session[PENDING_KEY] = True
    else:
        session.pop(PENDING_KEY, None)


def forget_at_turn_off(session) -> None:
    session.pop(PENDING_KEY, None)


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# --- enrolment --------------------------------------------------------------------------------------


def start_enrolment(user) -> TOTPDevice:
    """The unconfirmed authenticator being set up (made once, kept until confirmed, so a reload of the
    page shows the same QR code)."""
    device = authenticator(user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


def confirm_enrolment(user, code: str) -> tuple[TOTPDevice, list[str]]:
    """Check the first code of a new authenticator; it becomes the user's only one, and ten fresh recovery
    codes replace any earlier ones. Returns the device and the codes (shown once)."""
    device = authenticator(user, confirmed=False)
    if device is None:
        raise TwoFactorError(_("Start the set-up again: open the QR code page."))
    _check_committed(device, code)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(user)
        audit.record(
            actor=user, action="account.two_factor_enrolled", obj=user, changes={"two_factor": [False, True]}
        )
    return device, codes


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def regenerate_recovery_codes(user) -> list[str]:
    """Ten new recovery codes; the old ones stop working."""
    if not is_enrolled(user):
        raise TwoFactorError(_("Set up an authenticator app first."))
    codes = _new_recovery_codes(user)
    audit.record(actor=user, action="account.recovery_codes_regenerated", obj=user)
    return codes


# --- signing in -------------------------------------------------------------------------------------


def _check(device, code: str) -> None:
    """django-otp's verification with its throttling, the refusal in the user's language."""
    allowed, extra = device.verify_is_allowed()
    if not allowed:
        if extra and extra.get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS:
            wait = max(1, math.ceil((extra["locked_until"] - timezone.now()).total_seconds()))
            raise TwoFactorError(
                ngettext(
                    "Too many wrong codes. Wait %(n)s second and try again.",
                    "Too many wrong codes. Wait %(n)s seconds and try again.",
                    wait,
                )
                % {"n": wait},
                throttled=True,
            )
        raise TwoFactorError(_("Codes cannot be checked right now. Try again later."), throttled=True)
    if not device.verify_token(code):
        raise TwoFactorError(_("The code is wrong or has expired. Enter the code your app shows now."))


def _check_committed(device, code: str) -> None:
    """`_check` on the device's locked row, committed before a refusal is raised: the failure count that
    throttles the next attempt must not be rolled back with the error, and two requests at once must not
    both try the same count."""
    refusal = None
    with transaction.atomic():
        locked = type(device).objects.select_for_update().get(pk=device.pk)
        try:
            _check(locked, code)
        except TwoFactorError as exc:
            refusal = exc
    if refusal is not None:
        raise refusal
    device.refresh_from_db()


def verify_second_factor(user, code: str):
    """The device that accepts `code`: the authenticator for six digits, else the recovery codes (a used
    recovery code is gone). Only that one device counts the attempt, so a mistyped app code never locks
    the recovery codes."""
    code = "".join(code.split()).lower()
    if not code:
        raise TwoFactorError(_("Enter the 6-digit code from your authenticator app or a recovery code."))
    model = TOTPDevice if len(code) == 6 and code.isdigit() else StaticDevice  # recovery codes: 8 long
    device = model.objects.filter(user=user, confirmed=True).first()
    if device is None:
        raise TwoFactorError(_("The code is wrong or has expired. Enter the code your app shows now."))
    _check_committed(device, code)
    if isinstance(device, StaticDevice):
        audit.record(actor=user, action="account.recovery_code_used", obj=user)
    return device


# --- turning off and resetting ----------------------------------------------------------------------


def _remove_devices(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


@transaction.atomic
def turn_off(user) -> None:
    """The user stops using two factors; refused when his role requires them."""
    if is_required(user):
        raise TwoFactorError(_("Your role must sign in with two factors; it cannot be turned off."))
    _remove_devices(user)
    audit.record(
        actor=user, action="account.two_factor_turned_off", obj=user, changes={"two_factor": [True, False]}
    )


@transaction.atomic
def reset_for(user, *, by) -> None:
    """An organiser removes a colleague's authenticator and recovery codes (a lost phone); the colleague
    sets up a new one at the next sign-in, and a session verified with the old one no longer counts."""
    if by is None or by.role != Role.ORGANISER or not by.is_active:
        raise TwoFactorError(_("Only an organiser may reset a second factor."))
    had = is_enrolled(user)
    _remove_devices(user)
    audit.record(actor=by, action="account.two_factor_reset", obj=user, changes={"two_factor": [had, False]})
