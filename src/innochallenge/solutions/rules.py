"""Who sees and does what with solutions (SPEC §4.4). A solution is seen by its provider, the demand's
enterprise (once the provider is verified and the solution handed in), the demand's broker and the
organiser, and judges who sit on a judging panel that judges it (and have no conflict with it). Providers
never see each other's."""

import rules

from innochallenge.accounts.rules import is_broker, is_enterprise_user, is_judge, is_organiser, is_provider
from innochallenge.solutions.enums import (
    COUNTED,
    EDITABLE,
    SEEN_BY_ENTERPRISE,
    ProviderStatus,
    SolutionStatus,
)


@rules.predicate
def is_providers_member(user, solution) -> bool:
    return bool(solution is not None and is_provider(user) and solution.provider_id == user.organisation_id)


def provider_is_verified(solution) -> bool:
    """The organiser verified the solution's provider: only then does the enterprise see (and hear of)
    its solutions. A plain function, not a predicate: it does not depend on the user."""
    profile = getattr(solution.provider, "provider_profile", None)
    return bool(profile is not None and profile.status == ProviderStatus.VERIFIED)


@rules.predicate
def is_demands_enterprise(user, solution) -> bool:
    return bool(
        solution is not None
        and is_enterprise_user(user)
        and user.organisation_id is not None
        and solution.demand.organisation_id == user.organisation_id
        and solution.status in SEEN_BY_ENTERPRISE
        and provider_is_verified(solution)
    )


@rules.predicate
def is_demands_broker(user, solution) -> bool:
    assignment = getattr(solution.demand, "assignment", None) if solution is not None else None
    return bool(
        assignment is not None
        and is_broker(user)
        and assignment.broker_id == user.pk
        and solution.status in COUNTED
    )


@rules.predicate
def is_party_to_demand(user, solution) -> bool:
    """The demand's enterprise or its broker, whatever became of the solution since they heard of it."""
    if solution is None:
        return False
    demand = solution.demand
    if is_enterprise_user(user) and user.organisation_id is not None:
        return demand.organisation_id == user.organisation_id
    assignment = getattr(demand, "assignment", None)
    return bool(assignment is not None and is_broker(user) and assignment.broker_id == user.pk)


@rules.predicate
def is_handed_in(user, solution) -> bool:
    return bool(solution is not None and solution.status != SolutionStatus.DRAFT)


@rules.predicate
def is_editable(user, solution) -> bool:
    return bool(solution is not None and solution.status in EDITABLE)


@rules.predicate
def is_open_for_decision(user, solution) -> bool:
    return bool(
        solution is not None and solution.status in (SolutionStatus.SUBMITTED, SolutionStatus.SHORTLISTED)
    )


@rules.predicate
def is_assigned_judge(user, solution) -> bool:
    if solution is None or not is_judge(user):
        return False
    from innochallenge.judging.queries import judges_solution  # judging builds on solutions  # noqa: PLC0415 - judging builds on solutions

    return judges_solution(user, solution)


is_party = is_providers_member | is_demands_enterprise | is_demands_broker | is_organiser | is_assigned_judge

rules.add_perm("solutions.view_solution", is_party)
rules.add_perm("solutions.edit_solution", is_providers_member & is_editable)
rules.add_perm("solutions.withdraw_solution", is_providers_member & is_handed_in & is_editable)
rules.add_perm("solutions.decide_solution", (is_demands_enterprise | is_organiser) & is_open_for_decision)
rules.add_perm("solutions.discuss_solution", is_party & is_handed_in)
rules.add_perm("solutions.answer_demands", is_provider)
# An old link (a notice, an e-mail) to a solution since withdrawn, or from a provider awaiting verification,
# leads the demand's enterprise and broker to the demand instead of a 404.
rules.add_perm("solutions.follow_solution", is_party_to_demand & is_handed_in)
rules.add_perm("solutions.verify_providers", is_organiser)
# A provider's contact person is personal data: the organiser, brokers and the provider itself.
rules.add_perm("solutions.view_provider_contact", is_organiser | is_broker)

# The admin (organisers only). `view_solution` above already lets organisers in.
for model in ("providerprofile", "solution", "solutionversion", "attachment", "message", "termsacceptance"):
    for action in ("view", "add", "change", "delete"):
        if f"{action}_{model}" != "view_solution":
            rules.add_perm(f"solutions.{action}_{model}", is_organiser)
