"""What the public may see of a published demand, and nothing more.

Every public surface — catalog pages, the public API, feeds, the sitemap and search snippets — is built
from `public_view`, so a field the enterprise hid cannot appear anywhere: not the company name (also
blotted out of the free text), not the profile that would identify it, never a contact, and the budget
only as the enterprise allowed."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from innochallenge.demands.enums import DemandStatus
from innochallenge.demands.models import Demand
from innochallenge.publication.budget import amount_label, band_of
from innochallenge.publication.enums import BudgetDisplay
from innochallenge.publication.models import Publication
from innochallenge.publication.names import blot, hidden_name, name_variants

__all__ = ["blot", "name_variants"]  # moved to publication.names; kept importable from here

#: Statuses in which a demand is in the public catalog.
PUBLIC_STATUSES = (DemandStatus.PUBLISHED, DemandStatus.CLOSED)
ENGLISH = "en"
CHINESE = "zh-hans"


def public_demands():
    """Demands anyone may see, with what their public views need."""
    return (
        Demand.objects.filter(status__in=PUBLIC_STATUSES, publication__published_at__isnull=False)
        .select_related("campaign", "district", "industry_field", "organisation", "publication")
        .prefetch_related("cooperation_modes", "campaign__districts")  # the districts: `hidden_name`
    )


def is_english(lang: str | None) -> bool:
    return (lang or "").lower().startswith("en")


def page_path(demand: Demand, lang: str) -> str:
    name = "publication:detail-en" if is_english(lang) else "publication:detail"
    return reverse(name, args=[demand.campaign.slug, demand.number])


@dataclass
class PublicText:
    title: str
    description: str
    english_pending: bool


def _text(demand: Demand, publication: Publication, english: bool) -> PublicText:
    if english and not publication.english_pending:
        return PublicText(publication.title_en, publication.description_en, False)
    return PublicText(demand.title, demand.description, english)


def public_view(demand: Demand, lang: str, base_url: str = "", *, details_open: bool = False) -> dict:
    """The demand as the public sees it in `lang` ("zh-hans" or "en"); `base_url` makes `url` absolute.
    `details_open`: a confidential demand's description as well (for a provider who accepted the terms),
    the hidden name still blotted."""
    publication = demand.publication
    english = is_english(lang)
    with translation.override(ENGLISH if english else CHINESE):
        mask = _("An enterprise")
        names = hidden_name(demand)
        text = _text(demand, publication, english)
        if publication.confidential and not details_open:
            text.description = _(
                "This demand is confidential: registered solution providers read the details after accepting "
                "the campaign's confidentiality terms."
            )
        field = demand.industry_field
        display = publication.budget_display
        amount = demand.budget_wan
        if display == BudgetDisplay.EXACT and amount is not None:
            budget = amount_label(amount)
        elif display == BudgetDisplay.RANGE and amount is not None:
            budget = band_of(amount).label
        else:
            budget = None
        return {
            "id": demand.pk,
            "reference": demand.reference,
            "url": base_url + page_path(demand, lang),
            "lang": ENGLISH if english else CHINESE,
            "campaign": demand.campaign.slug,
            "status": demand.status,
            "closed": demand.status == DemandStatus.CLOSED,
            "channel": demand.channel,
            "channel_name": str(demand.get_channel_display()),
            "district": demand.district.code if demand.district else None,
            "district_name": demand.district.display_name if demand.district else None,
            "industry_field": field.code if field else None,
            "industry_field_name": (
                f"{field.display_name}（{blot(demand.industry_field_other, names, mask)}）"
                if field and field.requires_text and demand.industry_field_other
                else (field.display_name if field else None)
            ),
            "title": blot(text.title, names, mask),
            "description": blot(text.description, names, mask),
            "english_pending": text.english_pending,
            "confidential": publication.confidential,
            "company_name": demand.company_name if publication.show_company_name else mask,
            "company_shown": publication.show_company_name,
            "company_profile": (
                demand.company_profile
                if publication.show_company_name and not publication.confidential
                else ""
            ),
            "budget": budget,
            "budget_wan": amount if display == BudgetDisplay.EXACT else None,
            "budget_band": band_of(amount).code
            if amount is not None and display != BudgetDisplay.HIDDEN
            else None,
            "cooperation_modes": [m.display_name for m in demand.cooperation_modes.all()],
            "cooperation_other": blot(demand.cooperation_other, names, mask),
            "contact": _("Through the challenge's technology broker: use “I have a solution”."),
            "published_at": publication.published_at,
            "updated_at": max(t for t in (publication.updated_at, demand.updated_at) if t is not None),
        }


def search_text(demand: Demand) -> str:
    """All the public text of a demand in both languages: what search may match and quote."""
    parts = []
    for lang in (CHINESE, ENGLISH):
        view = public_view(demand, lang)
        parts += [view["title"], view["description"], view["industry_field_name"] or ""]
        parts += [view["district_name"] or "", view["company_name"] if view["company_shown"] else ""]
    return "\n".join(dict.fromkeys(p for p in parts if p))
