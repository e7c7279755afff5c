"""The post-contract subsidy (SPEC §5): an enterprise of the subsidy region whose demand was published
through the challenge and that signs a technology contract with a solution provider within the
campaign's dates gets `rate` of the R&D money it actually paid, at most `cap` per project:

    amount = min(rate × paid R&D, cap), in Decimal, rounded to the fen (0.01 CNY) half up.

Both the quote an enterprise asks for and every application go through `amount_for`, so the two never
disagree. Applications move apply → review → approve → paid (or rejected) through `set_state`; each
recomputation as payments arrive is kept with who and why (`Recalculation`) and in the audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from innochallenge.accounts.enums import OrganisationKind
from innochallenge.audit import services as audit
from innochallenge.contracts.enums import COMMITTED, SUBSIDY_TRANSITIONS, SubsidyState
from innochallenge.contracts.errors import ContractError
from innochallenge.contracts.models import Contract, Recalculation, SubsidyApplication

if TYPE_CHECKING:
    from innochallenge.accounts.models import User

FEN = Decimal("0.01")


def amount_for(campaign, paid_rd: Decimal) -> Decimal:
    """min(rate × paid R&D, cap), rounded to the fen half up."""
    paid_rd = Decimal(paid_rd)
    if paid_rd < 0:
        raise ContractError(_("The R&D paid cannot be negative."))
    share = (Decimal(campaign.subsidy_rate) * paid_rd).quantize(FEN, rounding=ROUND_HALF_UP)
    return min(share, Decimal(campaign.subsidy_cap_yuan).quantize(FEN))


@dataclass(frozen=True)
class Verdict:
    eligible: bool
    reason: str


def _region(campaign) -> str:
    return campaign.subsidy_region or ""


def district_verdict(campaign, district) -> Verdict | None:
    """None when the district's enterprises may get the subsidy, else why not."""
    if district is None or district.campaign_id != campaign.pk or not district.subsidised:
        return Verdict(
            False,
            _("Only enterprises of %(region)s districts of the challenge may get the subsidy.")
            % {"region": _region(campaign)},
        )
    return None


def contract_verdict(contract: Contract) -> Verdict:
    """Whether a contract is eligible, and the first reason why not."""
    campaign, demand = contract.campaign, contract.demand
    refused = district_verdict(campaign, demand.district)
    if refused:
        return refused
    publication = getattr(demand, "publication", None)
    if demand.campaign_id != campaign.pk or publication is None or publication.published_at is None:
        return Verdict(False, _("The demand was not published through the challenge."))
    if contract.provider.kind != OrganisationKind.PROVIDER:
        return Verdict(False, _("The contract is not with a solution provider of the challenge."))
    if not campaign.starts_on <= contract.signed_on <= campaign.ends_on:
        return Verdict(
            False,
            _("The contract was signed outside the challenge's dates (%(start)s to %(end)s).")
            % {"start": campaign.starts_on.isoformat(), "end": campaign.ends_on.isoformat()},
        )
    return Verdict(True, _("Eligible."))


@dataclass(frozen=True)
class Quote:
    eligible: bool
    reason: str
    amount: Decimal


def quote(campaign, *, paid_rd: Decimal, district: str) -> Quote:
    """What an enterprise of `district` (its name in either language, or its code) may get for
    `paid_rd` CNY of R&D paid, before any contract is registered."""
    name = (district or "").strip()
    found = campaign.districts.filter(Q(name=name) | Q(name_en__iexact=name) | Q(code=name)).first()
    refused = district_verdict(campaign, found)
    if refused:
        return Quote(False, refused.reason, Decimal("0.00"))
    amount = amount_for(campaign, paid_rd)
    capped = Decimal(campaign.subsidy_rate) * Decimal(paid_rd) > Decimal(campaign.subsidy_cap_yuan)
    conditions = _(
        "Eligible if the contract is signed with a solution provider, within the challenge's dates, for a "
        "demand published through the challenge."
    )
    reason = conditions
    if capped:
        cap = _("The cap of %(cap)s CNY applies.") % {"cap": campaign.subsidy_cap_yuan}
        reason = f"{conditions} {cap}"
    return Quote(True, reason, amount)


def paid_rd(contract: Contract) -> Decimal:
    return contract.payments.aggregate(total=Sum("amount_yuan"))["total"] or Decimal("0.00")


