"""After the scoring: the results with the three methods side by side (once the session is closed, so
judging stays blind), the board projected in the hall while the final runs, the demand side's choice of
the best solution, and paper score sheets typed into an open session.

Every figure comes from `judging.results.session_results`; these views only arrange it."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innochallenge.core.exporting import CONTENT_TYPES, XLSX, Sheet, write_xlsx
from innochallenge.core.forms import posted_text
from innochallenge.core.uploads import UploadError, check_office_file
from innochallenge.demands.models import Demand
from innochallenge.judging import paper, queries, results, sheets
from innochallenge.judging.config import criteria, rules_of
from innochallenge.judging.enums import AggregationMethod, ConflictKind, EntryState, Stage
from innochallenge.judging.errors import JudgingError
from innochallenge.judging.forms import DecideForm
from innochallenge.judging.models import Conflict, Decision, Round

#: A score sheet larger than this is refused before it is read.
MAX_SHEET_BYTES = 10 * 1024 * 1024
#: The bar chart: labels on the left, bars from a zero line (z-scores can be negative).
BAR_LEFT, BAR_WIDTH, BAR_STEP = 70, 360, 22


def _round(round_id: int) -> Round:
    return get_object_or_404(Round.objects.select_related("campaign"), pk=round_id)


def _check(request, permission: str, obj) -> None:
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


def _chart(rows: list[dict]) -> dict:
    """The aggregates of `rows` under the ranking method as horizontal bars measured from zero."""
    values = [row["score"] for row in rows]
    low, high = min([0.0, *values]), max([0.0, *values])
    span = (high - low) or 1.0
    zero = BAR_LEFT + BAR_WIDTH * -low / span
    bars = []
    for i, row in enumerate(rows):
        length = BAR_WIDTH * abs(row["score"]) / span
        bars.append(
            {
                "label": row["entry"].code,
                "x": round(zero - length if row["score"] < 0 else zero, 1),
                "y": i * BAR_STEP + 4,
                "text_y": i * BAR_STEP + 15,
                "width": round(max(length, 1), 1),
                "minus": row["score"] < 0,
                "value": row["score"],
                "value_x": BAR_LEFT + BAR_WIDTH + 8,
            }
        )
    return {
        "bars": bars,
        "zero": round(zero, 1),
        "height": len(rows) * BAR_STEP + 8,
        "width": BAR_LEFT + BAR_WIDTH + 70,
    }


def _rows(outcome: results.Results, group: list[results.EntryResult]) -> list[dict]:
    """Each entry of `group` with its aggregate, rank and judges counted under every method, as the
    results rank them (`Results.ranks`)."""
    ranks = outcome.ranks(group)
    rows = []
    for result in group:
        mine = ranks[result.entry.code]
        cells = [
            {
                "method": method.value,
                "label": method.label,
                "score": mine[method].score,
                "rank": mine[method].rank,
                "judges": mine[method].judges,
                "ranks": method == outcome.method,
            }
            for method in AggregationMethod
        ]
        rows.append(
            {
                "entry": result.entry,
                "rank": result.rank,
                "score": result.by_method[outcome.method].score,
                "judges": result.by_method[outcome.method].judges,
                "cells": cells,
                "reason": result.reason,
            }
        )
    return rows


def _demand_side_seats(round: Round) -> dict[int, list]:
    """The demand-side judges sitting on their own demand's entries, shown openly: demand id → judges."""
    seats: dict[int, list] = {}
    conflicts = Conflict.objects.filter(entry__round=round, kind=ConflictKind.DEMAND_SIDE).select_related(
        "entry", "judge"
    )
    for conflict in conflicts.order_by("judge_id"):
        judges = seats.setdefault(conflict.entry.demand_id, [])
        if conflict.judge not in judges:
            judges.append(conflict.judge)
    return seats


