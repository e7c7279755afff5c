"""Read-only questions of judging: which demands are candidates, who may judge what, which best solutions
wait for the demand side's confirmation."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse

from innochallenge.accounts.enums import Role
from innochallenge.demands.enums import DemandStatus
from innochallenge.demands.models import Demand
from innochallenge.judging.enums import BLOCKING, EntryState, JudgeKind, Stage
from innochallenge.judging.models import Conflict, Decision, Entry, Panelist, Round
from innochallenge.solutions.queries import with_solution_counts

#: The special competition takes demands with at least this many solutions (SPEC §4.6: "several").
MIN_SOLUTIONS = 2


def candidates(campaign) -> QuerySet[Demand]:
    """Published demands of `campaign` with two solutions or more, annotated with `solution_count`."""
    demands = Demand.objects.filter(campaign=campaign, status=DemandStatus.PUBLISHED)
    return (
        with_solution_counts(demands)
        .filter(solution_count__gte=MIN_SOLUTIONS)
        .select_related("organisation", "industry_field", "district")
        .order_by("-solution_count", "number")
    )


def has_declared(judge) -> bool:
    """A judge sees and scores entries online only once he has declared his interests: conflicts are found
    from the declaration, before he sees anything. (Paper score sheets, which the organiser uploads for the
    panel, are checked against the recorded conflicts alone: `eligibility`.)"""
    profile = getattr(judge, "judge_profile", None)
    return bool(profile is not None and profile.declared_at is not None)


def _other_demand_side(judge, entry: Entry) -> bool:
    """A demand-side judge sits only on his own enterprise's demands."""
    profile = getattr(judge, "judge_profile", None)
    return bool(
        profile is not None
        and profile.kind == JudgeKind.DEMAND_SIDE
        and entry.demand.organisation_id != profile.organisation_id
    )


def blocked(entry: Entry, judge) -> bool:
    """A conflict (or abstention) keeps `judge` off `entry`; so does a demand-side judge's seat on any
    demand but his own."""
    if not has_declared(judge):
        return True
    if Conflict.objects.filter(entry=entry, judge=judge, kind__in=BLOCKING).exists():
        return True
    return _other_demand_side(judge, entry)


def eligibility(round, entries=None) -> dict[int, list]:
    """For every entry of `round` (or of `entries`), the panelists who may judge it: `blocked` for a
    whole session in three queries, for pages and results that would otherwise ask per entry and judge."""
    panel = [p.judge for p in Panelist.objects.filter(round=round).select_related("judge__judge_profile")]
    off = set(
        Conflict.objects.filter(entry__round=round, kind__in=BLOCKING).values_list("entry_id", "judge_id")
    )
    if entries is None:
        entries = round.entries.select_related("demand")
    return {
        entry.pk: [j for j in panel if (entry.pk, j.pk) not in off and not _other_demand_side(j, entry)]
        for entry in entries
    }


def entries_for(judge, round) -> QuerySet[Entry]:
    """The entries of `round` that `judge` may see and score: he sits on the panel and nothing keeps him
    off (see `blocked`)."""
    if not has_declared(judge) or not Panelist.objects.filter(round=round, judge=judge).exists():
        return Entry.objects.none()
    entries = (
        Entry.objects.filter(round=round)
        .exclude(Exists(Conflict.objects.filter(entry=OuterRef("pk"), judge=judge, kind__in=BLOCKING)))
        .select_related("demand", "demand__organisation", "solution", "solution__provider")
    )
    profile = getattr(judge, "judge_profile", None)
    if profile is not None and profile.kind == JudgeKind.DEMAND_SIDE:
        entries = entries.filter(demand__organisation_id=profile.organisation_id)
    return entries


def eligible_judges(entry: Entry) -> list:
    """The panelists of the entry's session who may judge it."""
    return eligibility(entry.round, [entry])[entry.pk]


def judges_solution(judge, solution) -> bool:
    """`judge` sits on a panel that judges `solution` (as a final entry, or as one of a candidate
    demand's solutions) and nothing keeps him off that entry."""
    entries = Entry.objects.filter(round__panelists__judge=judge).filter(
        Q(solution=solution) | Q(solution__isnull=True, demand_id=solution.demand_id)
    )
    return any(not blocked(entry, judge) for entry in entries.select_related("demand"))


# --- the demand side's decision after the final -------------------------------------------------------


@dataclass
class DecisionStep:
    """A final session whose solutions to `demand` are all scored and closed: the demand side may confirm
    the best solution (`decision` is the one confirmed so far, if any)."""

    round: Round
    demand: Demand
    decision: Decision | None

    @property
    def url(self) -> str:
        return reverse("judging:decide", args=[self.round.pk, self.demand.pk])


def decidable(round, demand_ids=None) -> list[int]:
    """The demands of the final `round` whose entries are all closed, i.e. whose best solution may be
    confirmed now (the rule `judging.decide` and `results.decide` ask the same)."""
    entries = Entry.objects.filter(round=round, round__stage=Stage.FINAL)
    if demand_ids is not None:
        entries = entries.filter(demand_id__in=list(demand_ids))
    groups = (
        entries.order_by()
        .values("demand_id")
        .annotate(still_open=Count("pk", filter=~Q(state=EntryState.CLOSED)))
        .filter(still_open=0)
    )
    return sorted(g["demand_id"] for g in groups)


def decision_steps(user, *, demand=None) -> list[DecisionStep]:
    """Every (final session, demand) where `user` may confirm the best solution now: the enterprise for
    its own demands, the organiser for any; each with the decision taken so far. Nobody else has any."""
    role = getattr(user, "role", None) if getattr(user, "is_authenticated", False) else None
    entries = Entry.objects.filter(round__stage=Stage.FINAL)
    if role == Role.ENTERPRISE and user.organisation_id:
        entries = entries.filter(demand__organisation_id=user.organisation_id)
    elif role != Role.ORGANISER:
        return []
    if demand is not None:
        entries = entries.filter(demand=demand)
    pairs = list(
        entries.order_by()
        .values("round_id", "demand_id")
        .annotate(still_open=Count("pk", filter=~Q(state=EntryState.CLOSED)))
        .filter(still_open=0)
        .values_list("round_id", "demand_id")
    )
    if not pairs:
        return []
    rounds = Round.objects.in_bulk({r for r, _d in pairs})
    demands = Demand.objects.select_related("campaign").in_bulk({d for _r, d in pairs})
    decisions = {
        (d.round_id, d.demand_id): d
        for d in Decision.objects.filter(round_id__in=rounds, demand_id__in=demands).select_related(
            "confirmed__provider"
        )
    }
    steps = [DecisionStep(rounds[r], demands[d], decisions.get((r, d))) for r, d in pairs]
    return sorted(steps, key=lambda s: (-s.round.pk, s.demand.number))


def decisions_waiting_for(user) -> list[tuple[Round, Demand]]:
    """The (final session, demand) pairs where `user` may confirm the best solution and nobody has yet:
    the step the enterprise's home shows, each with its link `reverse("judging:decide", args=[round.pk,
    demand.pk])`."""
    return [(s.round, s.demand) for s in decision_steps(user) if s.decision is None]
