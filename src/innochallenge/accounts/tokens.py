"""API tokens their owner makes, lists and revokes on the tokens page (and organisers revoke in the admin).
The secret is shown once, when made; only its SHA-256 is kept (`ApiToken`)."""

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from innochallenge.accounts.models import ApiToken, User
from innochallenge.audit import services as audit


def tokens_of(user: User):
    """The user's tokens, newest first, the expired ones too (they tell him why a script stopped)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at")


@transaction.atomic
def create_api_token(user: User, *, label: str = "", by: User) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the secret, which is not kept anywhere."""
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        label=label.strip()[:100],
        digest=ApiToken.digest_of(secret),
        user_hash=user.get_session_auth_hash(),
        expires_at=timezone.now() + dt.timedelta(days=settings.API_TOKEN_MAX_AGE_DAYS),
    )
    audit.record(
        actor=by, action="api_token.created", obj=user, changes={"token": token.pk, "label": token.label}
    )
    return token, secret


@transaction.atomic
def revoke_api_token(token: ApiToken, *, by: User) -> None:
    """The token stops working at once."""
    audit.record(
        actor=by,
        action="api_token.revoked",
        obj=token.user,
        changes={"token": token.pk, "label": token.label, "created_at": token.created_at.isoformat()},
    )
    token.delete()
