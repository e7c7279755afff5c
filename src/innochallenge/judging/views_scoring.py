"""The scoring page built for a tablet, saving each score as it is typed, with pre-screening, abstention
and the entry's files (anonymised in an anonymous pre-screening). A conflicted judge gets 403 on all of it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innochallenge.audit import services as audit
from innochallenge.judging import anonymise, scoring
from innochallenge.judging.config import criteria
from innochallenge.judging.enums import EntryState, RoundState
from innochallenge.judging.errors import JudgingError
from innochallenge.judging.forms import AbstainForm, PrescreenForm
from innochallenge.judging.models import Entry, Prescreen, Score
from innochallenge.judging.views import _entry, _is_anonymous, _plain, _refused
from innochallenge.publication.names import hidden_name
from innochallenge.publication.public import public_view
from innochallenge.solutions.enums import COUNTED
from innochallenge.solutions.models import Attachment


def _solutions(entry: Entry) -> list:
    """What the entry's judges read: the presented solution in the final; in the special competition the
    demand's counted solutions, in a fixed order so that 方案 A stays A on the page and in file names."""
    if entry.solution_id:
        return [entry.solution]
    return list(
        entry.demand.solutions.filter(status__in=COUNTED)
        .select_related("provider", "cooperation_mode")
        .order_by("pk")
    )


def _letter(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else str(index + 1)


def _demand_text(demand, lang: str) -> dict:
    """The demand as the public sees it (the enterprise's name hidden when it asked), except that a
    confidential description is shown to judges, the name blotted out of it all the same."""
    view = public_view(demand, lang)
    if view["confidential"]:
        view["description"] = hidden_name(demand).blot(demand.description, view["company_name"])
    return view


def _closed_message(entry: Entry) -> str:
    if entry.round.state == RoundState.DRAFT:
        return _("The session is not open for scoring yet.")
    if entry.round.state == RoundState.CLOSED or entry.state == EntryState.CLOSED:
        return _("Scoring of this entry is closed; your scores are locked.")
    return _("This solution is not open for scoring yet: it opens when it is presented.")


@login_required
def entry_page(request, round_id: int, entry_id: int):
    entry = _entry(round_id, entry_id)
    round, user = entry.round, request.user
    if not user.has_perm("judging.view_entry", entry):
        raise PermissionDenied
    lang = get_language() or "zh-hans"
    english = lang.lower().startswith("en")
    anonymous = _is_anonymous(round)
    can_score = user.has_perm("judging.score_entry", entry)
    scoring_open = round.state == RoundState.OPEN and entry.state == EntryState.SCORING
    mine = {s.criterion: s.value for s in Score.objects.filter(entry=entry, judge=user)}
    my_prescreens = {p.solution_id: p for p in Prescreen.objects.filter(entry=entry, judge=user)}
    solutions = _solutions(entry)
    attachments: dict[int, list[Attachment]] = {}
    for attachment in Attachment.objects.filter(solution__in=solutions, current=True):
        attachments.setdefault(attachment.solution_id, []).append(attachment)
    shown = [
        {
            "solution": solution,
            "name": _("Solution %(letter)s") % {"letter": _letter(i)}
            if anonymous
            else solution.provider.name,
            "attachments": attachments.get(solution.pk, []),
            "prescreen": my_prescreens.get(solution.pk),
        }
        for i, solution in enumerate(solutions)
    ]
    rows = [
        {
            "code": c.code,
            "label": c.en if english else c.zh,
            "scale_max": c.scale_max,
            "weight": c.weight,
            "value": _plain(mine.get(c.code)),
        }
        for c in criteria(round.campaign, round.stage)
    ]
    return render(
        request,
        "judging/entry.html",
        {
            "round": round,
            "entry": entry,
            "demand": _demand_text(entry.demand, lang),
            "solutions": shown,
            "anonymous": anonymous,
            "criteria": rows,
            "can_score": can_score,
            "scoring_open": scoring_open,
            "closed_message": "" if scoring_open else _closed_message(entry),
            "abstain_form": AbstainForm(),
        },
    )


def _scorer(request, round_id: int, entry_id: int) -> Entry:
    entry = _entry(round_id, entry_id)
    if not request.user.has_perm("judging.score_entry", entry):
        raise PermissionDenied
    return entry


@login_required
@require_POST
def score(request, round_id: int, entry_id: int):
    """One score, saved as the judge leaves the field (htmx): the answer is the small status next to it.
    Without htmx the page is shown again with a message."""
    entry = _scorer(request, round_id, entry_id)
    criterion = request.POST.get("criterion", "")
    status, error = 200, ""
    try:
        scoring.save_score(
            entry, judge=request.user, criterion=criterion, value=request.POST.get("value", "")
        )
    except JudgingError as exc:
        status, error = (409 if exc.conflict else 400), exc.message
    if not request.headers.get("HX-Request"):
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("Saved."))
        return redirect("judging:entry", round_id=round_id, entry_id=entry.pk)
    return render(
        request,
        "judging/_score_saved.html",
        {"code": criterion, "saved": not error, "error": error},
        status=status,
    )


