"""Conflicts of interest, found from the data before judges are invited (SPEC §4.6–4.7; the way HotCRP
and OpenReview do it): a judge conflicts with an entry when he works for, used to work for, or declared a
relation with one of its parties — the demand's enterprise, the providers whose solutions are judged, the
service organisation of the demand's broker — or is that broker's organisation himself.

Names are compared after folding width and case and dropping spaces and punctuation; one name inside the
other counts when the shorter has four characters or more (苏州大学 matches 苏州大学机电工程学院), so a
declared "Soochow University" matches only an organisation whose English name says so. The demand side's
own seat on its demand's panel is reported as DEMAND_SIDE: by design, shown openly, not blocking.
A prior contract counts too: a registered technology contract between the judge's organisation (by id, or
by the name he works for) and a party of the entry."""

import re
import unicodedata
from dataclasses import dataclass

from django.db.models import Q

from innochallenge.judging.enums import ConflictKind, JudgeKind, Stage
from innochallenge.solutions.enums import COUNTED

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def fold(name: str) -> str:
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", name or "").casefold())


def same_party(a: str, b: str) -> bool:
    a, b = fold(a), fold(b)
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return short == long or (len(short) >= 4 and short in long)


@dataclass(frozen=True)
class Party:
    role: str  # "enterprise", "provider" or "broker"
    organisation_id: int | None
    names: tuple[str, ...]


@dataclass(frozen=True)
class Found:
    kind: str
    detail: str


def parties(entry) -> list[Party]:
    demand = entry.demand
    found = []
    enterprise = demand.organisation
    found.append(
        Party(
            "enterprise",
            demand.organisation_id,
            tuple(n for n in (demand.company_name, enterprise and enterprise.name) if n),
        )
    )
    if entry.round.stage == Stage.FINAL and entry.solution_id:
        solutions = [entry.solution]
    else:
        solutions = list(demand.solutions.filter(status__in=COUNTED).select_related("provider"))
    for solution in solutions:
        provider = solution.provider
        found.append(Party("provider", provider.pk, tuple(n for n in (provider.name, provider.name_en) if n)))
    assignment = getattr(demand, "assignment", None)
    if assignment is not None and assignment.broker.organisation_id:
        service = assignment.broker.organisation
        found.append(Party("broker", service.pk, tuple(n for n in (service.name, service.name_en) if n)))
    return found


def find(judge, entry) -> list[Found]:
    """Every conflict between `judge` (a user, with his judge profile if any) and `entry`."""
    profile = getattr(judge, "judge_profile", None)
    works_for = [
        n for n in (profile and profile.affiliation, judge.organisation and judge.organisation.name) if n
    ]
    own_ids = {i for i in (judge.organisation_id, profile and profile.organisation_id) if i}
    past = profile.lines(profile.past_employers) if profile else []
    related = profile.lines(profile.relations) if profile else []
    demand_side = bool(profile and profile.kind == JudgeKind.DEMAND_SIDE)
    assignment = getattr(entry.demand, "assignment", None)

    found: dict[str, Found] = {}
    entry_parties = parties(entry)
    if assignment is not None and assignment.broker_id == judge.pk:
        found[ConflictKind.BROKER] = Found(ConflictKind.BROKER, str(judge))
    for party in entry_parties:
        label = party.names[0] if party.names else "—"
        if party.role == "enterprise" and demand_side and party.organisation_id in own_ids:
            found.setdefault(ConflictKind.DEMAND_SIDE, Found(ConflictKind.DEMAND_SIDE, label))
            continue
        kind = ConflictKind.BROKER if party.role == "broker" else ConflictKind.ORGANISATION
        if party.organisation_id in own_ids or _matches(works_for, party.names):
            found.setdefault(kind, Found(kind, label))
        elif _matches(past, party.names):
            found.setdefault(ConflictKind.PAST_EMPLOYER, Found(ConflictKind.PAST_EMPLOYER, label))
        elif _matches(related, party.names):
            found.setdefault(ConflictKind.RELATION, Found(ConflictKind.RELATION, label))
    if ConflictKind.DEMAND_SIDE not in found:  # the demand side's own contracts are its business
        contract = _prior_contract(own_ids, works_for, entry_parties)
        if contract is not None:
            found[ConflictKind.CONTRACT] = Found(ConflictKind.CONTRACT, contract)
    return list(found.values())


def _prior_contract(own_ids: set, works_for: list[str], entry_parties: list[Party]) -> str | None:
    """The number of a contract between the judge's organisation and a party of the entry, if any."""
    from innochallenge.contracts.models import Contract  # noqa: PLC0415 - contracts build on judging's results

    ids = {p.organisation_id for p in entry_parties if p.role != "broker" and p.organisation_id}
    contracts = Contract.objects.filter(Q(enterprise_id__in=ids) | Q(provider_id__in=ids)).select_related(
        "enterprise", "provider"
    )
    for contract in contracts:
        for side, other in (
            (contract.enterprise, contract.provider),
            (contract.provider, contract.enterprise),
        ):
            if side.pk in ids and (other.pk in own_ids or _matches(works_for, (other.name, other.name_en))):
                return contract.number
    return None


def _matches(declared: list[str], names: tuple[str, ...]) -> bool:
    return any(same_party(d, n) for d in declared for n in names)
