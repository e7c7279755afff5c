"""The broker attribution ledger: what each technology broker and each service team did for a campaign's
demands, counted from the records that name them. Every figure below is defined once, in one function,
and the award nominations, the ranking and a broker's own page all read it from here.

Who is credited with what:
- a diagnosis: the broker who wrote it (`Diagnosis.diagnosed_by`) and that broker's service team;
- a demand (its publication and the meetings it was brought to): the broker and service team it is
  assigned to (`diagnosis.Assignment`);
- a match: the broker who confirmed it (`MatchReview.by`) and his service team;
- a contract: the broker and service team it is credited to (`Contract.broker`, `.service_team`)."""

from collections import defaultdict
from dataclasses import dataclass, field, fields

from django.db.models import Count
from django.utils.translation import gettext as _

from innochallenge.accounts.models import Organisation, User
from innochallenge.contracts.models import Contract
from innochallenge.demands.models import Demand
from innochallenge.diagnosis.models import Diagnosis
from innochallenge.events.enums import MeetingState
from innochallenge.events.models import Meeting, Registration
from innochallenge.matching.enums import MatchVerdict
from innochallenge.matching.models import MatchReview


@dataclass(frozen=True)
class Party:
    """Where one kind of credited party (broker or service team) is named in each record."""

    diagnosis: str  # on Diagnosis
    demand: str  # on Demand
    review: str  # on MatchReview
    contract: str  # on Contract


BROKER = Party("diagnosed_by", "assignment__broker", "by", "broker")
TEAM = Party("diagnosed_by__organisation", "assignment__service_team", "by__organisation", "service_team")


def _grouped(queryset, key: str, counted: str, only) -> dict[int, int]:
    queryset = queryset.filter(**{f"{key}__isnull": False})
    if only is not None:
        queryset = queryset.filter(**{key: only})
    rows = queryset.order_by().values_list(key).annotate(n=Count(counted, distinct=True))
    return {pk: n for pk, n in rows}


def demands_diagnosed(campaign, party: Party, only=None) -> dict[int, int]:
    """Demands of the campaign diagnosed at least once, whatever the decision; a second diagnosis of
    the same demand does not count again."""
    return _grouped(Diagnosis.objects.filter(demand__campaign=campaign), party.diagnosis, "demand", only)


def demands_published(campaign, party: Party, only=None) -> dict[int, int]:
    """Demands assigned to the party that went out in public (a publication date is set); a demand
    published and later closed still counts."""
    published = Demand.objects.filter(campaign=campaign, publication__published_at__isnull=False)
    return _grouped(published, party.demand, "pk", only)


def matches_taken_up(campaign, party: Party, only=None) -> dict[int, int]:
    """Matches of the campaign's demands that the broker confirmed (a dismissed match does not count)."""
    confirmed = MatchReview.objects.filter(demand__campaign=campaign, verdict=MatchVerdict.CONFIRMED)
    return _grouped(confirmed, party.review, "pk", only)


def meetings_held(campaign, party: Party, only=None) -> dict[int, int]:
    """Meetings held at the campaign's events where the enterprise brought a demand assigned to the
    party. A meeting counts once for a party however many of its demands the enterprise brought.

    Meetings are not tied to one demand, only to the registrations that asked for them; the demands an
    enterprise registered with are what links a meeting to the brokers who handle them."""
    meetings = list(
        Meeting.objects.filter(event__campaign=campaign, state=MeetingState.HELD).values_list(
            "pk", "request__sender_id", "request__recipient_id"
        )
    )
    registrations = {r for _pk, sender, recipient in meetings for r in (sender, recipient)}
    brought = Registration.demands.through.objects.filter(registration_id__in=registrations)
    demands_of: dict[int, set[int]] = defaultdict(set)
    for registration_id, demand_id in brought.values_list("registration_id", "demand_id"):
        demands_of[registration_id].add(demand_id)
    credited = dict(
        Demand.objects.filter(pk__in={d for ds in demands_of.values() for d in ds})
        .exclude(**{f"{party.demand}__isnull": True})
        .values_list("pk", party.demand)
    )
    counts: dict[int, int] = defaultdict(int)
    for _pk, sender, recipient in meetings:
        parties = {credited[d] for d in demands_of[sender] | demands_of[recipient] if d in credited}
        for pk in parties:
            if only is None or pk == getattr(only, "pk", only):
                counts[pk] += 1
    return dict(counts)