@login_required
@require_POST
def prescreen(request, round_id: int, entry_id: int):
    entry = _scorer(request, round_id, entry_id)
    form = PrescreenForm(request.POST)
    solution = None
    if form.is_valid():
        solution = next((s for s in _solutions(entry) if s.pk == form.cleaned_data["solution"]), None)
    if solution is None:
        messages.error(request, _("Say whether you recommend one of this demand's solutions."))
        return redirect("judging:entry", round_id=round_id, entry_id=entry.pk)
    try:
        scoring.prescreen(
            entry,
            solution,
            judge=request.user,
            recommend=form.cleaned_data["recommend"],
            note=form.cleaned_data["note"],
        )
    except JudgingError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("Your recommendation is saved."))
    return redirect("judging:entry", round_id=round_id, entry_id=entry.pk)


@login_required
@require_POST
def abstain(request, round_id: int, entry_id: int):
    entry = _scorer(request, round_id, entry_id)
    form = AbstainForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why you step back from this entry."))
        return redirect("judging:entry", round_id=round_id, entry_id=entry.pk)
    try:
        scoring.abstain(entry, judge=request.user, reason=form.cleaned_data["reason"])
    except JudgingError as exc:
        _refused(request, exc)
        return redirect("judging:entry", round_id=round_id, entry_id=entry.pk)
    messages.success(
        request,
        _("You stepped back from %(entry)s; your scores of it are not counted.") % {"entry": entry.code},
    )
    return redirect("judging:round", round_id=round_id)


@login_required
def attachment(request, round_id: int, entry_id: int, attachment_id: int):
    """A solution's file for those who may read the entry. In an anonymous pre-screening the author
    metadata is stripped and the file gets a neutral name; a file that cannot be cleaned is not served."""
    entry = _entry(round_id, entry_id)
    if not request.user.has_perm("judging.view_entry", entry):
        raise PermissionDenied
    solutions = _solutions(entry)
    item = (
        Attachment.objects.filter(pk=attachment_id, solution__in=solutions, current=True)
        .select_related("solution")
        .first()
    )
    if item is None:
        raise Http404
    audit.record(actor=request.user, action="solution.file_read", obj=item.solution, note=item.name)
    if _is_anonymous(entry.round):
        with item.file.open("rb") as handle:
            data = handle.read()
        try:
            data = anonymise.strip_metadata(data, item.content_type)
        except ValueError:
            return HttpResponse(
                _(
                    "This file cannot be cleaned of its author's name, so it is not shown in an anonymous "
                    "pre-screening. Ask the organiser for a clean copy."
                ),
                status=409,
                content_type="text/plain; charset=utf-8",
            )
        index = next(i for i, s in enumerate(solutions) if s.pk == item.solution_id)
        siblings = list(
            Attachment.objects.filter(solution=item.solution, current=True).values_list("pk", flat=True)
        )
        number = siblings.index(item.pk) + 1
        response = HttpResponse(data, content_type=item.content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="{entry.code}-{_letter(index)}-{number}.{item.kind}"'
        )
    else:
        response = FileResponse(
            item.file.open("rb"), content_type=item.content_type, as_attachment=True, filename=item.name
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
