"""Pages for filing demands (also on phones, through a district's QR code) and following them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from innochallenge.accounts.enums import Role
from innochallenge.campaigns.models import Campaign
from innochallenge.core.forms import posted_text
from innochallenge.demands import once, qr, queries, services
from innochallenge.demands.enums import EDITABLE, DemandStatus, LeadingStatus, Source
from innochallenge.demands.models import LeadingEnterprise
from innochallenge.demands.pages import demand_page, visible_demand
from innochallenge.demands.validation import DemandForm
from innochallenge.privacy.forms import ConsentForm


def current_campaign(request) -> Campaign:
    slug = request.GET.get("campaign")
    campaign = (
        Campaign.objects.filter(slug=slug).first() if slug else Campaign.objects.current(timezone.localdate())
    )
    if campaign is None:
        raise PermissionDenied(_("There is no campaign yet."))
    return campaign


def _window_context(campaign, district):
    window = services.collection_window(campaign, district)
    today = timezone.localdate()
    return {"window": window, "window_open": window is None or window.contains(today)}


@login_required
@permission_required("demands.list_demands", raise_exception=True)
def demand_list(request):
    campaign = current_campaign(request)
    demands = queries.visible_demands(request.user, campaign).order_by("-number")
    district = request.GET.get("district", "")
    status = request.GET.get("status", "")
    if district:
        demands = demands.filter(district__code=district)
    if status:
        demands = demands.filter(status=status)
    page = Paginator(demands, 50).get_page(request.GET.get("page"))
    declaration = None
    if request.user.role == Role.ENTERPRISE and request.user.organisation_id:
        declaration = LeadingEnterprise.objects.filter(
            campaign=campaign, organisation_id=request.user.organisation_id
        ).first()
    return render(
        request,
        "demands/list.html",
        {
            "campaign": campaign,
            "page": page,
            "districts": queries.visible_districts(request.user, campaign),
            "statuses": DemandStatus.choices,
            "district": district,
            "status": status,
            "declaration": declaration,
            "can_file": request.user.has_perm("demands.file_demand"),
            "can_export": request.user.has_perm("demands.export_demands"),
            "can_import": request.user.has_perm("demands.import_demands"),
        },
    )


def qr_start(request, slug: str, code: str):
    """Where a district's QR code points: the phone form with the district chosen."""
    campaign = get_object_or_404(Campaign, slug=slug)
    district = get_object_or_404(campaign.districts, code=code)
    query = urlencode({"campaign": campaign.slug, "district": district.code, "via": "qr"})
    return redirect(f"{reverse('demands:new')}?{query}")


def _save(
    request, campaign, *, demand=None, source=Source.ONLINE, source_district=None, key="", consent=None
):
    """Save the posted form as a draft or submit it; returns the demand, or the form with its errors."""
    submit = "submit" in request.POST
    data = request.POST
    try:
        if demand is None:
            demand = services.create_demand(
                campaign,
                data,
                by=request.user,
                source=source,
                source_district=source_district,
                submission_key=key,
                consented=bool(consent and consent.is_valid()),
            )
        else:
            demand = services.update_demand(demand, data, by=request.user)
    except services.DemandError as exc:
        if submit and not exc.conflict:
            # One round of errors: the draft rules and the submission rules together, everything typed kept.
            form = DemandForm(campaign, data)
            form.is_valid()
            return None, form, _("Please correct the fields marked below.")
        return None, DemandForm(campaign, data, complete=False), exc.message
    if submit:
        try:
            demand = services.submit_demand(demand, by=request.user)
        except services.DemandError as exc:
            form = DemandForm(campaign, data)
            return demand, form, exc.message
    return demand, None, ""


