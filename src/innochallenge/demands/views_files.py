"""Pages that move demands in and out as files: an enterprise's own Word form, batch import, exports,
blank templates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from innochallenge.demands import exporting, importing, once, services
from innochallenge.demands.enums import EDITABLE
from innochallenge.demands.forms import WordFormUpload, import_form
from innochallenge.demands.io import FormFileError
from innochallenge.demands.jobs import IMPORT_DEMANDS, upload_dir
from innochallenge.demands.pages import visible_demand
from innochallenge.demands.validation import DemandForm
from innochallenge.demands.views import current_campaign, form_page
from innochallenge.jobs.services import stage_uploads


def _download(export: exporting.Export) -> HttpResponse:
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


def _lang(request) -> str:
    return "en" if (get_language() or "").startswith("en") else "zh"


@login_required
@permission_required("demands.import_demands", raise_exception=True)
def import_page(request):
    campaign = current_campaign(request)
    form = import_form(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploads = form.cleaned_data["files"]
        job = stage_uploads(
            IMPORT_DEMANDS,
            uploads,
            folder=upload_dir,
            by=request.user,
            label=_("Import %(n)s demand files into %(campaign)s")
            % {"n": len(uploads), "campaign": campaign.slug},
            params={"campaign": campaign.slug},
        )
        return redirect("jobs:detail", job_id=job.pk)
    return render(request, "demands/import.html", {"campaign": campaign, "form": form})


@login_required
@permission_required("demands.export_demands", raise_exception=True)
def export_demands(request):
    campaign = current_campaign(request)
    fmt = request.GET.get("format", "xlsx")
    if fmt not in exporting.FORMATS:
        raise Http404
    district = request.GET.get("district", "")
    demands = exporting.demands_for_export(request.user, campaign, district)
    return _download(
        exporting.export(
            demands, fmt, user=request.user, campaign=campaign, lang=_lang(request), name=district
        )
    )


@login_required
def export_one(request, demand_id: int):
    demand = visible_demand(request, demand_id)
    export = exporting.export(
        [demand],
        "docx",
        user=request.user,
        campaign=demand.campaign,
        lang=_lang(request),
        name=demand.reference,
    )
    return _download(export)


def blank_template(request, fmt: str):
    """The empty form or sheet, for anyone: enterprises fill it offline and send it to their district."""
    if fmt not in exporting.FORMATS:
        raise Http404
    campaign = current_campaign(request)
    return _download(exporting.blank_template(campaign, fmt, lang=_lang(request)))


def _open(request, demand):
    """Where an uploaded form's demand is looked after: its draft, or its page once handed in."""
    if demand.status in EDITABLE:
        return redirect("demands:edit", demand_id=demand.pk)
    return redirect("demands:done", demand_id=demand.pk)


@login_required
@require_POST
@permission_required("demands.file_demand", raise_exception=True)
def from_word(request):
    """Read the enterprise's filled-in Word form into a draft it checks and submits online."""
    campaign = current_campaign(request)
    upload = WordFormUpload(request.POST, request.FILES)
    raw = None
    if upload.is_valid():
        try:
            raw = importing.read_one_form(campaign, upload.cleaned_data["file"].read())
        except FormFileError as exc:
            upload.add_error("file", str(exc))
    if raw is None:
        error = _("The Word form could not be read.")
        return form_page(request, campaign, DemandForm(campaign), error=error, upload_form=upload)
    try:
        demand, outcome = importing.draft_from_word(
            campaign,
            raw,
            upload.cleaned_data["file"].name,
            by=request.user,
            submission_key=once.posted_key(request),
            consented=upload.cleaned_data["privacy_consent"],  # required by the form
        )
    except services.DemandError as exc:
        form = DemandForm(campaign, raw, complete=False)
        return form_page(request, campaign, form, error=exc.message, upload_form=upload)
    if outcome == "created":
        messages.success(
            request,
            _("Your Word form is now draft %(ref)s: check it, then submit.") % {"ref": demand.reference},
        )
    elif outcome == "filed":
        messages.info(request, _("This form is already filed as %(ref)s.") % {"ref": demand.reference})
    return _open(request, demand)
