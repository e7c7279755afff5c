"""Contracts and subsidies over HTTP: the subsidy quote anyone may ask for, registering a contract and its
R&D payments, and applying for the subsidy. Money is sent and answered as decimal strings in CNY."""

import datetime as dt
from decimal import Decimal

from django.db.models import DecimalField, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from innochallenge.accounts.api import ErrorOut, bearer
from innochallenge.api_types import RowId
from innochallenge.campaigns.models import Campaign
from innochallenge.contracts import queries, services, subsidies
from innochallenge.contracts.models import Contract
from innochallenge.contracts.validators import MAX_YUAN
from innochallenge.core.schemas import InputSchema
from innochallenge.demands.models import Demand
from innochallenge.solutions.enums import COUNTED
from innochallenge.solutions.models import Solution

quote_router = Router(tags=["subsidies"])
contracts_router = Router(tags=["contracts"], auth=bearer)


class QuoteIn(InputSchema):
    paid_rd: Decimal = Field(ge=0, le=MAX_YUAN, description="R&D money actually paid, CNY")
    district: str = Field(description="The enterprise's district: its Chinese or English name, or its code")


class QuoteOut(Schema):
    eligible: bool
    reason: str
    amount: str = Field(description="CNY, two decimals")


@quote_router.get("/{slug}/subsidy-quote", response={200: QuoteOut, 404: ErrorOut, 422: ErrorOut}, auth=None)
def subsidy_quote(request, slug: str, params: Query[QuoteIn]):
    """What an enterprise may get: min(rate × paid R&D, cap), rounded to the fen, if its district is in
    the subsidy region."""
    campaign = get_object_or_404(Campaign, slug=slug)
    answer = subsidies.quote(campaign, paid_rd=params.paid_rd, district=params.district)
    return {"eligible": answer.eligible, "reason": answer.reason, "amount": f"{answer.amount:.2f}"}


class ContractIn(InputSchema):
    demand: int
    solution: int | None = None
    number: str
    registration_number: str = ""
    amount_yuan: Decimal
    signed_on: dt.date


class PaymentIn(InputSchema):
    MULTILINE = frozenset({"note"})

    amount_yuan: Decimal
    paid_on: dt.date
    note: str = ""


class ContractSubsidyOut(Schema):
    id: int
    state: str
    paid_rd_yuan: str
    amount_yuan: str


class ContractOut(Schema):
    id: int
    campaign: str
    demand: int
    solution: int | None
    enterprise: str
    provider: str
    meeting: int | None = Field(description="The matchmaking meeting the contract came from, when known")
    number: str
    registration_number: str
    amount_yuan: str
    signed_on: dt.date
    paid_rd_yuan: str
    eligible: bool
    reason: str
    subsidy: ContractSubsidyOut | None


def contract_out(contract: Contract) -> dict:
    """`paid_rd` is `subsidies.paid_rd`, or the same sum annotated by `list_contracts` for many at once."""
    verdict = subsidies.contract_verdict(contract)
    paid = getattr(contract, "paid_rd", None)
    if paid is None:
        paid = subsidies.paid_rd(contract)
    application = getattr(contract, "subsidy", None)
    return {
        "id": contract.pk,
        "campaign": contract.campaign.slug,
        "demand": contract.demand_id,
        "solution": contract.solution_id,
        "enterprise": contract.enterprise.name,
        "provider": contract.provider.name,
        "meeting": contract.meeting_id,
        "number": contract.number,
        "registration_number": contract.registration_number,
        "amount_yuan": f"{contract.amount_yuan:.2f}",
        "signed_on": contract.signed_on,
        "paid_rd_yuan": f"{paid:.2f}",
        "eligible": verdict.eligible,
        "reason": verdict.reason,
        "subsidy": None
        if application is None
        else {
            "id": application.pk,
            "state": application.state,
            "paid_rd_yuan": f"{application.paid_rd_yuan:.2f}",
            "amount_yuan": f"{application.amount_yuan:.2f}",
        },
    }


def _contract(request, contract_id: RowId, perm: str) -> Contract:
    contract = get_object_or_404(queries.contracts_visible_to(request.auth), pk=contract_id)
    if not request.auth.has_perm(perm, contract):
        raise HttpError(403, _("You may not do this with this contract."))
    return contract


@contracts_router.get("", response=list[ContractOut])
def list_contracts(request):
    """The contracts the caller may see: the organiser all, a broker those credited to him, an
    enterprise or a provider its own."""
    contracts = queries.contracts_visible_to(request.auth).annotate(
        paid_rd=Coalesce(Sum("payments__amount_yuan"), Decimal("0.00"), output_field=DecimalField())
    )
    return [contract_out(c) for c in contracts]


@contracts_router.post(
    "", response={201: ContractOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
)
def register_contract(request, payload: ContractIn):
    """Register a signed technology contract for a demand (its enterprise, its broker or the organiser)."""
    demand = get_object_or_404(Demand.objects.select_related("campaign", "organisation"), pk=payload.demand)
    if not request.auth.has_perm("contracts.register_contract", demand):
        raise HttpError(403, _("You may not register contracts for this demand."))
    # Only a solution handed in to this demand: any other id (another demand's, a draft, none at all) is
    # the same 404, so the answer tells nothing of solutions the caller cannot see.
    answers = Solution.objects.filter(demand=demand, status__in=COUNTED)
    solution = get_object_or_404(answers, pk=payload.solution) if payload.solution else None
    contract = services.register_contract(
        demand.campaign,
        demand=demand,
        solution=solution,
        number=payload.number,
        registration_number=payload.registration_number,
        amount_yuan=payload.amount_yuan,
        signed_on=payload.signed_on,
        by=request.auth,
    )
    return Status(201, contract_out(contract))


@contracts_router.post(
    "/{contract_id}/payments",
    response={201: ContractOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
)
def add_payment(request, contract_id: RowId, payload: PaymentIn):
    """Record R&D money paid under the contract; an open subsidy application is recomputed."""
    contract = _contract(request, contract_id, "contracts.change_contract")
    services.add_payment(
        contract,
        amount_yuan=payload.amount_yuan,
        paid_on=payload.paid_on,
        note=payload.note,
        by=request.auth,
    )
    return Status(201, contract_out(Contract.objects.get(pk=contract.pk)))


@contracts_router.post(
    "/{contract_id}/subsidy",
    response={201: ContractOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
)
def apply_for_subsidy(request, contract_id: RowId):
    """Apply for the post-contract subsidy; 422 with the reason when the contract is not eligible, 409 when
    it has an application already."""
    contract = _contract(request, contract_id, "contracts.apply_subsidy")
    subsidies.apply(contract, by=request.auth)
    return Status(201, contract_out(Contract.objects.get(pk=contract.pk)))
