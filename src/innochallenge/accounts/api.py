from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.security import HttpBearer

from innochallenge.accounts import services
from innochallenge.core.schemas import InputSchema


class BearerToken(HttpBearer):
    def authenticate(self, request, token: str):
        user = services.user_for_api_token(token)
        if user is not None:
            request.user = user
        return user


bearer = BearerToken()
router = Router(tags=["auth"])


class TokenIn(InputSchema):
    UNCHECKED = frozenset({"password"})

    username: str
    password: str
    #: The authenticator's current 6-digit code (or a recovery code), for users who sign in with two factors.
    otp: str = ""


class TokenOut(Schema):
    token: str


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


@router.post(
    "/token", response={200: TokenOut, 401: ErrorOut, 429: ErrorOut}, auth=None, summary="Get a bearer token"
)
def create_token(request, payload: TokenIn):
    """Throttled like the login page: after too many failures the answer is 429 until the cool-off ends.
    A user who signs in with two factors also sends `otp`; wrong codes are throttled by the device."""
    try:
        token = services.issue_api_token(
            username=payload.username, password=payload.password, otp=payload.otp, request=request
        )
    except services.SecondFactorRefused as exc:
        return Status(429 if exc.throttled else 401, {"detail": str(exc), "errors": {"otp": [str(exc)]}})
    except services.AccountError as exc:
        return Status(401, {"detail": str(exc) or _("Wrong user name or password."), "errors": {}})
    return {"token": token}
