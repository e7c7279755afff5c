"""Judging pages for the organiser and the judges (SPEC §4.6–4.7): the sessions, a judge's declaration,
a session with its panel and conflicts, and the scoring page built for a tablet. Views check the rules and
call one service; a conflicted judge gets 403 on an entry, and a judge only ever sees his own scores.
Results, the board and paper sheets are in `views_results`."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innochallenge.campaigns.models import Campaign
from innochallenge.judging import queries, services
from innochallenge.judging.config import criteria, rules_of
from innochallenge.judging.enums import ConflictKind, EntryState, RoundState, Stage
from innochallenge.judging.errors import JudgingError
from innochallenge.judging.forms import DeclareForm, InviteForm, NewRoundForm
from innochallenge.judging.models import Conflict, Entry, JudgeProfile, Round


def _round(round_id: int) -> Round:
    return get_object_or_404(Round.objects.select_related("campaign"), pk=round_id)


def _entry(round_id: int, entry_id: int) -> Entry:
    return get_object_or_404(
        Entry.objects.select_related(
            "round__campaign",
            "demand__campaign",
            "demand__organisation",
            "demand__publication",
            "demand__district",
            "demand__industry_field",
            "solution__provider",
        ),
        round_id=round_id,
        pk=entry_id,
    )


def _managed(request, round_id: int) -> Round:
    round = _round(round_id)
    if not request.user.has_perm("judging.manage_rounds"):
        raise PermissionDenied
    return round


def _is_anonymous(round: Round) -> bool:
    """Experts pre-screen without the providers' names only in the special competition."""
    return round.stage == Stage.SPECIAL and rules_of(round.campaign).anonymous_prescreen


def _refused(request, exc: JudgingError) -> None:
    messages.error(request, exc.message)


def _plain(value) -> str:
    """A score as a number input shows it: 7.5, not 7.50."""
    return "" if value is None else format(value.normalize(), "f")


# --- sessions -----------------------------------------------------------------------------------------------


@login_required
def round_list(request):
    user = request.user
    if user.has_perm("judging.manage_rounds"):
        campaign = Campaign.objects.current(timezone.localdate())
        rounds = (
            Round.objects.filter(campaign=campaign).annotate(entry_count=Count("entries"))
            if campaign
            else Round.objects.none()
        )
        return render(
            request,
            "judging/list.html",
            {"rounds": rounds, "campaign": campaign, "can_manage": True, "form": NewRoundForm()},
        )
    if not user.has_perm("judging.declare_interests"):
        raise PermissionDenied
    rounds = Round.objects.filter(panelists__judge=user).annotate(entry_count=Count("entries"))
    return render(
        request,
        "judging/list.html",
        {
            "rounds": rounds,
            "can_manage": False,
            "profile": JudgeProfile.objects.filter(user=user).first(),
        },
    )


@login_required
@require_POST
def new_round(request):
    if not request.user.has_perm("judging.manage_rounds"):
        raise PermissionDenied
    campaign = Campaign.objects.current(timezone.localdate())
    if campaign is None:
        raise PermissionDenied
    form = NewRoundForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the stage and give the session a name."))
        return redirect("judging:list")
    try:
        round = services.create_round(campaign, by=request.user, **form.cleaned_data)
    except JudgingError as exc:
        _refused(request, exc)
        return redirect("judging:list")
    messages.success(request, _("The session is created; invite the judges, then open it for scoring."))
    return redirect("judging:round", round_id=round.pk)


@login_required
def declare(request):
    user = request.user
    if not user.has_perm("judging.declare_interests"):
        raise PermissionDenied
    profile = JudgeProfile.objects.filter(user=user).first()
    initial = (
        {
            "kind": profile.kind,
            "affiliation": profile.affiliation,
            "past_employers": profile.past_employers,
            "relations": profile.relations,
        }
        if profile
        else {}
    )
    form = DeclareForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            # The enterprise a demand-side judge speaks for is set by the organiser; it stays.
            services.declare(
                user, organisation=profile.organisation if profile else None, by=user, **form.cleaned_data
            )
        except JudgingError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Your declaration is saved; your conflicts of interest have been checked again.")
            )
            return redirect("judging:list")
    return render(request, "judging/declare.html", {"form": form, "profile": profile})


@dataclass
class Cell:
    """What the organiser sees for one judge and one entry."""

    may_judge: bool
    labels: list[str] = field(default_factory=list)
    by_design: bool = False


@dataclass
class GridRow:
    entry: Entry
    cells: list[Cell]
    short: int | None  # the number of judges free of conflicts when below the campaign's minimum


