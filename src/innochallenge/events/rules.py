"""Who does what at matchmaking events. The organiser manages events, registrations and the schedule;
an enterprise or a provider registers its organisation, sees only its own requests and agenda, and
answers only the requests made to it."""

import rules

from innochallenge.accounts.rules import is_enterprise_user, is_organiser, is_provider
from innochallenge.events.enums import RequestState


def _org(user):
    return getattr(user, "organisation_id", None) if getattr(user, "is_authenticated", False) else None


@rules.predicate
def is_participant_role(user) -> bool:
    return bool(is_enterprise_user(user) or is_provider(user)) and _org(user) is not None


@rules.predicate
def is_registration_member(user, registration) -> bool:
    return bool(registration is not None and _org(user) and registration.organisation_id == _org(user))


@rules.predicate
def is_request_party(user, request) -> bool:
    org = _org(user)
    return bool(
        request is not None
        and org
        and org in (request.sender.organisation_id, request.recipient.organisation_id)
    )


@rules.predicate
def is_request_recipient(user, request) -> bool:
    return bool(request is not None and _org(user) and request.recipient.organisation_id == _org(user))


@rules.predicate
def is_pending(user, request) -> bool:
    return bool(request is not None and request.state == RequestState.PENDING)


rules.add_perm("events.manage_event", is_organiser)
rules.add_perm("events.register", is_participant_role)
rules.add_perm("events.view_agenda", is_organiser | is_registration_member)
rules.add_perm("events.act_for", is_registration_member)
rules.add_perm("events.view_request", is_organiser | is_request_party)
rules.add_perm("events.answer_request", is_request_recipient & is_pending)

# The admin (organisers only).
for model in ("event", "registration", "unavailable", "meetingrequest", "meeting", "outcome"):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"events.{action}_{model}", is_organiser)
