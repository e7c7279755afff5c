"""Read-only questions about contracts and subsidies."""

from django.db.models import QuerySet

from innochallenge.accounts.enums import Role
from innochallenge.contracts.models import Contract
from innochallenge.demands.models import Demand


def contracts_visible_to(user) -> QuerySet[Contract]:
    """The contracts `user` may open (the same parties as the `contracts.view_contract` rule)."""
    contracts = Contract.objects.select_related(
        "campaign", "demand__district", "demand__publication", "enterprise", "provider", "subsidy"
    )
    role = getattr(user, "role", None) if getattr(user, "is_authenticated", False) else None
    if role == Role.ORGANISER:
        return contracts
    if role == Role.BROKER:
        return contracts.filter(broker=user)
    if role == Role.ENTERPRISE and user.organisation_id:
        return contracts.filter(enterprise_id=user.organisation_id)
    if role == Role.PROVIDER and user.organisation_id:
        return contracts.filter(provider_id=user.organisation_id)
    return contracts.none()


def demands_for_contracts(user):
    """The published demands `user` may register a contract for (the `contracts.register_contract` rule)."""

    demands = Demand.objects.filter(publication__published_at__isnull=False).select_related("campaign")
    role = getattr(user, "role", None) if getattr(user, "is_authenticated", False) else None
    if role == Role.ORGANISER:
        return demands
    if role == Role.BROKER:
        return demands.filter(assignment__broker=user)
    if role == Role.ENTERPRISE and user.organisation_id:
        return demands.filter(organisation_id=user.organisation_id)
    return demands.none()
