"""The demo's second factor: demo accounts whose role signs in with two factors get an authenticator with a
published key, and the log-in page of a demo shows each one's current code, so `make run` stays usable by
someone who has no authenticator app at hand."""

import base64
import time

from django.conf import settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from innochallenge.accounts import two_factor


def demo_key_hex() -> str:
    from innochallenge.site.demo import DEMO_TOTP_SECRET  # noqa: PLC0415 - demo imports this module

    return base64.b32decode(DEMO_TOTP_SECRET).hex()


def give_demo_authenticator(user) -> None:
    """A confirmed authenticator with the published key, for a demo account that must use two factors and
    has none (an organiser's reset is honoured until the next start of the demo)."""
    if user.role not in settings.TWO_FACTOR_ROLES or two_factor.is_enrolled(user):
        return
    TOTPDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.create(
        user=user, name=two_factor.AUTHENTICATOR_NAME, key=demo_key_hex(), confirmed=True
    )


def demo_codes() -> list[dict]:
    """The demo accounts that sign in with the demo key now, with the code it gives at this moment."""
    from innochallenge.site.demo import DEMO_ACCOUNTS  # noqa: PLC0415 - demo imports this module

    names = [account[0] for account in DEMO_ACCOUNTS]
    devices = TOTPDevice.objects.filter(user__username__in=names, confirmed=True, key=demo_key_hex())
    by_name = {device.user.username: device for device in devices.select_related("user")}
    now = time.time()
    rows = []
    for name in names:
        device = by_name.get(name)
        if device is None:
            continue
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
        rows.append(
            {
                "username": name,
                "role": device.user.get_role_display(),
                "code": f"{code:0{device.digits}d}",
                "seconds_left": int(device.step - (now - device.t0) % device.step),
            }
        )
    return rows