def _groups(request, round: Round, outcome: results.Results) -> list[dict]:
    """The special competition as one group; the final as one group per demand, with the panel's
    recommendation, the demand side's decision and the demand-side judges' seats."""
    if not round.is_final:
        rows = _rows(outcome, outcome.ranking)
        finalists = rules_of(round.campaign).finalists
        for row in rows:
            row["finalist"] = row["rank"] <= finalists
        return [{"demand": None, "rows": rows, "chart": _chart(rows)}]
    decisions = {
        d.demand_id: d
        for d in Decision.objects.filter(round=round).select_related("confirmed", "recommended")
    }
    seats = _demand_side_seats(round)
    groups = []
    for demand_id, group in outcome.by_demand().items():
        rows = _rows(outcome, group)
        demand = group[0].entry.demand
        groups.append(
            {
                "demand": demand,
                "rows": rows,
                "chart": _chart(rows),
                "recommended": group[0].entry.solution,
                "decision": decisions.get(demand_id),
                "demand_side": seats.get(demand_id, []),
                "can_decide": request.user.has_perm("judging.decide", group[-1].entry),
            }
        )
    return groups


def _incomplete(outcome: results.Results, *, named: bool) -> list[dict]:
    """Score sets not counted because a criterion is missing; judges named to the organiser only."""
    names = {}
    if named:
        users = get_user_model().objects.filter(pk__in=[int(i.judge) for i in outcome.incomplete])
        names = {str(u.pk): u.get_full_name() or u.get_username() for u in users}
    labels = _criterion_labels(outcome.round)
    return [
        {"judge": names.get(i.judge, ""), "entry": i.entry, "missing": [labels.get(c, c) for c in i.missing]}
        for i in outcome.incomplete
    ]


def _criterion_labels(round: Round) -> dict[str, str]:
    english = (get_language() or "").startswith("en")
    return {c.code: (c.en if english and c.en else c.zh) for c in criteria(round.campaign, round.stage)}


@login_required
def results_page(request, round_id: int):
    round = _round(round_id)
    _check(request, "judging.view_results", round)
    outcome = results.session_results(round)
    organiser = request.user.has_perm("judging.manage_rounds")
    return render(
        request,
        "judging/results.html",
        {
            "round": round,
            "method": outcome.method,
            "method_label": AggregationMethod(outcome.method).label,
            "methods": AggregationMethod.choices,
            "groups": _groups(request, round, outcome),
            "incomplete": _incomplete(outcome, named=organiser),
            "finalists": rules_of(round.campaign).finalists,
            "can_create_final": organiser and round.stage == Stage.SPECIAL and not round.finals.exists(),
            "finals": list(round.finals.all()),
            "final_name": f"{round.campaign.display_name} {Stage.FINAL.label}",
        },
    )


@login_required
@require_POST
def create_final(request, round_id: int):
    round = _round(round_id)
    _check(request, "judging.manage_rounds", round)
    name = posted_text(request, "name", label=_("Name of the session"), multiline=False)
    if name is None:
        return redirect("judging:results", round_id=round.pk)
    try:
        final = results.create_final(round, name=name, by=request.user)
    except JudgingError as exc:
        messages.error(request, exc.message)
        return redirect("judging:results", round_id=round.pk)
    messages.success(request, _("The final is prepared with the finalists' solutions."))
    return redirect("judging:round", round_id=final.pk)


def _board_context(round: Round) -> dict:
    """Closed entries only: nothing of an entry still being scored reaches the hall."""
    outcome = results.session_results(round)
    if round.is_final:
        groups = [(group[0].entry.demand, group) for group in outcome.by_demand().values()]
    else:
        groups = [(None, outcome.ranking)]
    return {
        "round": round,
        "method_label": AggregationMethod(outcome.method).label,
        "groups": [
            {"demand": demand, "rows": [(r, r.by_method[outcome.method].score) for r in group]}
            for demand, group in groups
        ],
        "now": round.entries.filter(state=EntryState.SCORING).select_related(
            "demand__campaign", "solution__provider"
        ),
        "closed": round.entries.filter(state=EntryState.CLOSED).count(),
        "total": round.entries.count(),
    }


@login_required
def board(request, round_id: int):
    round = _round(round_id)
    _check(request, "judging.view_board", round)
    return render(request, "judging/board.html", _board_context(round))


@login_required
def board_live(request, round_id: int):
    round = _round(round_id)
    _check(request, "judging.view_board", round)
    return render(request, "judging/_board.html", _board_context(round))


