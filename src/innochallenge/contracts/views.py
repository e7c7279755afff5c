"""Pages for technology contracts and subsidies: the contracts a user may see, registering one, its
payments with evidence, applying for the subsidy; the organiser's subsidy review and the .xlsx for the
finance bureau. Each view checks a rule and calls one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innochallenge.audit import services as audit
from innochallenge.campaigns.models import Campaign
from innochallenge.contracts import exporters, queries, services, subsidies
from innochallenge.contracts.enums import SUBSIDY_STEP, SUBSIDY_TRANSITIONS, SubsidyState
from innochallenge.contracts.errors import ContractError
from innochallenge.contracts.forms import ContractForm, EvidenceForm, PaymentForm, SubsidyStateForm
from innochallenge.contracts.models import Evidence, SubsidyApplication
from innochallenge.solutions.enums import COUNTED
from innochallenge.solutions.models import Solution


def _contract(request, contract_id: int, perm: str = "contracts.view_contract"):
    contract = get_object_or_404(queries.contracts_visible_to(request.user), pk=contract_id)
    if not request.user.has_perm(perm, contract):
        raise PermissionDenied
    return contract


@login_required
def contract_list(request):
    if not request.user.has_perm("contracts.list_contracts"):
        raise PermissionDenied
    contracts = queries.contracts_visible_to(request.user).prefetch_related("payments")
    return render(
        request,
        "contracts/contracts.html",
        {
            "contracts": contracts,
            "can_register": queries.demands_for_contracts(request.user).exists(),
            "can_review": request.user.has_perm("contracts.review_subsidies"),
        },
    )


@login_required
def new_contract(request):
    demands = queries.demands_for_contracts(request.user)
    if not demands.exists():
        raise PermissionDenied
    solutions = Solution.objects.filter(demand__in=demands, status__in=COUNTED).select_related("provider")
    form = ContractForm(
        request.POST or None, demands=demands, solutions=solutions, initial=request.GET.dict()
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contract = services.register_contract(
                data["demand"].campaign,
                demand=data["demand"],
                solution=data["solution"],
                number=data["number"],
                registration_number=data["registration_number"],
                amount_yuan=data["amount_yuan"],
                signed_on=data["signed_on"],
                meeting=data["meeting"],
                by=request.user,
            )
        except ContractError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The contract is registered."))
            return redirect("contracts:contract", contract_id=contract.pk)
    return render(request, "contracts/contract_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def contract_detail(request, contract_id: int):
    contract = _contract(request, contract_id)
    application = SubsidyApplication.objects.filter(contract=contract).first()
    can_change = request.user.has_perm("contracts.change_contract", contract)
    return render(
        request,
        "contracts/contract.html",
        {
            "contract": contract,
            "payments": contract.payments.prefetch_related("evidence"),
            "paid": subsidies.paid_rd(contract),
            "verdict": subsidies.contract_verdict(contract),
            "application": application,
            "recalculations": application.recalculations.select_related("by") if application else [],
            "can_change": can_change,
            "can_apply": application is None and request.user.has_perm("contracts.apply_subsidy", contract),
            "payment_form": PaymentForm() if can_change else None,
            "evidence_form": EvidenceForm() if can_change else None,
        },
    )


@login_required
@require_POST
def add_payment(request, contract_id: int):
    contract = _contract(request, contract_id, "contracts.change_contract")
    form = PaymentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the amount paid and the date."))
    else:
        try:
            services.add_payment(contract, by=request.user, **form.cleaned_data)
        except ContractError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The payment is recorded."))
    return redirect("contracts:contract", contract_id=contract.pk)


@login_required
@require_POST
def add_evidence(request, contract_id: int, payment_id: int):
    contract = _contract(request, contract_id, "contracts.change_contract")
    payment = get_object_or_404(contract.payments, pk=payment_id)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose what the file is and the file."))
    else:
        try:
            services.add_evidence(
                payment, form.cleaned_data["file"], kind=form.cleaned_data["kind"], by=request.user
            )
        except ContractError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The file is kept with the payment."))
    return redirect("contracts:contract", contract_id=contract.pk)


@login_required
def evidence_file(request, contract_id: int, evidence_id: int):
    contract = _contract(request, contract_id)
    evidence = get_object_or_404(Evidence, pk=evidence_id, payment__contract=contract)
    audit.record(
        actor=request.user, action="contract.evidence_read", obj=contract, changes={}, note=evidence.name
    )
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.name,
        content_type=evidence.content_type,
    )


@login_required
@require_POST
def apply_subsidy(request, contract_id: int):
    contract = _contract(request, contract_id, "contracts.apply_subsidy")
    try:
        subsidies.apply(contract, by=request.user)
    except ContractError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The subsidy application is made."))
    return redirect("contracts:contract", contract_id=contract.pk)


def _reviewer(request):
    if not request.user.has_perm("contracts.review_subsidies"):
        raise PermissionDenied
    campaign = Campaign.objects.current(timezone.localdate())
    if campaign is None:
        raise PermissionDenied
    return campaign


@login_required
def subsidy_list(request):
    campaign = _reviewer(request)
    applications = (
        SubsidyApplication.objects.filter(contract__campaign=campaign)
        .select_related("contract__enterprise", "contract__demand__district", "contract__provider")
        .order_by("state", "-applied_at")
    )
    return render(
        request,
        "contracts/subsidies.html",
        {
            "campaign": campaign,
            "rows": [
                (a, [(s, SUBSIDY_STEP[s]) for s in sorted(SUBSIDY_TRANSITIONS[a.state])])
                for a in applications
            ],
            "budget": subsidies.budget(campaign),
            "form": SubsidyStateForm(),
        },
    )


@login_required
@require_POST
def subsidy_state(request, application_id: int):
    campaign = _reviewer(request)
    application = get_object_or_404(SubsidyApplication, pk=application_id, contract__campaign=campaign)
    new = request.POST.get("state", "")
    form = SubsidyStateForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        if new == "recompute":
            subsidies.recompute(application, by=request.user, why=reason)
        else:
            subsidies.set_state(application, new, by=request.user, reason=reason)
    except ContractError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The subsidy application is updated."))
    return redirect("contracts:subsidies")


@login_required
def approved_subsidies_xlsx(request):
    campaign = _reviewer(request)
    applications = SubsidyApplication.objects.filter(
        contract__campaign=campaign, state__in=[SubsidyState.APPROVED, SubsidyState.PAID]
    )
    response = HttpResponse(
        exporters.approved_subsidies(applications),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="subsidies-{campaign.slug}.xlsx"'
    return response
