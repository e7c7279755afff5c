"""One page, one demand: the key that makes a form posted twice file a single demand.

The new-demand page carries a random key in its forms. The first post files a demand under it; a second
post of the same page (a double click, a phone sending again after a lost answer, the back button and
submit again in the deadline rush) finds that demand and carries on with it instead of filing another.
Two posts racing each other meet at the database's unique constraint on the key."""

import re
import uuid

from innochallenge.demands.models import Demand

FIELD = "submission_key"
#: What a key may look like: the pages send 32 hex digits; API callers send their own Idempotency-Key.
_VALID = re.compile(r"[0-9A-Za-z_-]{8,64}")


def new_key() -> str:
    return uuid.uuid4().hex


def valid(key: str) -> bool:
    return bool(_VALID.fullmatch(key))


def posted_key(request) -> str:
    """The page's key when the post carries a well-formed one, else "" (no protection, no error)."""
    key = request.POST.get(FIELD, "")
    return key if valid(key) else ""


def page_key(request) -> str:
    """The key for a page being shown: the posted one when the post saved nothing, else a new one."""
    return posted_key(request) or new_key()


def earlier_demand(user, key: str) -> Demand | None:
    """The demand this user already filed from the page with this key."""
    if not key:
        return None
    return Demand.objects.filter(submission_key=key, created_by=user).first()
