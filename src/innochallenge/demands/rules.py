"""Who may do what with demands. Objects: a Demand, a District or a LeadingEnterprise."""

import rules

from innochallenge.accounts.rules import is_broker, is_enterprise_user, is_liaison, is_organiser
from innochallenge.core.steps import add_step
from innochallenge.demands.enums import EDITABLE, DemandStatus, demand_may_go


@rules.predicate
def is_liaison_of_demand(user, demand) -> bool:
    return bool(demand is not None and is_liaison(user) and demand.district_id == user.district_id)


@rules.predicate
def is_own_enterprise(user, demand) -> bool:
    return bool(
        demand is not None
        and is_enterprise_user(user)
        and user.organisation_id is not None
        and demand.organisation_id == user.organisation_id
    )


@rules.predicate
def is_handed_in(user, demand) -> bool:
    return bool(demand is not None and demand.status != DemandStatus.DRAFT)


@rules.predicate
def is_editable(user, demand) -> bool:
    return bool(demand is not None and demand.status in EDITABLE)


@rules.predicate
def is_withdrawable(user, demand) -> bool:
    return bool(demand is not None and demand_may_go(demand.status, DemandStatus.WITHDRAWN))


@rules.predicate
def is_filed_by(user, demand) -> bool:
    """The user typed in or imported this demand (a liaison filing a paper form for an enterprise)."""
    if demand is None or not user.is_authenticated:
        return False
    return user.pk in (demand.created_by_id, demand.imported_by_id)


@rules.predicate
def is_liaison_of_record(user, record) -> bool:
    """For objects with a district: a district itself, a leading-enterprise declaration."""
    district_id = getattr(record, "district_id", getattr(record, "pk", None))
    return bool(record is not None and is_liaison(user) and district_id == user.district_id)


@rules.predicate
def is_demands_broker(user, demand) -> bool:
    """The broker the demand is assigned to (they visit the enterprise and pass providers' contacts on)."""
    assignment = getattr(demand, "assignment", None) if demand is not None else None
    return bool(assignment is not None and is_broker(user) and assignment.broker_id == user.pk)


owns_or_runs = is_organiser | is_liaison_of_demand | is_own_enterprise
#: A draft is the enterprise's own until it is handed in: its district's liaison sees it only when the
#: liaison filed it; a handed-in demand is the district's business.
runs_it = is_organiser | is_own_enterprise | (is_liaison_of_demand & (is_handed_in | is_filed_by))
#: Withdrawing is the enterprise's decision (or the organiser's); a liaison withdraws only what it filed.
may_withdraw = is_organiser | is_own_enterprise | (is_liaison_of_demand & is_filed_by)

rules.add_perm("demands.file_demand", is_organiser | is_liaison | is_enterprise_user)
rules.add_perm("demands.read_demand", runs_it | (is_broker & is_handed_in))
add_step("demands.edit_demand", runs_it, is_editable)
add_step("demands.submit_demand", runs_it, is_editable)
add_step("demands.withdraw_demand", may_withdraw, is_withdrawable)
# Contact details are personal data: the enterprise itself, its district, its broker and the organiser.
rules.add_perm("demands.view_contacts", runs_it | is_demands_broker)
rules.add_perm("demands.list_demands", is_organiser | is_liaison | is_broker | is_enterprise_user)
rules.add_perm("demands.export_demands", is_organiser | is_liaison | is_broker)
rules.add_perm("demands.import_demands", is_organiser | is_liaison)
rules.add_perm("demands.view_quota", is_organiser | is_liaison)
rules.add_perm("demands.decide_leading", is_organiser | is_liaison_of_record)
rules.add_perm("demands.declare_leading", is_enterprise_user)
rules.add_perm("demands.extend_collection", is_organiser)
rules.add_perm("demands.print_poster", is_organiser | is_liaison)

# The admin (organisers only; object-level rules above are what pages and the API check).
for model in ("demand", "leadingenterprise", "windowextension"):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"demands.{action}_{model}", is_organiser)