@login_required
@permission_required("demands.file_demand", raise_exception=True)
def demand_new(request):
    campaign = current_campaign(request)
    district = campaign.districts.filter(code=request.GET.get("district", "")).first()
    via_qr = request.GET.get("via") == "qr" and district is not None
    if request.method == "POST":
        key = once.posted_key(request)
        earlier = once.earlier_demand(request.user, key)
        if earlier is not None:  # this page was posted before: carry on with what it filed
            return carry_on(request, earlier)
        source = Source.QR if via_qr else Source.ONLINE
        consent = ConsentForm(request.POST)
        if not consent.is_valid():  # nothing is saved, not even a draft, without the privacy consent
            form = DemandForm(campaign, request.POST, complete="submit" in request.POST)
            form.is_valid()
            return form_page(
                request,
                campaign,
                form,
                error=_("Please correct the fields marked below."),
                district=district,
                consent=consent,
            )
        try:
            demand, form, error = _save(
                request,
                campaign,
                source=source,
                source_district=district if via_qr else None,
                key=key,
                consent=consent,
            )
        except IntegrityError:  # the same page posted twice at once: the other post filed it
            earlier = once.earlier_demand(request.user, key)
            if earlier is None:
                raise
            return carry_on(request, earlier)
        if form is None:
            return _after_save(request, demand)
        if demand is not None:  # saved as a draft, but could not be submitted
            messages.warning(request, _("Your draft %(ref)s is saved.") % {"ref": demand.reference})
            return form_page(request, campaign, form, demand=demand, error=error)
        return form_page(request, campaign, form, error=error, district=district)
    initial = {"district": district.code if district else ""}
    if request.user.role == Role.ENTERPRISE and request.user.organisation:
        initial |= {
            "company_name": request.user.organisation.name,
            "contact_name": request.user.get_full_name(),
            "contact_email": request.user.email,
            "contact_phone": request.user.phone,
        }
    form = DemandForm(campaign, initial=initial)
    return form_page(request, campaign, form, district=district)


def form_page(
    request, campaign, form, *, demand=None, error="", district=None, upload_form=None, consent=None
):
    district = district or (demand.district if demand else None)
    context = {"campaign": campaign, "form": form, "demand": demand, "error": error, "district": district}
    if demand is None:  # a new demand comes with the privacy consent (privacy app)
        context["consent"] = consent or ConsentForm(request.POST if request.method == "POST" else None)
    if demand is None:
        # Posted back from the Word upload, the online form still goes to the new-demand page.
        on_new_page = request.resolver_match is not None and request.resolver_match.url_name == "new"
        action = request.get_full_path()
        if not on_new_page:
            action = f"{reverse('demands:new')}?campaign={campaign.slug}"
        context |= {"submission_key": once.page_key(request), "upload_form": upload_form, "action": action}
    return render(
        request,
        "demands/form.html",
        context | _window_context(campaign, district),
        status=422 if error else 200,
    )


def carry_on(request, demand):
    """The new-demand page posted again: apply the post to the demand it filed the first time, or show
    where that demand is when it can no longer change."""
    if demand.status in EDITABLE:
        return _post_edit(request, demand)
    return redirect("demands:done", demand_id=demand.pk)


def _post_edit(request, demand):
    saved, form, error = _save(request, demand.campaign, demand=demand)
    if form is None:
        return _after_save(request, saved)
    return form_page(request, demand.campaign, form, demand=demand, error=error)


def _after_save(request, demand):
    # Handed in: submitted, or (a revision answered) straight back with its broker, no longer editable.
    if demand.status not in EDITABLE:
        return redirect("demands:done", demand_id=demand.pk)
    messages.success(request, _("Draft %(ref)s saved.") % {"ref": demand.reference})
    return redirect("demands:edit", demand_id=demand.pk)


@login_required
def demand_edit(request, demand_id: int):
    demand = visible_demand(request, demand_id)
    if not request.user.has_perm("demands.edit_demand", demand):
        raise PermissionDenied
    if request.method == "POST":
        return _post_edit(request, demand)
    form = DemandForm(demand.campaign, initial=services.values_of(demand, key="code"))
    missing = DemandForm(demand.campaign, services.values_of(demand, key="code"))
    missing.is_valid()
    return render(
        request,
        "demands/form.html",
        {"campaign": demand.campaign, "form": form, "demand": demand, "missing": missing.labelled_errors()}
        | _window_context(demand.campaign, demand.district),
    )


@login_required
def demand_done(request, demand_id: int):
    demand = visible_demand(request, demand_id)
    return render(request, "demands/done.html", {"demand": demand})


@login_required
def demand_detail(request, demand_id: int):
    return demand_page(request, visible_demand(request, demand_id))


