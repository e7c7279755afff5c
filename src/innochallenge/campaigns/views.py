from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from rules.contrib.views import permission_required

from innochallenge.accounts.rules import is_organiser
from innochallenge.campaigns import queries, services
from innochallenge.campaigns.forms import LiaisonForm, PresetUploadForm
from innochallenge.campaigns.jobs import LOAD_PRESET
from innochallenge.campaigns.models import Campaign
from innochallenge.campaigns.pages import dashboard_page
from innochallenge.jobs.services import start_job


def dashboard(request, slug: str):
    """A campaign's timeline and today's stage."""
    return dashboard_page(request, slug)


@login_required
@permission_required("campaigns.view_liaison_overview", raise_exception=True)
def liaison_list(request, slug: str):
    campaign = get_object_or_404(Campaign, slug=slug)
    districts = campaign.districts.all()
    if not is_organiser(request.user):
        districts = districts.filter(pk=request.user.district_id)
    today = timezone.localdate()
    rows = queries.liaison_overview(campaign, today, districts)
    return render(
        request,
        "campaigns/liaison_list.html",
        {"campaign": campaign, "rows": rows, "today": today, "overdue": [r for r in rows if r.overdue]},
    )


@login_required
def liaison_edit(request, slug: str, code: str):
    campaign = get_object_or_404(Campaign, slug=slug)
    district = get_object_or_404(campaign.districts.select_related("liaison"), code=code)
    if not request.user.has_perm("campaigns.manage_district_liaison", district):
        raise PermissionDenied
    instance = getattr(district, "liaison", None)
    form = LiaisonForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.save_liaison(district, by=request.user, **form.cleaned_data)
        messages.success(request, _("The liaison record of %(district)s is saved.") % {"district": district})
        return redirect("campaigns:liaisons", slug=campaign.slug)
    return render(
        request, "campaigns/liaison_form.html", {"campaign": campaign, "district": district, "form": form}
    )


@login_required
@permission_required("campaigns.load_preset", raise_exception=True)
def preset_upload(request):
    form = PresetUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"]
        job = start_job(
            LOAD_PRESET,
            by=request.user,
            label=_("Load preset %(slug)s") % {"slug": data["slug"]},
            params={"preset": data},
        )
        return redirect("jobs:detail", job_id=job.pk)
    return render(request, "campaigns/preset_upload.html", {"form": form})