def contracts_signed(campaign, party: Party, only=None) -> dict[int, int]:
    """Technology contracts of the campaign credited to the party."""
    return _grouped(Contract.objects.filter(campaign=campaign), party.contract, "pk", only)


@dataclass(frozen=True)
class Counts:
    diagnosed: int = 0
    published: int = 0
    matches: int = 0
    meetings: int = 0
    contracts: int = 0

    @property
    def total(self) -> int:
        """Each piece of evidence counts once; ties are broken further down the funnel (see `ranked`)."""
        return sum(getattr(self, f.name) for f in fields(self))

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def summary(self) -> str:
        return (
            _(
                "Demands diagnosed: %(diagnosed)d; published: %(published)d; matches taken up: %(matches)d; "
                "meetings held: %(meetings)d; contracts signed: %(contracts)d."
            )
            % self.as_dict()
        )


_FIGURES = {
    "diagnosed": demands_diagnosed,
    "published": demands_published,
    "matches": matches_taken_up,
    "meetings": meetings_held,
    "contracts": contracts_signed,
}


def counts_by(campaign, party: Party, only=None) -> dict[int, Counts]:
    """Every party with any evidence, by its primary key."""
    figures = {name: figure(campaign, party, only) for name, figure in _FIGURES.items()}
    keys = {pk for values in figures.values() for pk in values}
    return {pk: Counts(**{name: values.get(pk, 0) for name, values in figures.items()}) for pk in keys}


@dataclass
class Row:
    party: User | Organisation
    counts: Counts
    rank: int = 0

    @property
    def name(self) -> str:
        if isinstance(self.party, User):
            return self.party.get_full_name() or self.party.get_username()
        return self.party.name


def ranked(rows: list[Row]) -> list[Row]:
    """Most evidence first; on a tie the party further down the funnel (contracts, then meetings, then
    matches, then publications) comes first. Rows with equal counts share a rank."""

    def key(row: Row):
        c = row.counts
        return (-c.total, -c.contracts, -c.meetings, -c.matches, -c.published, -c.diagnosed)

    rows.sort(key=lambda row: (*key(row), row.name))
    for position, row in enumerate(rows, 1):
        ahead = rows[position - 2] if position > 1 else None
        row.rank = ahead.rank if ahead is not None and key(ahead) == key(row) else position
    return rows


@dataclass
class Ranking:
    brokers: list[Row]
    teams: list[Row]


def _rows(campaign, party: Party, model) -> list[Row]:
    counts = counts_by(campaign, party)
    objects = model.objects.in_bulk(list(counts))
    return ranked([Row(objects[pk], c) for pk, c in counts.items() if pk in objects])


def ranking(campaign) -> Ranking:
    """Brokers and service teams of the campaign with any evidence, ranked."""
    return Ranking(brokers=_rows(campaign, BROKER, User), teams=_rows(campaign, TEAM, Organisation))


@dataclass
class BrokerRecord:
    broker: User
    counts: Counts
    rank: int | None  # among the campaign's brokers; None without any evidence
    demands: list = field(default_factory=list)  # assigned to him, with their publication
    contracts: list = field(default_factory=list)


def broker_record(user: User, campaign) -> BrokerRecord:
    """What one broker did for the campaign: the figures of the ranking and the records behind them."""
    counts = counts_by(campaign, BROKER, only=user).get(user.pk, Counts())
    rank = next((row.rank for row in ranking(campaign).brokers if row.party.pk == user.pk), None)
    demands = list(
        Demand.objects.filter(campaign=campaign, assignment__broker=user)
        .select_related("campaign", "publication", "organisation")
        .order_by("number")
    )
    contracts = list(
        Contract.objects.filter(campaign=campaign, broker=user).select_related("demand", "provider")
    )
    return BrokerRecord(user, counts, rank, demands, contracts)
