"""The organiser's and liaisons' dashboard, its .xlsx exports and the financing meeting's sign-up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from innochallenge.campaigns.models import Campaign
from innochallenge.reports import charts, services, tables
from innochallenge.reports.exports import XlsxExporter, export_table
from innochallenge.reports.figures import Figures
from innochallenge.reports.forms import FinancingForm
from innochallenge.reports.models import FinancingRegistration


def _campaign(request) -> Campaign:
    """The campaign asked for (?campaign=<code>), else the one running today."""
    slug = request.GET.get("campaign")
    campaign = (
        Campaign.objects.filter(slug=slug).first() if slug else Campaign.objects.current(timezone.localdate())
    )
    if campaign is None:
        raise Http404(_("There is no campaign yet."))
    return campaign


def _check(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


@login_required
@require_GET
def dashboard(request):
    _check(request, "reports.view_dashboard")
    campaign = _campaign(request)
    figures = Figures(campaign)
    built = {identifier: tables.build(identifier, figures, request.user) for identifier in tables.TABLES}
    return render(
        request,
        "reports/dashboard.html",
        {
            "campaign": campaign,
            "figures": figures,
            "tables": {identifier.replace("-", "_"): table for identifier, table in built.items()},
            "funnel_chart": charts.funnel_chart(figures.funnel_total),
            "quota_chart": charts.quota_chart(figures.quota.rows),
            "events_chart": charts.events_chart(figures.events),
            "now": timezone.now(),
        },
    )


@login_required
@require_GET
def export(request, table: str):
    _check(request, "reports.export_tables")
    if table not in tables.TABLES:
        raise Http404
    campaign = _campaign(request)
    built = tables.build(table, Figures(campaign), request.user)
    exporter = XlsxExporter()
    content = export_table(built, user=request.user, campaign=campaign)
    response = HttpResponse(content, content_type=exporter.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exporter.filename(campaign, built)}"'
    return response


@login_required
def financing_register(request):
    _check(request, "reports.register_financing")
    campaign = _campaign(request)
    form = FinancingForm(request.POST or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.register_for_financing(campaign, form.cleaned_data, by=request.user)
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(
                request,
                _("%(organisation)s is registered for the financing meeting.")
                % {"organisation": registration.organisation_name},
            )
            return redirect("reports:financing")
    mine = FinancingRegistration.objects.filter(campaign=campaign, registered_by=request.user)
    return render(request, "reports/financing.html", {"campaign": campaign, "form": form, "mine": mine})