@login_required
def decide(request, round_id: int, demand_id: int):
    round = _round(round_id)
    if not round.is_final:
        raise Http404
    demand = get_object_or_404(Demand.objects.select_related("campaign", "organisation"), pk=demand_id)
    entries = list(round.entries.filter(demand=demand).select_related("solution__provider").order_by("order"))
    if not entries:
        raise Http404
    _check(request, "judging.decide", entries[-1])
    group = results.session_results(round).by_demand().get(demand.pk, [])
    recommended = group[0].entry.solution if group else None
    decision = (
        Decision.objects.filter(round=round, demand=demand).select_related("confirmed", "recommended").first()
    )
    form = DecideForm(request.POST or None, solutions=[e.solution for e in entries])
    chosen = decision.confirmed_id if decision else (recommended.pk if recommended else None)
    reason, error = decision.reason if decision else "", ""
    if request.method == "POST":
        reason = form["reason"].value() or ""
        if not form.is_valid():
            chosen = None
            error = next(iter(form.errors.values()))[0]
        else:
            chosen = form.cleaned_data["solution"].pk
            try:
                results.decide(
                    round,
                    demand,
                    solution=form.cleaned_data["solution"],
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
            except JudgingError as exc:
                error = exc.message
            else:
                messages.success(request, _("The best solution is confirmed."))
                return redirect("judging:decide", round_id=round.pk, demand_id=demand.pk)
    method = _method(round)
    ranked = {r.entry.pk: r for r in group}
    rows = [_choice(e, ranked.get(e.pk), method) for e in entries]
    return render(
        request,
        "judging/decide.html",
        {
            "round": round,
            "demand": demand,
            "rows": rows,
            "recommended": recommended,
            "decision": decision,
            "chosen": chosen,
            "reason": reason,
            "error": error,
            "method_label": AggregationMethod(method).label,
        },
        status=400 if error else 200,
    )


def _method(round: Round) -> str:
    return rules_of(round.campaign).method


def _choice(entry, result: results.EntryResult | None, method: str) -> dict:
    ranked = result.by_method[method] if result else None
    return {
        "entry": entry,
        "result": result,
        "score": ranked.score if ranked else None,
        "judges": ranked.judges if ranked else 0,
    }


def _template(round: Round) -> bytes:
    """A blank sheet: the header, then one row per judge free to score an entry × criterion."""
    labels = _criterion_labels(round)
    entries = list(round.entries.select_related("demand").order_by("order"))
    allowed = queries.eligibility(round, entries)
    rows = [
        [judge.get_username(), entry.code, code, None, judge.get_full_name(), label]
        for entry in entries
        for judge in allowed[entry.pk]
        for code, label in labels.items()
    ]
    header = ["评委 judge", "项目 entry", "评分项 criterion", "分数 score", _("Name"), _("Criterion")]
    return write_xlsx(Sheet(_("Scores"), header, rows))


@login_required
def upload(request, round_id: int):
    round = _round(round_id)
    _check(request, "judging.manage_rounds", round)
    if request.GET.get("template"):
        response = HttpResponse(_template(round), content_type=CONTENT_TYPES[XLSX])
        response["Content-Disposition"] = f'attachment; filename="scores-{round.pk}.xlsx"'
        return response
    problems: list[str] = []
    if request.method == "POST":
        upload = request.FILES.get("sheet")
        if upload is None:
            problems = [_("Choose a score sheet (.xlsx or .csv).")]
        elif upload.size > MAX_SHEET_BYTES:
            problems = [_("The file is larger than %(mb)s MB.") % {"mb": MAX_SHEET_BYTES // (1024 * 1024)}]
        else:
            try:
                check_office_file(upload)  # a zip bomb is refused before anything unpacks it
                rows = sheets.read_sheet(upload.read(), upload.name)
                count = paper.import_sheet(round, rows, by=request.user)
            except UploadError as exc:
                problems = [str(exc)]
            except sheets.SheetError as exc:
                problems = exc.messages
            except paper.SheetRefused as exc:
                problems = exc.problems
            except JudgingError as exc:
                problems = [exc.message]
            else:
                messages.success(request, _("%(count)s scores are saved from the sheet.") % {"count": count})
                return redirect("judging:round", round_id=round.pk)
    return render(
        request,
        "judging/upload.html",
        {"round": round, "problems": problems, "criteria": _criterion_labels(round)},
        status=400 if problems else 200,
    )