@login_required
@require_POST
def demand_submit(request, demand_id: int):
    """Hand in a saved draft from its page; what is still missing is listed on the form."""
    demand = visible_demand(request, demand_id)
    if not request.user.has_perm("demands.submit_demand", demand):
        raise PermissionDenied
    try:
        services.submit_demand(demand, by=request.user)
    except services.DemandError as exc:
        messages.error(request, exc.message)
        return redirect("demands:edit", demand_id=demand.pk)
    return redirect("demands:done", demand_id=demand.pk)


@login_required
@require_POST
def demand_withdraw(request, demand_id: int):
    demand = visible_demand(request, demand_id)
    if not request.user.has_perm("demands.withdraw_demand", demand):
        raise PermissionDenied
    reason = posted_text(request, "reason", label=_("Reason"))
    if reason is None:
        return redirect("demands:detail", demand_id=demand.pk)
    try:
        services.withdraw_demand(demand, by=request.user, reason=reason)
    except services.DemandError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Demand %(ref)s is withdrawn.") % {"ref": demand.reference})
    return redirect("demands:detail", demand_id=demand.pk)


@login_required
@require_POST
@permission_required("demands.declare_leading", raise_exception=True)
def leading_declare(request):
    campaign = current_campaign(request)
    district = get_object_or_404(campaign.districts, code=request.POST.get("district", ""))
    services.declare_leading(campaign, request.user.organisation, district, by=request.user)
    messages.success(
        request, _("Your declaration is sent to %(district)s for confirmation.") % {"district": district}
    )
    return redirect("demands:list")


@login_required
@permission_required("demands.view_quota", raise_exception=True)
def leading_list(request):
    campaign = current_campaign(request)
    declarations = LeadingEnterprise.objects.filter(
        campaign=campaign, district__in=queries.visible_districts(request.user, campaign)
    ).select_related("organisation", "district", "decided_by")
    return render(
        request,
        "demands/leading.html",
        {"campaign": campaign, "declarations": declarations, "statuses": LeadingStatus},
    )


@login_required
@require_POST
def leading_decide(request, declaration_id: int):
    declaration = get_object_or_404(LeadingEnterprise, pk=declaration_id)
    if not request.user.has_perm("demands.decide_leading", declaration):
        raise PermissionDenied
    confirm = request.POST.get("decision") == "confirm"
    note = posted_text(request, "note", label=_("Note"))
    if note is None:
        return redirect(f"{reverse('demands:leading')}?campaign={declaration.campaign.slug}")
    services.decide_leading(declaration, confirm=confirm, by=request.user, note=note)
    messages.success(request, _("%(org)s: decision saved.") % {"org": declaration.organisation})
    return redirect(f"{reverse('demands:leading')}?campaign={declaration.campaign.slug}")


@login_required
@permission_required("demands.view_quota", raise_exception=True)
def quota(request, slug: str):
    campaign = get_object_or_404(Campaign, slug=slug)
    rows = queries.quota_progress(campaign, queries.visible_districts(request.user, campaign))
    return render(
        request,
        "demands/quota.html",
        {"campaign": campaign, "rows": rows, "chart": queries.quota_chart(rows), "now": timezone.now()},
    )


def qr_svg(request, slug: str, code: str):
    """The district's QR code as SVG (public: it is printed on posters anyway)."""
    campaign = get_object_or_404(Campaign, slug=slug)
    district = get_object_or_404(campaign.districts, code=code)
    svg = qr.district_svg(request, campaign, district)
    return HttpResponse(svg, content_type="image/svg+xml")


@login_required
@permission_required("demands.print_poster", raise_exception=True)
def poster(request, slug: str, code: str):
    campaign = get_object_or_404(Campaign, slug=slug)
    district = get_object_or_404(campaign.districts, code=code)
    if request.user.role == Role.LIAISON and request.user.district_id != district.pk:
        raise PermissionDenied
    return render(
        request,
        "demands/poster.html",
        {
            "campaign": campaign,
            "district": district,
            "qr_svg": qr.district_svg(request, campaign, district, inline=True),
            "url": qr.district_url(request, campaign, district),
        }
        | _window_context(campaign, district),
    )
