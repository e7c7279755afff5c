"""Demands over HTTP: file a draft, change it, submit it, list and read what the caller may see."""

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Header, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from innochallenge.accounts.api import ErrorOut, bearer
from innochallenge.api_pagination import Pagination
from innochallenge.api_types import RowId
from innochallenge.campaigns.models import Campaign
from innochallenge.core.schemas import InputSchema
from innochallenge.demands import once, queries, services
from innochallenge.demands.enums import Source
from innochallenge.demands.fields import CONTACT_FIELDS, MULTILINE
from innochallenge.demands.models import Demand

router = Router(tags=["demands"], auth=bearer)
quota_router = Router(tags=["demands"], auth=bearer)


class DemandIn(InputSchema):
    """The form's fields; all optional for a draft. Choices take a code, a Chinese or an English name."""

    MULTILINE = MULTILINE

    campaign: str | None = Field(None, description="Campaign code; the campaign running today if left out.")
    company_name: str | None = None
    district: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    contact_title: str | None = None
    contact_email: str | None = None
    company_profile: str | None = None
    sales_bracket: str | None = None
    title: str | None = None
    budget_wan: Decimal | str | None = Field(None, description="In 10k CNY (万元), at most two decimals.")
    industry_field: str | None = None
    industry_field_other: str | None = None
    description: str | None = None
    cooperation_modes: list[str] | None = None
    cooperation_other: str | None = None
    broker_name: str | None = None
    broker_phone: str | None = None
    is_leading_enterprise: bool | None = None


class DemandOut(Schema):
    id: int
    reference: str
    campaign: str
    status: str
    channel: str
    source: str
    company_name: str
    district: str | None
    district_name: str | None
    contact_name: str | None = Field(description="Personal data: null unless the caller may see contacts.")
    contact_phone: str | None
    contact_title: str | None
    contact_email: str | None
    company_profile: str
    sales_bracket: str | None
    title: str
    budget_wan: Decimal | None
    industry_field: str | None
    industry_field_other: str
    description: str
    cooperation_modes: list[str]
    cooperation_other: str
    broker_name: str
    broker_phone: str | None
    is_leading_enterprise: bool
    created_at: dt.datetime
    updated_at: dt.datetime
    submitted_at: dt.datetime | None


class DemandFilter(InputSchema):
    campaign: str | None = Field(None, description="Campaign code.")
    district: str | None = Field(None, description="District code.")
    status: str | None = None
    field: str | None = Field(None, description="Industry field code.")
    channel: str | None = Field(None, description="field or leading.")

    def apply(self, demands):
        lookups = {
            "campaign__slug": self.campaign,
            "district__code": self.district,
            "status": self.status,
            "industry_field__code": self.field,
            "channel": self.channel,
        }
        return demands.filter(**{k: v for k, v in lookups.items() if v})


def demand_out(demand: Demand, user) -> dict:
    values = {name: getattr(demand, name) for name in DemandOut.model_fields if hasattr(demand, name)}
    values |= {
        "campaign": demand.campaign.slug,
        "district": demand.district.code if demand.district else None,
        "district_name": demand.district.name if demand.district else None,
        "sales_bracket": demand.sales_bracket.code if demand.sales_bracket else None,
        "industry_field": demand.industry_field.code if demand.industry_field else None,
        "cooperation_modes": [m.code for m in demand.cooperation_modes.all()],
    }
    if not user.has_perm("demands.view_contacts", demand):
        values |= dict.fromkeys(CONTACT_FIELDS)
    return values


def _given(payload: DemandIn) -> dict:
    return {k: v for k, v in payload.dict(exclude_unset=True).items() if k != "campaign"}


def _demand_for(request, demand_id: RowId) -> Demand:
    return get_object_or_404(queries.visible_demands(request.user), pk=demand_id)


