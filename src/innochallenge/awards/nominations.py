"""Who is nominated for each award, drawn from the campaign's data (SPEC §5), ranked, each with a score
and a line of evidence in plain words:

- best solution: the solution the demand side confirmed after the final (`judging.Decision`), one per
  demand, scored by the panel's aggregate under the campaign's judging method;
- leading / open-innovation enterprise: enterprises whose demands reached a final round, by the channel of
  those demands (the leading-enterprise channel, or any other), scored by their demands in the final;
- service team / broker: the attribution ledger (`awards.ledger`), scored by the evidence counted there;
- organising unit: the units whose events led to intentions to cooperate and to contracts.

A demand filed without an enterprise account (an imported form) cannot be nominated as an enterprise:
the award is given to an organisation, and there is none on record."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from innochallenge.accounts.models import Organisation
from innochallenge.awards import ledger
from innochallenge.awards.models import Winner
from innochallenge.campaigns.enums import AwardBasis
from innochallenge.contracts.models import Contract
from innochallenge.core.text import join_list, join_sentences
from innochallenge.demands.enums import Channel
from innochallenge.demands.models import Demand
from innochallenge.events.enums import OutcomeResult
from innochallenge.events.models import Event, Meeting
from innochallenge.judging import results
from innochallenge.judging.enums import Stage
from innochallenge.judging.models import Decision, Entry


@dataclass
class Nominee:
    name: str
    score: float | int
    evidence: str
    figures: dict = field(default_factory=dict)
    demand: object = None
    solution: object = None
    organisation: object = None
    user: object = None
    unit: str = ""
    rank: int = 0
    #: The score as the page shows it, each figure labelled (`panel_scores`); empty: the bare `score`.
    shown_score: str = ""

    @property
    def key(self) -> str:
        """How a nominee is named in a form: stable while the data stays the same."""
        return nominee_key(self.demand, self.organisation, self.user, self.unit)

    def winner_fields(self) -> dict:
        return {
            "demand": self.demand,
            "solution": self.solution,
            "organisation": self.organisation,
            "user": self.user,
            "unit": self.unit,
        }


def nominee_key(demand, organisation, user, unit: str) -> str:
    if demand is not None:
        return f"demand:{getattr(demand, 'pk', demand)}"
    if user is not None:
        return f"user:{getattr(user, 'pk', user)}"
    if organisation is not None:
        return f"organisation:{getattr(organisation, 'pk', organisation)}"
    return f"unit:{unit}"


def winner_key(winner: Winner) -> str:
    return nominee_key(winner.demand_id, winner.organisation_id, winner.user_id, winner.unit)


def _ranked(nominees: list[Nominee], key) -> list[Nominee]:
    nominees.sort(key=lambda n: (*key(n), n.name))
    for position, nominee in enumerate(nominees, 1):
        ahead = nominees[position - 2] if position > 1 else None
        nominee.rank = ahead.rank if ahead is not None and key(ahead) == key(nominee) else position
    return nominees


def panel_scores(mean: float | None, score: float, method: str) -> str:
    """The panel's figures for a solution, each labelled: the judges' mean score (on the scale they
    scored), then, when the campaign ranks by another method, the figure it ranks by — "专家平均分 82.5 ·
    标准化分 0.00". A z-score alone reads as a verdict (0 for the only entry of a final), so it is never
    shown without the mean beside it."""
    if mean is None:
        return ""
    parts = [_("panel mean score %(mean)s") % {"mean": f"{mean:.1f}"}]
    if method == "zscore":
        parts.append(_("standardised score %(score)s") % {"score": f"{score:.2f}"})
    elif method == "trimmed_mean":
        parts.append(_("trimmed mean score %(score)s") % {"score": f"{score:.1f}"})
    return " · ".join(parts)


def _final_entries(campaign):
    return Entry.objects.filter(round__campaign=campaign, round__stage=Stage.FINAL)


def best_solutions(campaign) -> list[Nominee]:
    decisions = (
        Decision.objects.filter(round__campaign=campaign, round__stage=Stage.FINAL)
        .select_related("round__campaign", "demand__campaign", "confirmed__provider")
        .order_by("confirmed_at", "pk")
    )
    latest = {d.demand_id: d for d in decisions}  # a demand decided in two finals: the later decision
    sessions = {}
    nominees = []
    for decision in latest.values():
        if decision.round_id not in sessions:
            sessions[decision.round_id] = results.session_results(decision.round)
        outcome = sessions[decision.round_id]
        mine = [
            r
            for r in outcome.ranking
            if r.entry.demand_id == decision.demand_id and r.entry.solution_id == decision.confirmed_id
        ]
        score = round(mine[0].score(outcome.method), 3) if mine else 0
        mean = round(mine[0].score("mean"), 2) if mine else None
        shown = panel_scores(mean, score, outcome.method)
        solution = decision.confirmed
        chosen = {"demand": decision.demand, "round": decision.round, "scores": shown}
        evidence = join_sentences(
            _("Chosen by the demand side as the best solution to %(demand)s in %(round)s; %(scores)s.")
            % chosen
            if shown
            else _("Chosen by the demand side as the best solution to %(demand)s in %(round)s.") % chosen,
            _("The panel had recommended another solution.") if decision.differs else "",
        )
        nominees.append(
            Nominee(
                name=f"{solution.provider.name} · {solution.title}",
                score=score,
                evidence=evidence,
                figures={"decision": decision.pk, "round": decision.round_id, "score": score, "mean": mean},
                shown_score=shown,
                demand=decision.demand,
                solution=solution,
                organisation=solution.provider,
            )
        )
    return _ranked(nominees, lambda n: (-n.score,))


def finalist_enterprises(campaign, *, leading: bool) -> list[Nominee]:
    """Enterprises with demands in a final: through the leading-enterprise channel when `leading`,
    through any other channel otherwise. An enterprise with demands in both is nominated for both."""
    entries = _final_entries(campaign).filter(demand__organisation__isnull=False)
    entries = (
        entries.filter(demand__channel=Channel.LEADING)
        if leading
        else entries.exclude(demand__channel=Channel.LEADING)
    )
    rows = entries.order_by().values("demand_id", "demand__organisation_id").annotate(solutions=Count("pk"))
    decided = set(
        Decision.objects.filter(round__campaign=campaign, round__stage=Stage.FINAL).values_list(
            "demand_id", flat=True
        )
    )
    by_org: dict[int, dict] = defaultdict(lambda: {"demands": set(), "solutions": 0})
    for row in rows:
        entry = by_org[row["demand__organisation_id"]]
        entry["demands"].add(row["demand_id"])
        entry["solutions"] += row["solutions"]
    organisations = Organisation.objects.in_bulk(list(by_org))
    demand_ids = {d for values in by_org.values() for d in values["demands"]}
    references = {
        d.pk: d.reference for d in Demand.objects.filter(pk__in=demand_ids).select_related("campaign")
    }
    nominees = []
    for org_id, values in by_org.items():
        demands = sorted(values["demands"], key=lambda d: references[d])
        figures = {
            "demands": len(demands),
            "solutions": values["solutions"],
            "decided": len(decided & set(demands)),
        }
        evidence = _(
            "Demands in the final: %(demands)d (%(references)s); solutions presented: %(solutions)d; "
            "best solutions confirmed: %(decided)d."
        ) % (figures | {"references": join_list(references[d] for d in demands)})
        organisation = organisations[org_id]
        nominees.append(
            Nominee(organisation.name, figures["demands"], evidence, figures, organisation=organisation)
        )
    return _ranked(
        nominees, lambda n: (-n.figures["demands"], -n.figures["decided"], -n.figures["solutions"])
    )


def _from_ledger(rows: list[ledger.Row], *, brokers: bool) -> list[Nominee]:
    return [
        Nominee(
            row.name,
            row.counts.total,
            row.counts.summary(),
            row.counts.as_dict(),
            user=row.party if brokers else None,
            organisation=None if brokers else row.party,
            rank=row.rank,
        )
        for row in rows
    ]


def organising_units(campaign) -> list[Nominee]:
    """Units whose events led to a meeting with an intention to cooperate (or a contract expected) on
    any asking, or to a contract registered against one of their meetings."""
    units: dict[str, dict[str, int]] = defaultdict(lambda: {"events": 0, "intentions": 0, "contracts": 0})
    for unit, n in (
        Event.objects.filter(campaign=campaign)
        .order_by()
        .values_list("organising_unit")
        .annotate(n=Count("pk"))
    ):
        units[unit.strip()]["events"] += n
    hopeful = Q(outcomes__result__in=[OutcomeResult.INTENTION, OutcomeResult.CONTRACT_EXPECTED])
    for unit, n in (
        Meeting.objects.filter(hopeful, event__campaign=campaign)
        .order_by()
        .values_list("event__organising_unit")
        .annotate(n=Count("pk", distinct=True))
    ):
        units[unit.strip()]["intentions"] += n
    for unit, n in (
        Contract.objects.filter(campaign=campaign, meeting__isnull=False)
        .order_by()
        .values_list("meeting__event__organising_unit")
        .annotate(n=Count("pk"))
    ):
        units[unit.strip()]["contracts"] += n
    nominees = [
        Nominee(
            unit,
            figures["intentions"] + figures["contracts"],
            _(
                "Events: %(events)d; meetings with an intention to cooperate: %(intentions)d; "
                "contracts signed from its meetings: %(contracts)d."
            )
            % figures,
            dict(figures),
            unit=unit,
        )
        for unit, figures in units.items()
        if unit and figures["intentions"] + figures["contracts"] > 0
    ]
    return _ranked(nominees, lambda n: (-n.figures["contracts"], -n.figures["intentions"]))


def nominees(category, *, ranking: ledger.Ranking | None = None) -> list[Nominee]:
    """The ranked nominees of an award category (winners already confirmed included). A page showing
    several categories passes the campaign's broker `ranking` in, so the ledger is counted once."""
    campaign = category.campaign
    match category.basis:
        case AwardBasis.SOLUTION:
            return best_solutions(campaign)
        case AwardBasis.LEADING_ENTERPRISE:
            return finalist_enterprises(campaign, leading=True)
        case AwardBasis.OPEN_ENTERPRISE:
            return finalist_enterprises(campaign, leading=False)
        case AwardBasis.SERVICE_TEAM:
            return _from_ledger((ranking or ledger.ranking(campaign)).teams, brokers=False)
        case AwardBasis.BROKER:
            return _from_ledger((ranking or ledger.ranking(campaign)).brokers, brokers=True)
        case AwardBasis.ORGANISING_UNIT:
            return organising_units(campaign)
    return []


def nominee_by_key(category, key: str) -> Nominee | None:
    """The nominee a form names, recomputed from the data, so only a real nominee can be confirmed."""
    return next((n for n in nominees(category) if n.key == key), None)
