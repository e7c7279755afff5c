"""The name a given reader may see for an enterprise, wherever it appears with some of its demands (an
event's participant card, a meeting request, an agenda row, a notice).

Each demand carries its own display choice: shown under the company's name, or as "某企业". An
enterprise that hides its name on one demand and shows it on another must not be re-identified by
appearing with both: a demand public under the full name, listed beside the hidden one, names it as surely
as the name itself. So the rule is one and lives here: the name appears only when every demand it
appears with shows it to this reader; otherwise the enterprise is "某企业" and is listed with only the
demands that hide it. The enterprise itself and the staff who work on a demand (the organiser, the
demand's district liaison and its broker) always see the name."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from innochallenge.accounts.rules import is_broker, is_organiser
from innochallenge.demands.models import Demand
from innochallenge.demands.rules import is_demands_broker, is_liaison_of_demand, is_own_enterprise
from innochallenge.publication.models import Publication

ENGLISH = "en"
CHINESE = "zh-hans"


def _english(lang: str | None) -> bool:
    return (lang or "").lower().startswith("en")


def mask(lang: str) -> str:
    """What a hidden enterprise is called in `lang`: 某企业 / An enterprise."""
    with translation.override(ENGLISH if _english(lang) else CHINESE):
        return _("An enterprise")


def may_see_real_name(reader, demand: Demand) -> bool:
    """The enterprise itself and the staff who work on `demand` know whose it is."""
    if reader is None or not getattr(reader, "is_authenticated", False):
        return False
    if is_organiser(reader) or is_own_enterprise(reader, demand) or is_liaison_of_demand(reader, demand):
        return True
    # is_broker first: the broker check reads the demand's assignment, one query per demand otherwise
    return bool(is_broker(reader) and is_demands_broker(reader, demand))


def shows_name(demand: Demand) -> bool:
    """The enterprise's choice for `demand`; a demand never published has shown nothing."""
    try:
        return bool(demand.publication.show_company_name)
    except Publication.DoesNotExist:
        return False


@dataclass(frozen=True)
class SeenName:
    """An enterprise as one reader sees it: the name, whether it is masked, and which of the demands it
    appeared with may be listed under that name."""

    name: str
    masked: bool
    demands: list[Demand]


def real_name(organisation, lang: str, *, demand: Demand | None = None) -> str:
    if organisation is None:
        return demand.company_name if demand is not None else ""
    return (organisation.name_en or organisation.name) if _english(lang) else organisation.name


def enterprise_seen_by(reader, organisation, demands: Iterable[Demand], lang: str) -> SeenName:
    """The name `reader` may see for `organisation` appearing with `demands`, in `lang`: its real name
    only when every one of those demands shows it to this reader (see the module docstring); otherwise
    "某企业", with only the demands that hide it. An enterprise appearing with no demand is named."""
    demands = list(demands)
    hidden = [d for d in demands if not (shows_name(d) or may_see_real_name(reader, d))]
    if hidden:
        return SeenName(mask(lang), True, hidden)
    first = demands[0] if demands else None
    return SeenName(real_name(organisation, lang, demand=first), False, demands)
