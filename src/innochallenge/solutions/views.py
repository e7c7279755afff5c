"""Solution pages: the provider's profile and solutions, the enterprise's review, the organiser's
verification. Every page asks the rules; a solution the user may not see is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innochallenge.accounts.enums import Role
from innochallenge.core.forms import posted_text
from innochallenge.demands.models import Demand
from innochallenge.publication.public import CHINESE, public_demands, public_view
from innochallenge.solutions import services
from innochallenge.solutions.enums import ProviderStatus, SolutionStatus
from innochallenge.solutions.files import link_for
from innochallenge.solutions.forms import (
    AttachmentForm,
    DecisionForm,
    MessageForm,
    ProviderForm,
    SolutionForm,
)
from innochallenge.solutions.models import ProviderProfile, Solution
from innochallenge.solutions.queries import solution_count, solution_counts, visible_solutions
from innochallenge.solutions.rules import provider_is_verified


def _provider(request):
    if not request.user.has_perm("solutions.answer_demands") or request.user.organisation is None:
        raise PermissionDenied
    return request.user.organisation


def _errors_into(form, exc) -> None:
    for field, errors in exc.errors.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


@login_required
def profile(request):
    organisation = _provider(request)
    current = ProviderProfile.objects.filter(organisation=organisation).first()
    initial = {"name": organisation.name, "name_en": organisation.name_en}
    form = ProviderForm(request.POST or None, instance=current, initial=initial)
    if request.method == "POST":
        try:
            services.save_profile(organisation, request.POST, by=request.user)
        except services.SolutionError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("solutions:profile")
    return render(request, "solutions/profile.html", {"form": form, "profile": current})


@login_required
def solution_list(request):
    solutions = visible_solutions(request.user).order_by("demand__number", "-submitted_at", "pk")
    demand = None
    if request.GET.get("demand"):
        demand = get_object_or_404(Demand, pk=request.GET["demand"])
        solutions = solutions.filter(demand=demand)
    if request.user.role not in (Role.ORGANISER, Role.PROVIDER, Role.ENTERPRISE, Role.BROKER):
        raise PermissionDenied
    solutions = list(solutions[:500])
    counts = solution_counts({s.demand_id for s in solutions}, request.user)
    rows = [(s, counts.get(s.demand_id, 0)) for s in solutions]
    return render(request, "solutions/list.html", {"rows": rows, "demand": demand})


def _answerable_demand(demand_id: int) -> Demand:
    return get_object_or_404(public_demands().filter(status="published"), pk=demand_id)


def _brief(demand, user) -> dict:
    """What a solution page shows of its demand: as filed for those who run it (the enterprise, its
    district, its broker, the organiser); for a provider, the public view — the hidden name blotted, a
    confidential description only once his organisation accepted the terms."""
    if user.has_perm("demands.read_demand", demand):
        return {"title": demand.title, "description": demand.description}
    opened = not services.terms_pending(demand, user.organisation_id)
    view = public_view(demand, translation.get_language() or CHINESE, details_open=opened)
    return {"title": view["title"], "description": view["description"]}


@login_required
def new(request, demand_id: int):
    organisation = _provider(request)
    demand = _answerable_demand(demand_id)
    if services.terms_pending(demand, organisation.pk):
        return redirect("solutions:terms", demand_id=demand.pk)
    form = SolutionForm(request.POST or None, campaign=demand.campaign)
    if request.method == "POST":
        try:
            solution = services.create_solution(demand, organisation, request.POST, by=request.user)
        except services.SolutionError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("Draft saved. Add your files, then submit."))
            return redirect("solutions:detail", solution_id=solution.pk)
    return render(
        request,
        "solutions/form.html",
        {"form": form, "demand": demand, "brief": _brief(demand, request.user), "solution": None},
    )


@login_required
def terms(request, demand_id: int):
    organisation = _provider(request)
    demand = _answerable_demand(demand_id)
    if request.method == "POST":
        if request.POST.get("accept") != "yes":
            messages.error(request, _("Tick the box to accept the terms."))
        else:
            services.accept_terms(demand.campaign, organisation, by=request.user)
            messages.success(
                request, _("The confidentiality terms are accepted; the details are open to you.")
            )
            return redirect("solutions:new", demand_id=demand.pk)
    return render(request, "solutions/terms.html", {"demand": demand, "campaign": demand.campaign})


def _solution(request, solution_id: int) -> Solution:
    solution = get_object_or_404(visible_solutions(request.user), pk=solution_id)
    if not request.user.has_perm("solutions.view_solution", solution):
        raise PermissionDenied
    return solution


def _gone(request, solution_id: int):
    """The demand's enterprise or broker following an old link to a solution it may no longer open is
    led to the demand and told why; anyone else gets the 404."""
    solution = (
        Solution.objects.select_related("demand__assignment", "provider__provider_profile")
        .filter(pk=solution_id)
        .first()
    )
    if solution is None or not request.user.has_perm("solutions.follow_solution", solution):
        raise Http404
    if solution.status == SolutionStatus.WITHDRAWN:
        messages.info(request, _("This solution was withdrawn by its provider."))
    else:
        messages.info(
            request, _("This solution is shown to you once the organiser has verified its provider.")
        )
    return redirect("demands:detail", demand_id=solution.demand_id)


@login_required
def detail(request, solution_id: int):
    if not visible_solutions(request.user).filter(pk=solution_id).exists():
        return _gone(request, solution_id)
    solution = _solution(request, solution_id)
    user = request.user
    attachments = [(a, link_for(a, user)) for a in solution.attachments.all()]
    return render(
        request,
        "solutions/detail.html",
        {
            "solution": solution,
            "demand": solution.demand,
            "brief": _brief(solution.demand, user),
            "count": solution_count(solution.demand, user),
            "attachments": attachments,
            "versions": solution.versions.all(),
            "thread": solution.messages.select_related("author"),
            "can_edit": user.has_perm("solutions.edit_solution", solution),
            "can_withdraw": user.has_perm("solutions.withdraw_solution", solution),
            "can_decide": user.has_perm("solutions.decide_solution", solution),
            "can_discuss": user.has_perm("solutions.discuss_solution", solution),
            "show_provider_contact": user.has_perm("solutions.view_provider_contact"),
            "profile": getattr(solution.provider, "provider_profile", None),
            "attachment_form": AttachmentForm(),
            "decision_form": DecisionForm(),
            "message_form": MessageForm(),
        },
    )


@login_required
def edit(request, solution_id: int):
    solution = _solution(request, solution_id)
    if not request.user.has_perm("solutions.edit_solution", solution):
        raise PermissionDenied
    demand = solution.demand
    if services.terms_pending(demand, solution.provider_id):  # made confidential after the draft
        return redirect("solutions:terms", demand_id=demand.pk)
    form = SolutionForm(request.POST or None, instance=solution, campaign=solution.demand.campaign)
    if request.method == "POST":
        try:
            services.update_solution(solution, request.POST, by=request.user)
        except services.SolutionError as exc:
            form = SolutionForm(request.POST, campaign=solution.demand.campaign)
            _errors_into(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("solutions:detail", solution_id=solution.pk)
    return render(
        request,
        "solutions/form.html",
        {"form": form, "demand": demand, "brief": _brief(demand, request.user), "solution": solution},
    )


def _act(request, solution_id: int, perm: str, action) -> Solution:
    solution = _solution(request, solution_id)
    if not request.user.has_perm(perm, solution):
        raise PermissionDenied
    try:
        action(solution)
    except services.SolutionError as exc:
        for errors in exc.errors.values() or [[exc.message]]:
            for error in errors:
                messages.error(request, error)
    return solution


@login_required
@require_POST
def submit(request, solution_id: int):
    def act(solution):
        solution = services.submit_solution(solution, by=request.user)
        if provider_is_verified(solution):
            messages.success(request, _("Submitted. The enterprise has been told."))
        else:
            messages.success(
                request, _("Submitted. The enterprise will be told once your organisation is verified.")
            )

    _act(request, solution_id, "solutions.edit_solution", act)
    return redirect("solutions:detail", solution_id=solution_id)


@login_required
@require_POST
def withdraw(request, solution_id: int):
    reason = posted_text(request, "reason", label=_("Reason"))
    if reason is None:
        return redirect("solutions:detail", solution_id=solution_id)
    _act(
        request,
        solution_id,
        "solutions.withdraw_solution",
        lambda s: services.withdraw_solution(s, by=request.user, reason=reason),
    )
    return redirect("solutions:detail", solution_id=solution_id)


@login_required
@require_POST
def decide(request, solution_id: int):
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to shortlist or decline."))
        return redirect("solutions:detail", solution_id=solution_id)
    data = form.cleaned_data

    def act(solution):
        services.decide(
            solution,
            shortlist=data["decision"] == "shortlist",
            reason=data["reason"],
            message=data["message"],
            by=request.user,
        )
        messages.success(request, _("Your decision is sent to the provider."))

    _act(request, solution_id, "solutions.decide_solution", act)
    return redirect("solutions:detail", solution_id=solution_id)


@login_required
@require_POST
def attach(request, solution_id: int):
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file."))
        return redirect("solutions:detail", solution_id=solution_id)

    def act(solution):
        services.add_attachment(solution, form.cleaned_data["file"], by=request.user)
        messages.success(request, _("File added."))

    _act(request, solution_id, "solutions.edit_solution", act)
    return redirect("solutions:detail", solution_id=solution_id)


@login_required
@require_POST
def detach(request, solution_id: int, attachment_id: int):
    def act(solution):
        services.remove_attachment(get_object_or_404(solution.attachments, pk=attachment_id), by=request.user)

    _act(request, solution_id, "solutions.edit_solution", act)
    return redirect("solutions:detail", solution_id=solution_id)


@login_required
@require_POST
def discuss(request, solution_id: int):
    body = posted_text(request, "body", label=_("Message"))
    if body is None:
        return redirect(f"/solutions/{solution_id}/#thread")
    _act(
        request,
        solution_id,
        "solutions.discuss_solution",
        lambda s: services.post_message(s, body, by=request.user),
    )
    return redirect(f"/solutions/{solution_id}/#thread")


@login_required
def providers(request):
    if not request.user.has_perm("solutions.verify_providers"):
        raise PermissionDenied
    status = request.GET.get("status", ProviderStatus.PENDING)
    profiles = ProviderProfile.objects.select_related("organisation").order_by("-updated_at")
    if status in ProviderStatus.values:
        profiles = profiles.filter(status=status)
    return render(
        request,
        "solutions/providers.html",
        {"profiles": profiles, "status": status, "statuses": ProviderStatus.choices},
    )


@login_required
@require_POST
def review(request, profile_id: int):
    if not request.user.has_perm("solutions.verify_providers"):
        raise PermissionDenied
    profile = get_object_or_404(ProviderProfile, pk=profile_id)
    note = posted_text(request, "note", label=_("Note"))
    if note is None:
        return redirect("solutions:providers")
    profile = services.review_provider(
        profile,
        verified=request.POST.get("verified") == "yes",
        note=note,
        by=request.user,
    )
    messages.success(
        request,
        _("%(name)s: %(status)s.") % {"name": profile.organisation, "status": profile.get_status_display()},
    )
    return redirect("solutions:providers")