def _panel_grid(round: Round, entries: list[Entry], judges: list) -> list[GridRow]:
    """Entries × judges: who may judge what (from `queries.eligible_judges`, where the rule is) and the
    conflicts behind each refusal, the demand side's seat shown openly; an entry with fewer eligible
    judges than the campaign's minimum is short (the test `services.short_of_judges` applies)."""
    found: dict[tuple[int, int], list[Conflict]] = {}
    for conflict in Conflict.objects.filter(entry__round=round):
        found.setdefault((conflict.entry_id, conflict.judge_id), []).append(conflict)
    allowed = queries.eligibility(round, entries)
    minimum = rules_of(round.campaign).min_judges
    rows = []
    for entry in entries:
        eligible = {judge.pk for judge in allowed[entry.pk]}
        short = len(eligible) if len(eligible) < minimum else None
        cells = []
        for judge in judges:
            conflicts = found.get((entry.pk, judge.pk), [])
            labels = [
                f"{c.get_kind_display()}（{c.detail}）" if c.detail else str(c.get_kind_display())
                for c in conflicts
                if c.kind != ConflictKind.DEMAND_SIDE
            ]
            if judge.pk not in eligible and not labels:
                labels = [_("Demand side of another enterprise")]
            by_design = any(c.kind == ConflictKind.DEMAND_SIDE for c in conflicts)
            cells.append(Cell(judge.pk in eligible, labels, by_design))
        rows.append(GridRow(entry, cells, short))
    return rows


@login_required
def round_detail(request, round_id: int):
    round = _round(round_id)
    user = request.user
    if not user.has_perm("judging.view_round", round):
        raise PermissionDenied
    stage_criteria = criteria(round.campaign, round.stage)
    if not user.has_perm("judging.manage_rounds"):
        entries = (
            queries.entries_for(user, round)
            .annotate(scored=Count("scores", filter=Q(scores__judge=user)))
            .order_by("order", "pk")
        )
        return render(
            request,
            "judging/round.html",
            {
                "round": round,
                "entries": entries,
                "criteria_count": len(stage_criteria),
                "can_manage": False,
                "declared": queries.has_declared(user),
            },
        )
    entries = list(round.entries.select_related("demand", "solution__provider").order_by("order", "pk"))
    judges = [p.judge for p in round.panelists.select_related("judge__judge_profile")]
    grid = _panel_grid(round, entries, judges)
    return render(
        request,
        "judging/round.html",
        {
            "round": round,
            "can_manage": True,
            "judges": judges,
            "grid": grid,
            "short": [row for row in grid if row.short is not None],
            "min_judges": rules_of(round.campaign).min_judges,
            "invite_form": InviteForm(round=round),
            "can_create_final": round.stage == Stage.SPECIAL
            and round.state == RoundState.CLOSED
            and not round.finals.exists(),
            "finals": round.finals.all(),
        },
    )


@login_required
@require_POST
def round_state(request, round_id: int):
    round = _managed(request, round_id)
    try:
        round = services.set_round_state(round, request.POST.get("state", ""), by=request.user)
    except JudgingError as exc:
        _refused(request, exc)
    else:
        if round.state == RoundState.OPEN:
            messages.success(request, _("The session is open: judges may score."))
        else:
            messages.success(request, _("The session is closed: scores are locked and the results open."))
    return redirect("judging:round", round_id=round.pk)


@login_required
@require_POST
def invite(request, round_id: int):
    round = _managed(request, round_id)
    form = InviteForm(request.POST, round=round)
    if not form.is_valid():
        messages.error(request, _("Choose a judge who is not on the panel yet."))
        return redirect("judging:round", round_id=round.pk)
    judge = form.cleaned_data["judge"]
    try:
        _panelist, found = services.invite(round, judge, by=request.user)
    except JudgingError as exc:
        _refused(request, exc)
        return redirect("judging:round", round_id=round.pk)
    name = judge.get_full_name() or judge.username
    if found:
        listed = "；".join(
            f"{c.entry.code} {c.get_kind_display()}" + (f"（{c.detail}）" if c.detail else "") for c in found
        )
        messages.warning(
            request,
            _("%(judge)s is on the panel. Conflicts found: %(conflicts)s.")
            % {"judge": name, "conflicts": listed},
        )
    else:
        messages.success(request, _("%(judge)s is on the panel; no conflict found.") % {"judge": name})
    return redirect("judging:round", round_id=round.pk)


@login_required
@require_POST
def entry_state(request, round_id: int, entry_id: int):
    _managed(request, round_id)
    entry = _entry(round_id, entry_id)
    try:
        entry = services.set_entry_state(entry, request.POST.get("state", ""), by=request.user)
    except JudgingError as exc:
        _refused(request, exc)
    else:
        if entry.state == EntryState.SCORING:
            messages.success(request, _("%(entry)s is open for scoring.") % {"entry": entry.code})
        else:
            messages.success(
                request, _("%(entry)s is closed; its scores are locked.") % {"entry": entry.code}
            )
    return redirect("judging:round", round_id=round_id)


# --- the scoring page ---------------------------------------------------------------------------------------
