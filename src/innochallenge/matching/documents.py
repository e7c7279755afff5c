"""What the engine reads of the site's rows: one `Doc` per achievement ("a:<id>"), verified provider
("p:<profile id>") and published demand ("d:<demand id>").

A demand is read only through `publication.public.public_view`: the engine never holds a hidden company
name, a hidden budget or a confidential description, so no match, explanation or push can show one."""

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import Prefetch

from innochallenge.matching.engine import dense
from innochallenge.matching.engine.ranking import Facts
from innochallenge.matching.enums import MATURITY_LEVEL
from innochallenge.matching.models import Achievement
from innochallenge.publication.enums import BudgetDisplay
from innochallenge.publication.public import CHINESE, public_demands, public_view
from innochallenge.solutions.enums import COUNTED, ProviderStatus
from innochallenge.solutions.models import ProviderProfile, Solution

ACHIEVEMENT, PROVIDER, DEMAND = "a", "p", "d"


@dataclass
class Doc:
    key: str
    title: str
    text: str  # what is cut into terms and encoded
    keywords: str = ""  # the short text of the second vector
    facts: Facts = field(default_factory=Facts)

    @property
    def sha(self) -> str:
        return hashlib.sha256(f"{dense.MODEL}\x1f{self.text}\x1f{self.keywords}".encode()).hexdigest()


def kind_of(key: str) -> str:
    return key.split(":", 1)[0]


def id_of(key: str) -> int:
    return int(key.split(":", 1)[1])


# --- achievements ---------------------------------------------------------------------------------------


def _sentences(*parts: str) -> str:
    """Parts joined into one text, one full stop between them (not two)."""
    return "。".join(p.strip().rstrip("。.;；") for p in parts if p and p.strip())


def achievement_doc(a: Achievement) -> Doc:
    return Doc(
        key=f"{ACHIEVEMENT}:{a.pk}",
        title=a.title,
        text=_sentences(a.title, a.abstract, a.keywords),
        keywords=a.keywords,
        facts=Facts(field=(a.field or "").strip(), maturity=MATURITY_LEVEL.get(a.maturity)),
    )


# --- providers ------------------------------------------------------------------------------------------


def matchable_providers():
    """Verified providers, each with its organisation's counted solutions at hand (`past_solutions`)."""
    past = Solution.objects.filter(status__in=COUNTED).select_related("cooperation_mode")
    return (
        ProviderProfile.objects.filter(status=ProviderStatus.VERIFIED)
        .select_related("organisation")
        .prefetch_related(Prefetch("organisation__solutions", queryset=past, to_attr="past_solutions"))
    )


def provider_doc(profile: ProviderProfile) -> Doc:
    organisation = profile.organisation
    past = getattr(organisation, "past_solutions", None)
    if past is None:  # a profile not read through matchable_providers()
        past = list(organisation.solutions.filter(status__in=COUNTED).select_related("cooperation_mode"))
    past_text = "。".join(f"{s.title}：{s.summary}" for s in past[:20])
    names = " ".join(n for n in (organisation.name, organisation.name_en) if n)
    return Doc(
        key=f"{PROVIDER}:{profile.pk}",
        title=names,
        text=_sentences(names, profile.expertise, profile.keywords, past_text),
        keywords="，".join(p for p in (profile.keywords, profile.expertise.replace("\n", "，")) if p),
        facts=Facts(
            modes=frozenset(s.cooperation_mode.code for s in past if s.cooperation_mode),
            region=str(profile.country),
        ),
    )


# --- demands --------------------------------------------------------------------------------------------


def demand_doc(demand) -> Doc:
    view = public_view(demand, CHINESE)
    budget = demand.budget_wan if demand.publication.budget_display != BudgetDisplay.HIDDEN else None
    return Doc(
        key=f"{DEMAND}:{demand.pk}",
        title=view["title"],
        text=_sentences(view["title"], view["description"]),
        keywords=view["title"],
        facts=Facts(
            field=demand.industry_field.name if demand.industry_field else "",
            modes=frozenset(m.code for m in demand.cooperation_modes.all()),
            budget_wan=float(budget) if budget is not None else None,
            regions=frozenset(demand.campaign.matching_regions or ()),
        ),
    )


# --- all of them ----------------------------------------------------------------------------------------


def docs_for(keys: Iterable[str]) -> tuple[list[Doc], list[str]]:
    """The documents of these keys as they are now, and the keys that are gone (or no longer match)."""
    wanted: dict[str, set[int]] = {ACHIEVEMENT: set(), PROVIDER: set(), DEMAND: set()}
    for key in keys:
        wanted[kind_of(key)].add(id_of(key))
    found = [achievement_doc(a) for a in Achievement.objects.filter(pk__in=wanted[ACHIEVEMENT])]
    found += [provider_doc(p) for p in matchable_providers().filter(pk__in=wanted[PROVIDER])]
    found += [demand_doc(d) for d in public_demands().filter(pk__in=wanted[DEMAND], status="published")]
    present = {d.key for d in found}
    gone = [f"{kind}:{pk}" for kind, ids in wanted.items() for pk in ids if f"{kind}:{pk}" not in present]
    return found, gone


def all_docs() -> Iterator[Doc]:
    for a in Achievement.objects.order_by("pk").iterator(chunk_size=2000):
        yield achievement_doc(a)
    for p in matchable_providers().order_by("pk"):
        yield provider_doc(p)
    for d in public_demands().filter(status="published").order_by("pk"):
        yield demand_doc(d)


def doc_of(key: str) -> Doc | None:
    found, _ = docs_for([key])
    return found[0] if found else None
