import datetime as dt
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema
from ninja.pagination import paginate

from innochallenge.accounts.api import ErrorOut
from innochallenge.api_pagination import Pagination
from innochallenge.campaigns import queries
from innochallenge.campaigns.models import Campaign

router = Router(tags=["campaigns"])


class WindowOut(Schema):
    stage: str
    label: str
    starts_on: dt.date
    ends_on: dt.date

    @staticmethod
    def resolve_label(obj) -> str:
        return str(obj.get_stage_display())


class DistrictOut(Schema):
    code: str
    name: str
    name_en: str
    demand_target: int
    leading_min: int
    leading_max: int
    min_demands_per_leading: int


class ChoiceOut(Schema):
    code: str
    name: str
    name_en: str
    requires_text: bool = False


class BracketOut(Schema):
    code: str
    name: str
    name_en: str
    lower_wan: Decimal | None
    upper_wan: Decimal | None


class AwardOut(Schema):
    code: str
    name: str
    name_en: str
    basis: str
    count: int | None
    prize_yuan: Decimal


class SubsidyOut(Schema):
    rate: Decimal
    cap_yuan: Decimal
    region: str
    region_en: str


class EventTemplateOut(Schema):
    kind: str
    template: str
    template_en: str


class CampaignSummaryOut(Schema):
    slug: str
    name: str
    name_en: str
    starts_on: dt.date
    ends_on: dt.date


class CampaignOut(CampaignSummaryOut):
    theme: str
    theme_en: str
    liaison_due_date: dt.date
    leading_channel_name: str
    leading_channel_name_en: str
    current_stages: list[str]
    windows: list[WindowOut]
    districts: list[DistrictOut]
    industry_fields: list[ChoiceOut]
    sales_brackets: list[BracketOut]
    cooperation_modes: list[ChoiceOut]
    awards: list[AwardOut]
    prize_total_yuan: Decimal
    subsidy: SubsidyOut
    event_name_templates: list[EventTemplateOut]


_SCALAR_FIELDS = [
    "slug",
    "name",
    "name_en",
    "starts_on",
    "ends_on",
    "theme",
    "theme_en",
    "liaison_due_date",
    "leading_channel_name",
    "leading_channel_name_en",
]


@router.get("", response=list[CampaignSummaryOut], auth=None, summary="List campaigns")
@paginate(Pagination, page_size=20)
def list_campaigns(request):
    return Campaign.objects.all()


@router.get(
    "/{slug}",
    response={200: CampaignOut, 404: ErrorOut},
    auth=None,
    summary="A campaign with its districts, quotas, fields and windows",
)
def get_campaign(request, slug: str):
    campaign = get_object_or_404(
        Campaign.objects.prefetch_related(
            "windows",
            "districts",
            "industry_fields",
            "sales_brackets",
            "cooperation_modes",
            "award_categories",
            "event_name_templates",
        ),
        slug=slug,
    )
    awards = list(campaign.award_categories.all())
    return {
        **{f: getattr(campaign, f) for f in _SCALAR_FIELDS},
        "current_stages": [w.stage for w in queries.running_stages(campaign, timezone.localdate())],
        "windows": list(campaign.windows.all()),
        "districts": list(campaign.districts.all()),
        "industry_fields": list(campaign.industry_fields.all()),
        "sales_brackets": list(campaign.sales_brackets.all()),
        "cooperation_modes": list(campaign.cooperation_modes.all()),
        "awards": awards,
        "prize_total_yuan": sum((a.total_yuan for a in awards), Decimal(0)),
        "subsidy": {
            "rate": campaign.subsidy_rate,
            "cap_yuan": campaign.subsidy_cap_yuan,
            "region": campaign.subsidy_region,
            "region_en": campaign.subsidy_region_en,
        },
        "event_name_templates": list(campaign.event_name_templates.all()),
    }
