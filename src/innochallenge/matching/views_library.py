"""Pages of the achievement library: the list (organiser, brokers), one achievement, and the batch import
(organiser), which hands the files to the task worker and shows its progress on the job page."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from innochallenge.core.uploads import ImportFilesForm
from innochallenge.jobs.services import stage_uploads, start_job
from innochallenge.matching import services
from innochallenge.matching.enums import AchievementKind, Maturity
from innochallenge.matching.importing import SUFFIXES
from innochallenge.matching.jobs import IMPORT_ACHIEVEMENTS, REINDEX, upload_dir
from innochallenge.matching.library import LABELS
from innochallenge.matching.models import Achievement
from innochallenge.matching.views_matches import score_chart

#: A library export runs to tens of thousands of rows; 100 MB of CSV is about 200,000 achievements.
MAX_FILE_BYTES = 100 * 1024 * 1024
PAGE_SIZE = 50


def _import_form(data=None, files=None) -> ImportFilesForm:
    return ImportFilesForm(
        data,
        files,
        suffixes=SUFFIXES,
        max_mb=MAX_FILE_BYTES // (1024 * 1024),
        help_text=gettext_lazy(
            "CSV or Excel sheets (.csv, .xlsx) with a header row, or JSON Lines (.jsonl); "
            "each file is imported whole or not at all."
        ),
    )


@login_required
@permission_required("matching.view_achievements", raise_exception=True)
def library(request):
    achievements = Achievement.objects.defer("abstract").order_by("-updated_at", "-pk")
    filters = {name: request.GET.get(name, "").strip() for name in ("q", "field", "kind", "maturity")}
    if filters["q"]:
        achievements = achievements.filter(title__icontains=filters["q"])
    if filters["field"]:
        achievements = achievements.filter(field=filters["field"])
    if filters["kind"]:
        achievements = achievements.filter(kind=filters["kind"])
    if filters["maturity"]:
        achievements = achievements.filter(maturity=filters["maturity"])
    page = Paginator(achievements, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in filters.items() if v})
    fields = (
        Achievement.objects.exclude(field="").order_by("field").values_list("field", flat=True).distinct()
    )
    context = {
        "page": page,
        "filters": filters,
        "query": query,
        "fields": fields,
        "kinds": AchievementKind.choices,
        "maturities": Maturity.choices,
        "labels": LABELS,
        "can_import": request.user.has_perm("matching.import_achievements"),
    }
    return render(request, "matching/library.html", context)


@login_required
@permission_required("matching.view_achievements", raise_exception=True)
def detail(request, achievement_id: int):
    achievement = get_object_or_404(Achievement.objects.all(), pk=achievement_id)
    context = {
        "achievement": achievement,
        "labels": LABELS,
        "keywords": [k for k in achievement.keywords.split("，") if k],
        "show_contacts": request.user.has_perm("matching.view_achievement_contact"),
        "can_change": request.user.has_perm("matching.change_achievement"),
        # the reverse of a demand's matches: the published demands this achievement could answer
        "demands": [
            {"match": m, "chart": score_chart(m)} for m in services.demands_for(f"a:{achievement.pk}", top=5)
        ],
    }
    return render(request, "matching/library_detail.html", context)


@login_required
@permission_required("matching.import_achievements", raise_exception=True)
def import_page(request):
    form = _import_form(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploads = form.cleaned_data["files"]
        job = stage_uploads(
            IMPORT_ACHIEVEMENTS,
            uploads,
            folder=upload_dir,
            by=request.user,
            label=_("Import %(n)s achievement files into the library") % {"n": len(uploads)},
            params={"lang": get_language()},
        )
        return redirect("jobs:detail", job_id=job.pk)
    return render(request, "matching/library_import.html", {"form": form, "labels": LABELS})


@login_required
@permission_required("matching.import_achievements", raise_exception=True)
@require_POST
def reindex(request):
    """The organiser rebuilds the matching index (a background job with a progress bar)."""

    job = start_job(REINDEX, by=request.user, label=_("Rebuild the matching index"))
    return redirect("jobs:detail", job.pk)
