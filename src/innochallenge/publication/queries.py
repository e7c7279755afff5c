"""The public catalog's one question: which published demands match these filters and words, in what
order. Pages, the public API, feeds and the benchmark all ask it here."""

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

from innochallenge.publication import search
from innochallenge.publication.budget import band_by_code
from innochallenge.publication.enums import BudgetDisplay
from innochallenge.publication.public import public_demands


@dataclass
class CatalogQuery:
    q: str = ""
    campaign: str = ""
    field: str = ""
    district: str = ""
    channel: str = ""
    budget: str = ""  # a band code, e.g. "100-300"
    mode: str = ""

    @classmethod
    def from_params(cls, params) -> "CatalogQuery":
        return cls(**{k: (params.get(k) or "").strip()[:200] for k in asdict(cls())})

    @property
    def active(self) -> bool:
        return any(asdict(self).values())


def matching_ids(query: CatalogQuery) -> list[int]:
    """Ids of the public demands that pass the filters: best match first when there are words, else the
    latest published first."""
    demands = public_demands()
    lookups = {
        "campaign__slug": query.campaign,
        "industry_field__code": query.field,
        "district__code": query.district,
        "channel": query.channel,
        "cooperation_modes__code": query.mode,
    }
    demands = demands.filter(**{k: v for k, v in lookups.items() if v})
    if query.budget:
        band = band_by_code(query.budget)
        if band is None:
            return []
        # A hidden budget never matches a budget filter: filtering must not reveal what the page hides.
        demands = demands.exclude(publication__budget_display=BudgetDisplay.HIDDEN).filter(band.lookup())
    ids = list(
        dict.fromkeys(demands.order_by("-publication__published_at", "-pk").values_list("pk", flat=True))
    )
    if query.q.strip():
        return search.rank(query.q, set(ids)) if ids else []
    return ids


class Results(Sequence):
    """A page-able list of ids that loads only the demands of the page asked for, in order."""

    def __init__(self, ids: list[int], load: Callable[[list], list]):
        self.ids, self.load = ids, load

    def __len__(self) -> int:
        return len(self.ids)

    def count(self, value=None) -> int:  # Django's Paginator and ninja's pagination ask for count()
        return len(self.ids)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self.load(self.ids[index])
        return self.load([self.ids[index]])[0]


def load_demands(ids: list[int]) -> list:
    """The demands of these ids, in this order, with their organisation: `public_view` blots its name out
    of a demand that hides it."""
    found = public_demands().select_related("organisation").in_bulk(ids)
    return [found[i] for i in ids if i in found]
