"""Export demands as the official form (.docx) or as sheets (.xlsx, .csv), following the reader's role:
liaisons get only their district, and contact details only go to roles allowed to see them."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from innochallenge.audit.reads import record_contact_export
from innochallenge.campaigns.models import Campaign
from innochallenge.demands import queries, services
from innochallenge.demands.fields import CONTACT_FIELDS
from innochallenge.demands.importing import campaign_options
from innochallenge.demands.io.docx_form import write_forms
from innochallenge.demands.io.sheets import write_sheet
from innochallenge.demands.models import Demand

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass(frozen=True)
class Export:
    content: bytes
    filename: str
    content_type: str


def raw_of(demand: Demand, *, with_contacts: bool) -> dict:
    """A demand as the file readers give it back: option names in Chinese, the budget as text."""
    values = services.values_of(demand, key="name")
    values["is_leading_enterprise"] = "是" if demand.is_leading_enterprise else ""
    if not with_contacts:
        values |= dict.fromkeys(CONTACT_FIELDS, "")
    return {k: (v if isinstance(v, list) else str(v or "")) for k, v in values.items()}


def demands_for_export(user, campaign: Campaign, district: str = "") -> QuerySet[Demand]:
    demands = queries.visible_demands(user, campaign).select_related("sales_bracket")
    if district:
        demands = demands.filter(district__code=district)
    return demands.prefetch_related("cooperation_modes").order_by("number")


def export(demands, fmt: str, *, user, campaign: Campaign, lang: str = "zh", name: str = "") -> Export:
    if fmt not in FORMATS:
        raise ValueError(fmt)
    demands = list(demands)
    with_contacts = [user.has_perm("demands.view_contacts", d) for d in demands]
    rows = [raw_of(d, with_contacts=shown) for d, shown in zip(demands, with_contacts, strict=True)]
    if fmt == "docx":
        content = write_forms(rows or [{}], campaign_options(campaign), lang=lang)
    else:
        content = write_sheet(rows, fmt, lang=lang)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    filename = f"{campaign.slug}-{name or 'demands'}-{stamp}.{fmt}"
    # A sensitive read: who took contacts, in which file, how many (audit/reads.py).
    record_contact_export(actor=user, export=f"demands.{fmt}", obj=campaign, rows=sum(with_contacts))
    return Export(content, filename, FORMATS[fmt])


def blank_template(campaign: Campaign, fmt: str, *, lang: str = "zh") -> Export:
    """The empty form (.docx) or sheet (.xlsx/.csv) the importer accepts back once filled in."""
    if fmt == "docx":
        content = write_forms([{}], campaign_options(campaign), lang=lang)
    else:
        content = write_sheet([], fmt, lang=lang)
    return Export(content, f"{campaign.slug}-demand-form.{fmt}", FORMATS[fmt])
