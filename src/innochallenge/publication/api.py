"""Publication over HTTP: the enterprise's display wishes, publishing and closing (authenticated), and the
public catalog (no authentication, masked as each enterprise chose)."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from innochallenge.accounts.api import ErrorOut, bearer
from innochallenge.api_pagination import Pagination
from innochallenge.api_types import RowId
from innochallenge.core.addresses import site_base
from innochallenge.core.schemas import InputSchema
from innochallenge.demands import queries as demand_queries
from innochallenge.demands.api import DemandOut, demand_out
from innochallenge.publication import services
from innochallenge.publication.public import public_demands, public_view
from innochallenge.publication.queries import CatalogQuery, Results, load_demands, matching_ids
from innochallenge.publication.search import highlight

router = Router(tags=["publication"], auth=bearer)
public_router = Router(tags=["public catalog"], auth=None)
_RESPONSES = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
BudgetChoice = Literal["exact", "range", "hidden"]


class PublishIn(InputSchema):
    MULTILINE = frozenset({"description_en"})

    show_company_name: bool | None = Field(None, description="Left out: what the enterprise chose.")
    budget_display: BudgetChoice | None = None
    title_en: str | None = Field(None, max_length=300)
    description_en: str | None = None


class DisplayIn(InputSchema):
    show_company_name: bool
    budget_display: BudgetChoice
    confidential: bool | None = Field(None, description="Details only for providers who accepted the terms.")


class CloseIn(InputSchema):
    MULTILINE = frozenset({"reason"})

    reason: str = ""


class PublicationOut(Schema):
    show_company_name: bool
    budget_display: str
    confidential: bool
    title_en: str
    description_en: str
    english_pending: bool
    published_at: dt.datetime | None
    url: str | None
    demand: DemandOut


class PublicDemandOut(Schema):
    id: int
    reference: str
    url: str = Field(description="The demand's public page, in the language asked for.")
    lang: str
    campaign: str
    status: str
    closed: bool
    channel: str
    channel_name: str
    district: str | None
    district_name: str | None
    industry_field: str | None
    industry_field_name: str | None
    title: str
    description: str
    english_pending: bool = Field(description="True when the English version is not written yet.")
    confidential: bool = Field(description="True: the description opens to providers who accept the terms.")
    company_name: str = Field(description="The name, or “某企业 / An enterprise” when hidden.")
    company_shown: bool
    company_profile: str
    budget: str | None = Field(description="As the enterprise allowed: exact, a range, or null.")
    budget_wan: Decimal | None
    budget_band: str | None
    cooperation_modes: list[str]
    cooperation_other: str
    contact: str
    published_at: dt.datetime | None
    updated_at: dt.datetime
    snippet: str | None = Field(None, description="With q: an HTML excerpt, the words found in <mark>.")


class PublicFilter(InputSchema):
    q: str = Field("", description="Words to search for, Chinese or English.")
    campaign: str = ""
    field: str = Field("", description="Industry field code.")
    district: str = Field("", description="District code.")
    channel: str = Field("", description="field or leading.")
    budget: str = Field("", description="Budget band, e.g. 100-300 (万元); hidden budgets never match.")
    mode: str = Field("", description="Cooperation mode code.")
    lang: Literal["zh-hans", "zh", "en"] = "zh-hans"


def _publication_out(request, demand) -> dict:
    publication = demand.publication
    return {
        "show_company_name": publication.show_company_name,
        "budget_display": publication.budget_display,
        "confidential": publication.confidential,
        "title_en": publication.title_en,
        "description_en": publication.description_en,
        "english_pending": publication.english_pending,
        "published_at": publication.published_at,
        "url": public_view(demand, "zh-hans", site_base(request))["url"]
        if publication.published_at
        else None,
        "demand": demand_out(demand, request.user),
    }


def _demand(request, demand_id: RowId):
    return get_object_or_404(demand_queries.visible_demands(request.user), pk=demand_id)


@router.post("/{demand_id}/publish", response={200: PublicationOut} | _RESPONSES, summary="Publish a demand")
def publish(request, demand_id: RowId, payload: PublishIn):
    demand = _demand(request, demand_id)
    if not request.user.has_perm("publication.publish_demand.role", demand):
        raise HttpError(403, _("Only the organiser and the demand's broker publish it."))
    services.publish(demand, by=request.user, **payload.dict())
    demand.refresh_from_db()
    return _publication_out(request, demand)


@router.post(
    "/{demand_id}/display", response={200: PublicationOut} | _RESPONSES, summary="Choose what the public sees"
)
def display(request, demand_id: RowId, payload: DisplayIn):
    demand = _demand(request, demand_id)
    if not request.user.has_perm("publication.choose_display.role", demand):
        raise HttpError(403, _("Only the enterprise (or the organiser) chooses what the public sees."))
    services.choose_display(demand, by=request.user, **payload.dict())
    demand.refresh_from_db()
    return _publication_out(request, demand)


@router.post("/{demand_id}/close", response={200: DemandOut} | _RESPONSES, summary="Close a published demand")
def close(request, demand_id: RowId, payload: CloseIn):
    demand = _demand(request, demand_id)
    if not request.user.has_perm("publication.close_demand.role", demand):
        raise HttpError(403, _("Only the organiser closes demands."))
    demand = services.close(demand, by=request.user, reason=payload.reason)
    return demand_out(demand, request.user)


def _base(request) -> str:
    return site_base(request)


@public_router.get("/demands", response=list[PublicDemandOut], summary="Published demands (public)")
@paginate(Pagination, page_size=20)
def public_list(request, filters: Query[PublicFilter]):
    query = CatalogQuery(**filters.dict(exclude={"lang"}))
    base = _base(request)

    def load(ids):
        views = []
        for demand in load_demands(ids):
            view = public_view(demand, filters.lang, base)
            if query.q:
                view["snippet"] = str(highlight(view["description"], query.q))
            views.append(view)
        return views

    return Results(matching_ids(query), load)


@public_router.get(
    "/demands/{demand_id}", response={200: PublicDemandOut, 404: ErrorOut}, summary="One published demand"
)
def public_detail(request, demand_id: RowId, lang: Literal["zh-hans", "zh", "en"] = "zh-hans"):
    demand = get_object_or_404(public_demands(), pk=demand_id)
    return public_view(demand, lang, _base(request))