_RESPONSES = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@router.post(
    "",
    response={200: DemandOut, 201: DemandOut} | _RESPONSES,
    summary="File a demand as a draft",
    description="With an `Idempotency-Key` header (8–64 letters, digits, - or _), sending the same request "
    "again answers 200 with the demand the first one filed instead of filing another.",
)
def create_demand(
    request, payload: DemandIn, idempotency_key: str | None = Header(None, alias="Idempotency-Key")
):
    if not request.user.has_perm("demands.file_demand"):
        raise HttpError(403, _("You may not file demands."))
    key = idempotency_key or ""
    if key and not once.valid(key):
        raise HttpError(422, _("The Idempotency-Key must be 8 to 64 letters, digits, - or _."))
    earlier = once.earlier_demand(request.user, key)
    if earlier is not None:
        return Status(200, demand_out(earlier, request.user))
    if payload.campaign:
        campaign = get_object_or_404(Campaign, slug=payload.campaign)
    else:
        campaign = Campaign.objects.current(timezone.localdate())
        if campaign is None:
            raise HttpError(404, _("There is no campaign."))
    try:
        demand = services.create_demand(
            campaign, _given(payload), by=request.user, source=Source.API, submission_key=key
        )
    except IntegrityError:  # the same request twice at once: the other one filed it
        earlier = once.earlier_demand(request.user, key)
        if earlier is None:
            raise
        return Status(200, demand_out(earlier, request.user))
    return Status(201, demand_out(demand, request.user))


@router.get("", response=list[DemandOut], summary="The demands the caller may see")
@paginate(Pagination, page_size=50)
def list_demands(request, filters: Query[DemandFilter]):
    demands = filters.apply(queries.visible_demands(request.user))
    # The assignment because `demands.view_contacts` asks, per demand, whether the caller is its broker.
    demands = demands.select_related("sales_bracket", "assignment").prefetch_related("cooperation_modes")
    return [demand_out(d, request.user) for d in demands]


@router.get("/{demand_id}", response={200: DemandOut} | _RESPONSES, summary="One demand")
def get_demand(request, demand_id: RowId):
    return demand_out(_demand_for(request, demand_id), request.user)


@router.patch("/{demand_id}", response={200: DemandOut} | _RESPONSES, summary="Change a draft")
def update_demand(request, demand_id: RowId, payload: DemandIn):
    demand = _demand_for(request, demand_id)
    if not request.user.has_perm("demands.edit_demand", demand):
        raise HttpError(403, _("You may not change this demand."))
    demand = services.update_demand(demand, _given(payload), by=request.user, partial=True)
    return demand_out(demand, request.user)


@router.post("/{demand_id}/submit", response={200: DemandOut} | _RESPONSES, summary="Submit a draft")
def submit_demand(request, demand_id: RowId):
    demand = _demand_for(request, demand_id)
    if not request.user.has_perm("demands.submit_demand", demand):
        raise HttpError(403, _("You may not submit this demand."))
    demand = services.submit_demand(demand, by=request.user)
    return demand_out(demand, request.user)


class LeadingOut(Schema):
    organisation: str
    status: str
    demands: int
    below_minimum: bool


class DistrictProgressOut(Schema):
    code: str
    name: str
    name_en: str
    demand_target: int
    filed: int
    submitted: int
    publishable: int
    percent: int = Field(description="Publishable demands against the target, in whole percent.")
    leading_min: int
    leading_max: int
    leading_confirmed: int
    leading_declared: int
    min_demands_per_leading: int
    leading_below_minimum: list[str] = Field(description="Confirmed leading enterprises short of demands.")
    leading: list[LeadingOut]


class QuotaProgressOut(Schema):
    campaign: str
    as_of: dt.datetime
    districts: list[DistrictProgressOut]
    totals: dict[str, int]


@quota_router.get(
    "/{slug}/quota-progress",
    response={200: QuotaProgressOut, 403: ErrorOut, 404: ErrorOut},
    summary="How far each district is from its quota (liaisons: their district)",
)
def quota_progress(request, slug: str):
    if not request.user.has_perm("demands.view_quota"):
        raise HttpError(403, _("Only the organiser and district liaisons see quota progress."))
    campaign = get_object_or_404(Campaign, slug=slug)
    rows = queries.quota_progress(campaign, queries.visible_districts(request.user, campaign))
    districts = [
        {
            "code": r.district.code,
            "name": r.district.name,
            "name_en": r.district.name_en,
            "demand_target": r.target,
            "filed": r.filed,
            "submitted": r.submitted,
            "publishable": r.publishable,
            "percent": r.percent,
            "leading_min": r.district.leading_min,
            "leading_max": r.district.leading_max,
            "leading_confirmed": r.leading_confirmed,
            "leading_declared": r.leading_declared,
            "min_demands_per_leading": r.district.min_demands_per_leading,
            "leading_below_minimum": [x.organisation for x in r.leading_below_minimum],
            "leading": [x.__dict__ for x in r.leading],
        }
        for r in rows
    ]
    totals = {k: sum(d[k] for d in districts) for k in ("demand_target", "filed", "submitted", "publishable")}
    return {"campaign": campaign.slug, "as_of": timezone.now(), "districts": districts, "totals": totals}
