"""Technology contracts and their R&D payments: one function per step, transactional and audited. A
contract is credited to the broker and service team of its demand, and linked to the matchmaking meeting
the two sides had (found when not given). A payment recomputes an open subsidy application at once.
Subsidies themselves are in `awards.subsidies`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from innochallenge.audit import services as audit
from innochallenge.contracts import subsidies
from innochallenge.contracts.enums import EvidenceKind, SubsidyState
from innochallenge.contracts.errors import ContractError
from innochallenge.contracts.models import Contract, Evidence, Payment, SubsidyApplication
from innochallenge.contracts.validators import MAX_YUAN, validate_meeting_not_after_signing
from innochallenge.events.enums import MeetingState
from innochallenge.events.models import Meeting
from innochallenge.solutions.enums import COUNTED
from innochallenge.solutions.files import UploadError, check_upload
from innochallenge.solutions.models import Solution

if TYPE_CHECKING:
    from innochallenge.accounts.models import User


def _money(value, field: str) -> Decimal:
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        raise ContractError(_("%(field)s: enter an amount in CNY.") % {"field": field}) from None
    if (
        not amount.is_finite()
        or amount < 0
        or amount > MAX_YUAN
        or amount != amount.quantize(Decimal("0.01"))
    ):
        raise ContractError(
            _("%(field)s: a positive amount up to 999,999,999,999.99 with at most two decimals.")
            % {"field": field}
        )
    return amount


def _between(enterprise, provider) -> Q:
    return Q(request__sender__organisation=enterprise, request__recipient__organisation=provider) | Q(
        request__sender__organisation=provider, request__recipient__organisation=enterprise
    )


def meeting_between(campaign, enterprise, provider, *, signed_on: dt.date) -> Meeting | None:
    """The latest held (or scheduled) meeting of the two organisations at an event of the campaign on or
    before the signing day: a contract cannot come from a meeting the two sides had not had yet."""
    meetings = Meeting.objects.filter(
        _between(enterprise, provider), event__campaign=campaign, event__date__lte=signed_on
    ).order_by("-event__date", "-pk")
    return (
        meetings.filter(state=MeetingState.HELD).first()
        or meetings.filter(state=MeetingState.SCHEDULED).first()
    )


@transaction.atomic
def register_contract(
    campaign,
    *,
    demand,
    number: str,
    amount_yuan,
    signed_on: dt.date,
    solution=None,
    provider=None,
    registration_number: str = "",
    meeting=None,
    by: User,
) -> Contract:
    """Record a signed technology contract between the demand's enterprise and a provider (the solution's,
    when a solution is named). `meeting`, when given, must be one of the two sides' at an event of the
    campaign held on or before the signing date; else the latest such meeting is linked."""
    number = (number or "").strip()
    if not number:
        raise ContractError(_("Enter the contract number."))
    if demand.campaign_id != campaign.pk or demand.organisation_id is None:
        raise ContractError(_("The demand is not one of this challenge's."))
    if solution is not None:
        if solution.demand_id != demand.pk:
            raise ContractError(_("This solution answers another demand."))
        if not Solution.objects.filter(pk=solution.pk, status__in=COUNTED).exists():  # as stored now
            raise ContractError(_("This solution was never handed in to the demand."))
        provider = provider or solution.provider
        if provider.pk != solution.provider_id:
            raise ContractError(_("The provider is not the solution's."))
    if provider is None:
        raise ContractError(_("Name the solution provider the contract is signed with."))
    if not isinstance(signed_on, dt.date):
        raise ContractError(_("Enter the signing date."))
    amount = _money(amount_yuan, _("Contract amount"))
    assignment = getattr(demand, "assignment", None)
    broker = assignment.broker if assignment is not None else None
    if meeting is None:
        meeting = meeting_between(campaign, demand.organisation, provider, signed_on=signed_on)
    else:
        mine = Meeting.objects.filter(_between(demand.organisation, provider), event__campaign=campaign)
        if not mine.filter(pk=meeting.pk).exists():
            raise ContractError(_("The meeting is not one between the enterprise and the provider."))
        try:
            validate_meeting_not_after_signing(meeting, signed_on)
        except ValidationError as exc:
            raise ContractError(exc.messages[0]) from None
    try:
        with transaction.atomic():
            contract = Contract.objects.create(
                campaign=campaign,
                demand=demand,
                solution=solution,
                enterprise=demand.organisation,
                provider=provider,
                meeting=meeting,
                number=number,
                registration_number=(registration_number or "").strip(),
                amount_yuan=amount,
                signed_on=signed_on,
                broker=broker,
                service_team=broker.organisation if broker is not None else None,
                created_by=by,
            )
    except IntegrityError:
        raise ContractError(_("A contract with this number is registered already."), conflict=True) from None
    audit.record(
        actor=by,
        action="contract.registered",
        obj=contract,
        changes={"amount_yuan": [None, str(amount)], "meeting": [None, meeting.pk if meeting else None]},
    )
    return contract


@transaction.atomic
def add_payment(contract: Contract, *, amount_yuan, paid_on: dt.date, note: str = "", by: User) -> Payment:
    """Record R&D money paid under the contract; an open subsidy application is recomputed with it."""
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    amount = _money(amount_yuan, _("Amount paid"))
    if amount == 0:
        raise ContractError(_("Amount paid: a positive amount with at most two decimals."))
    if not isinstance(paid_on, dt.date) or paid_on < contract.signed_on:
        raise ContractError(_("A payment is made on or after the signing date."))
    payment = Payment.objects.create(
        contract=contract,
        amount_yuan=amount,
        paid_on=paid_on,
        note=(note or "").strip()[:300],
        recorded_by=by,
    )
    audit.record(actor=by, action="contract.payment", obj=contract, changes={"paid": [None, str(amount)]})
    application = SubsidyApplication.objects.filter(contract=contract).first()
    if application is not None and application.state not in (SubsidyState.PAID, SubsidyState.REJECTED):
        subsidies.recompute(
            application,
            by=by,
            why=_("R&D payment of %(amount)s CNY on %(date)s")
            % {"amount": amount, "date": paid_on.isoformat()},
        )
    return payment


@transaction.atomic
def add_evidence(payment: Payment, upload, *, kind: str, by: User) -> Evidence:
    """Keep an invoice or bank voucher behind a payment; checked by content, nothing half-saved."""
    if kind not in EvidenceKind.values:
        raise ContractError(_("Choose what the file is: invoice, bank voucher or other."))
    campaign = payment.contract.campaign
    try:
        checked = check_upload(upload, campaign.attachment_max_mb * 1024 * 1024)
    except UploadError as exc:
        raise ContractError(str(exc)) from None
    name = (upload.name or "file").replace("\\", "/").rsplit("/", 1)[-1][:200]
    evidence = Evidence(
        payment=payment,
        kind=kind,
        name=name,
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=by,
    )
    evidence.file.save(checked.kind, upload, save=False)
    try:
        evidence.save()
        audit.record(
            actor=by, action="contract.evidence", obj=payment.contract, changes={"file": [None, name]}
        )
    except Exception:
        evidence.file.delete(save=False)
        raise
    return evidence
