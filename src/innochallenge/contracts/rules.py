"""Who may do what with contracts and subsidies. A contract is registered by the demand's enterprise, its
broker or the organiser; the provider sees its own; only the organiser reviews, approves and pays
subsidies and exports them for the finance bureau."""

import rules

from innochallenge.accounts.rules import is_broker, is_enterprise_user, is_organiser, is_provider


@rules.predicate
def is_demands_enterprise(user, demand) -> bool:
    return bool(
        demand is not None
        and is_enterprise_user(user)
        and user.organisation_id is not None
        and demand.organisation_id == user.organisation_id
    )


@rules.predicate
def is_demands_broker(user, demand) -> bool:
    assignment = getattr(demand, "assignment", None) if demand is not None else None
    return bool(assignment is not None and is_broker(user) and assignment.broker_id == user.pk)


@rules.predicate
def is_contracts_enterprise(user, contract) -> bool:
    return bool(
        contract is not None and is_enterprise_user(user) and contract.enterprise_id == user.organisation_id
    )


@rules.predicate
def is_contracts_broker(user, contract) -> bool:
    return bool(contract is not None and is_broker(user) and contract.broker_id == user.pk)


@rules.predicate
def is_contracts_provider(user, contract) -> bool:
    return bool(contract is not None and is_provider(user) and contract.provider_id == user.organisation_id)


rules.add_perm("contracts.register_contract", is_organiser | is_demands_enterprise | is_demands_broker)
rules.add_perm("contracts.change_contract", is_organiser | is_contracts_enterprise | is_contracts_broker)
rules.add_perm(
    "contracts.view_contract",
    is_organiser | is_contracts_enterprise | is_contracts_broker | is_contracts_provider,
)
rules.add_perm("contracts.apply_subsidy", is_organiser | is_contracts_enterprise)
rules.add_perm("contracts.review_subsidies", is_organiser)
rules.add_perm("contracts.list_contracts", is_organiser | is_broker | is_enterprise_user | is_provider)
