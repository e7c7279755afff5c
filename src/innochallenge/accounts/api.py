import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.security import HttpBearer

from innochallenge.accounts import services, tokens
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


class TokenRowOut(Schema):
    """A token as its owner's list shows it: never the secret (only its digest is kept)."""

    id: int
    label: str
    created_at: dt.datetime
    expires_at: dt.datetime
    last_used_at: dt.datetime | None


@router.get("/tokens", response=list[TokenRowOut], auth=bearer, summary="The caller's API tokens")
def list_tokens(request):
    return list(tokens.tokens_of(request.user))


@router.delete(
    "/tokens/{token_id}",
    response={204: None, 404: ErrorOut},
    auth=bearer,
    summary="Revoke one of the caller's tokens",
)
def revoke_token(request, token_id: int):
    """The token stops working at once; revoking the token the request came with is allowed."""
    token = get_object_or_404(tokens.tokens_of(request.user), pk=token_id)
    tokens.revoke_api_token(token, by=request.user)
    return Status(204, None)
