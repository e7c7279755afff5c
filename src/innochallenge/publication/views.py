"""The public catalog: list with filters and search, detail pages with stable URLs in Chinese
(/catalog/…) and English (/en/catalog/…), and the sitemap. No login; everything through `public_view`."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from innochallenge.campaigns.models import Campaign
from innochallenge.core.addresses import site_base
from innochallenge.core.throttle import throttled
from innochallenge.demands.enums import Channel
from innochallenge.publication.budget import BANDS
from innochallenge.publication.public import CHINESE, ENGLISH, public_demands, public_view
from innochallenge.publication.queries import CatalogQuery, Results, load_demands, matching_ids
from innochallenge.publication.search import highlight


def _activate(request, lang: str) -> None:
    translation.activate(lang)
    request.LANGUAGE_CODE = lang


def _alternates(request, zh_path: str, en_path: str) -> dict:
    query = request.META.get("QUERY_STRING", "")
    suffix = f"?{query}" if query else ""
    return {"zh": zh_path + suffix, "en": en_path + suffix}


@require_GET
@throttled("catalog_search", methods=("GET",))
def catalog(request, lang: str = CHINESE):
    _activate(request, lang)
    query = CatalogQuery.from_params(request.GET)

    def load(ids):
        cards = []
        for demand in load_demands(ids):
            view = public_view(demand, lang)
            view["snippet"] = highlight(view["description"], query.q, width=160)
            view["title_marked"] = highlight(view["title"], query.q, width=300) if query.q else view["title"]
            cards.append(view)
        return cards

    page = Paginator(Results(matching_ids(query), load), 20).get_page(request.GET.get("page"))
    campaign = Campaign.objects.filter(slug=query.campaign).first() if query.campaign else None
    campaign = campaign or Campaign.objects.order_by("-starts_on").first()
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "publication/catalog.html",
        {
            "page": page,
            "query": query,
            "campaign": campaign,
            "channels": Channel.choices,
            "bands": BANDS,
            "page_params": params.urlencode(),
            "alternate_urls": _alternates(
                request, reverse("publication:catalog"), reverse("publication:catalog-en")
            ),
        },
    )


@require_GET
def detail(request, campaign: str, number: int, lang: str = CHINESE):
    _activate(request, lang)
    demand = get_object_or_404(public_demands(), campaign__slug=campaign, number=number)
    view = public_view(demand, lang)
    other = public_view(demand, ENGLISH if lang == CHINESE else CHINESE)
    zh, en = (view, other) if lang == CHINESE else (other, view)
    return render(
        request,
        "publication/detail.html",
        {
            "d": view,
            "alternate_urls": _alternates(request, zh["url"], en["url"]),
            "register_url": reverse("accounts:register") + "?role=provider",
            "answer_url": (
                reverse("solutions:new", args=[demand.pk])
                if request.user.has_perm("solutions.answer_demands") and not view["closed"]
                else None
            ),
            "login_url": reverse("accounts:login") + f"?next={view['url']}",
        },
    )


@require_GET
def sitemap(request):
    """Every public page, in both languages, each with its alternate (hreflang)."""
    base = site_base(request)
    entries = [
        {
            "zh": base + reverse("publication:catalog"),
            "en": base + reverse("publication:catalog-en"),
            "updated": None,
        }
    ]
    for demand in public_demands().order_by("campaign__slug", "number"):
        zh, en = public_view(demand, CHINESE, base), public_view(demand, ENGLISH, base)
        entries.append({"zh": zh["url"], "en": en["url"], "updated": zh["updated_at"]})
    return render(request, "publication/sitemap.xml", {"entries": entries}, content_type="application/xml")
