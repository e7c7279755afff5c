"""What the two-factor tests share: an authenticator as a phone would hold it, and signing in through the
pages a person uses."""

from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories.accounts import PASSWORD

STAFF = ["organiser", "liaison", "broker", "judge"]


def code_of(device: TOTPDevice) -> str:
    """The code the user's phone shows now (RFC 6238, computed from the device's key)."""
    device.refresh_from_db()
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
    return f"{code:06d}"


def give_authenticator(user, *, recovery: tuple[str, ...] = ()) -> TOTPDevice:
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    if recovery:
        static = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
        for token in recovery:
            StaticToken.objects.create(device=static, token=token)
    return device


def password_step(client, user, next_url: str = ""):
    data = {"username": user.username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post("/accounts/login/", data)


def signed_in_with_code(client, user, device: TOTPDevice):
    password_step(client, user)
    response = client.post("/accounts/two-factor/verify/", {"code": code_of(device)})
    assert response.status_code == 302, response.content.decode()
    return client
