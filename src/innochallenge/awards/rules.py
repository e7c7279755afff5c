"""Who may see and confirm award winners. The organiser manages the awards page; a winner's own
organisation (or the broker himself) may download its certificate; a broker may read his own record."""

import rules

from innochallenge.accounts.rules import is_broker, is_organiser


def _authenticated(user) -> bool:
    return bool(user and getattr(user, "is_authenticated", False) and user.is_active)


@rules.predicate
def is_winner_member(user, winner) -> bool:
    """The broker who won, or a member of the organisation that won (the provider of a best solution)."""
    if winner is None or not _authenticated(user):
        return False
    if winner.user_id is not None:
        return winner.user_id == user.pk
    return winner.organisation_id is not None and winner.organisation_id == user.organisation_id


@rules.predicate
def is_self(user, other) -> bool:
    return other is not None and _authenticated(user) and other.pk == user.pk


rules.add_perm("awards.manage_prizes", is_organiser)
rules.add_perm("awards.view_certificate", is_organiser | is_winner_member)
rules.add_perm("awards.view_broker_record", is_organiser | (is_broker & is_self))

# The admin (organisers only).
for action in ("view", "add", "change", "delete"):
    rules.add_perm(f"awards.{action}_winner", is_organiser)
