"""The broker's page of a demand's matches: ranked achievements and providers, each with its reasons,
confirm and dismiss buttons, and its score's parts folded away — a broker reads the shared terms; the
numbers are there for whoever asks how the ranking came about."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from innochallenge.matching import documents, services
from innochallenge.matching.enums import MatchVerdict, TargetKind
from innochallenge.matching.models import Push, PushOptOut
from innochallenge.publication.public import CHINESE, public_demands, public_view

#: The score's parts in the order the bars show them, with their labels in a broker's words (no engine
#: names: "word match", not BM25).
PARTS = [
    ("lexical", pgettext_lazy("score part", "word match")),
    ("dense", pgettext_lazy("score part", "meaning")),
    ("keywords", pgettext_lazy("score part", "topic")),
    ("neighbours", pgettext_lazy("score part", "similar achievements")),
    ("field", gettext_lazy("same field")),
    ("mode", gettext_lazy("cooperation mode")),
    ("budget", gettext_lazy("cost and budget")),
    ("maturity", gettext_lazy("maturity")),
    ("region", gettext_lazy("region")),
]


def _demand(request, demand_id: int, perm: str):
    demand = get_object_or_404(public_demands().filter(status="published"), pk=demand_id)
    if not request.user.has_perm(perm, demand):
        raise PermissionDenied
    return demand


BAR_LEFT, BAR_WIDTH, BAR_STEP = 130, 200, 16


def score_chart(match: services.Match) -> dict:
    """The score's parts as a bar chart: each bar's place, its length against the largest part, its sign."""
    parts = [(label, match.parts.get(name, 0.0)) for name, label in PARTS if match.parts.get(name)]
    largest = max((abs(v) for _l, v in parts), default=0) or 1
    bars = []
    for i, (label, value) in enumerate(parts):
        width = max(1, round(BAR_WIDTH * abs(value) / largest))
        bars.append(
            {
                "label": label,
                "value": value,
                "y": i * BAR_STEP,
                "text_y": i * BAR_STEP + 11,
                "x": BAR_LEFT,
                "width": width,
                "value_x": BAR_LEFT + width + 6,
                "minus": value < 0,
            }
        )
    return {"bars": bars, "height": len(bars) * BAR_STEP, "width": BAR_LEFT + BAR_WIDTH + 60}


@login_required
def demand_matches(request, demand_id: int):
    demand = _demand(request, demand_id, "matching.view_matches")
    found = services.matches_for_demand(demand, top=10)
    sections = [
        (_("Achievements"), TargetKind.ACHIEVEMENT, found[documents.ACHIEVEMENT]),
        (_("Solution providers"), TargetKind.PROVIDER, found[documents.PROVIDER]),
    ]
    rows = [
        (title, kind, [{"match": m, "chart": score_chart(m)} for m in matches])
        for title, kind, matches in sections
    ]
    pushes = Push.objects.filter(demand=demand).select_related("recipient").order_by("-created_at")[:50]
    return render(
        request, "matching/demand_matches.html", {"demand": demand, "sections": rows, "pushes": pushes}
    )


@login_required
@require_POST
def review(request, demand_id: int):
    demand = _demand(request, demand_id, "matching.review_matches")
    try:
        kind = TargetKind(request.POST.get("target_kind"))
        verdict = MatchVerdict(request.POST.get("verdict"))
        target = int(request.POST.get("target_id", ""))
    except ValueError:
        messages.error(request, _("That match could not be recorded; reload the page and try again."))
        return redirect("matches:demand", demand_id=demand.pk)
    try:
        services.review_match(demand, kind, target, verdict, by=request.user)
    except services.MatchError as exc:
        messages.error(request, exc.message)
        return redirect("matches:demand", demand_id=demand.pk)
    if verdict == MatchVerdict.CONFIRMED:
        messages.success(request, _("Confirmed: the match is kept."))
    else:
        messages.success(request, _("Dismissed: it will not be shown again."))
    return redirect("matches:demand", demand_id=demand.pk)


@login_required
def my_pushes(request):
    """The demands pushed to me, with the words they share with my achievement or my expertise, and the
    switch to stop pushes."""
    opted_out = PushOptOut.objects.filter(user=request.user).exists()
    if request.method == "POST":
        if request.POST.get("pushes") == "off":
            PushOptOut.objects.get_or_create(user=request.user)
            messages.success(request, _("You will receive no more matching pushes."))
        else:
            PushOptOut.objects.filter(user=request.user).delete()
            messages.success(request, _("Matching pushes are on again."))
        return redirect("matches:mine")
    pushes = (
        Push.objects.filter(recipient=request.user).select_related("demand").order_by("-created_at")[:100]
    )
    rows = [
        # terms stored before the generic words were left out are filtered again here
        {"push": p, "view": public_view(p.demand, CHINESE), "terms": services.key_terms(p.terms)}
        for p in pushes
        if p.demand.status in ("published", "closed")
    ]
    return render(request, "matching/my_pushes.html", {"rows": rows, "opted_out": opted_out})