def _recompute(application: SubsidyApplication, *, by: User, why: str) -> SubsidyApplication:
    paid = paid_rd(application.contract)
    after = amount_for(application.contract.campaign, paid)
    before = application.amount_yuan if application.pk else None
    application.paid_rd_yuan, application.amount_yuan = paid, after
    application.save()
    if before != after or not application.recalculations.exists():
        Recalculation.objects.create(
            application=application,
            paid_rd_yuan=paid,
            before_yuan=before,
            after_yuan=after,
            why=why[:300],
            by=by,
        )
        audit.record(
            actor=by,
            action="subsidy.recalculated",
            obj=application,
            changes={"amount_yuan": [str(before) if before is not None else None, str(after)]},
            note=why,
        )
    return application


@transaction.atomic
def apply(contract: Contract, *, by: User) -> SubsidyApplication:
    """The enterprise (or the organiser for it) applies; refused with the reason when not eligible."""
    contract = (
        Contract.objects.select_for_update(of=("self",))
        .select_related("campaign", "demand__district")
        .get(pk=contract.pk)
    )
    verdict = contract_verdict(contract)
    if not verdict.eligible:
        raise ContractError(verdict.reason)
    if SubsidyApplication.objects.filter(contract=contract).exists():
        raise ContractError(_("This contract has a subsidy application already."), conflict=True)
    application = SubsidyApplication(contract=contract, applied_by=by)
    application.save()
    audit.record(
        actor=by, action="subsidy.applied", obj=application, changes={"state": [None, application.state]}
    )
    return _recompute(application, by=by, why=_("Application"))


@transaction.atomic
def recompute(application: SubsidyApplication, *, by: User, why: str) -> SubsidyApplication:
    """Compute the amount again from the payments recorded (a payment arrived or was corrected). A paid
    subsidy no longer changes."""
    application = (
        SubsidyApplication.objects.select_for_update(of=("self",))
        .select_related("contract__campaign")
        .get(pk=application.pk)
    )
    if application.state in (SubsidyState.PAID, SubsidyState.REJECTED):
        raise ContractError(_("A paid or rejected subsidy is not recomputed."), conflict=True)
    if not (why or "").strip():
        raise ContractError(_("Say why the subsidy is recomputed."))
    return _recompute(application, by=by, why=why.strip())


@transaction.atomic
def set_state(
    application: SubsidyApplication, new: str, *, by: User, reason: str = "", paid_on=None
) -> SubsidyApplication:
    application = SubsidyApplication.objects.select_for_update().get(pk=application.pk)
    if new not in SUBSIDY_TRANSITIONS[application.state]:
        raise ContractError(_("A subsidy in this state cannot go there."), conflict=True)
    reason = (reason or "").strip()
    if new == SubsidyState.REJECTED and not reason:
        raise ContractError(_("Say why the subsidy is refused."))
    if new == SubsidyState.APPROVED and application.amount_yuan <= 0:
        raise ContractError(_("No R&D payment is recorded yet: nothing to approve."), conflict=True)
    before, application.state = application.state, new
    application.reason = reason or application.reason
    if new in (SubsidyState.APPROVED, SubsidyState.REJECTED):
        application.decided_by, application.decided_at = by, timezone.now()
    if new == SubsidyState.PAID:
        application.paid_on = paid_on or timezone.localdate()
    application.save()
    audit.record(
        actor=by, action=f"subsidy.{new}", obj=application, changes={"state": [before, new]}, note=reason
    )
    return application


@dataclass(frozen=True)
class Budget:
    applied: Decimal  # asked for, not yet decided
    committed: Decimal  # approved or paid
    paid: Decimal


def budget(campaign) -> Budget:
    """The subsidy money of a campaign: committed = approved or paid; paid = paid out."""
    applications = SubsidyApplication.objects.filter(contract__campaign=campaign)

    def total(states) -> Decimal:
        return applications.filter(state__in=states).aggregate(t=Sum("amount_yuan"))["t"] or Decimal("0.00")

    return Budget(
        applied=total([SubsidyState.APPLIED, SubsidyState.UNDER_REVIEW]),
        committed=total(COMMITTED),
        paid=total([SubsidyState.PAID]),
    )
