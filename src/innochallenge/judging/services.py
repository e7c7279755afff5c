"""What organisers and judges do with judging sessions: one function per step, transactional and audited,
used by the pages, the API and the command line alike. Scoring is in `judging.scoring`, results and the
demand side's decision in `judging.results`; when the final closes a demand's last solution, its
enterprise is told to confirm the best one (`announce_decisions`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from innochallenge.accounts.enums import Role
from innochallenge.audit import services as audit
from innochallenge.demands.models import Demand
from innochallenge.judging import conflicts, queries
from innochallenge.judging.config import rules_of
from innochallenge.judging.enums import (
    BLOCKING,
    ENTRY_TRANSITIONS,
    ROUND_TRANSITIONS,
    ConflictKind,
    EntryState,
    RoundState,
    Stage,
)
from innochallenge.judging.errors import JudgingError
from innochallenge.judging.models import Conflict, Entry, JudgeProfile, Panelist, Round
from innochallenge.notifications.services import notify

if TYPE_CHECKING:
    from innochallenge.accounts.models import User

#: The notice that tells the enterprise its demand's best solution may be confirmed.
DECISION_OPEN = "judging.decision_open"
#: Conflicts found from the data; these are recomputed, an abstention is the judge's own and stays.
FOUND = frozenset(set(ConflictKind) - {ConflictKind.ABSTAINED})


@transaction.atomic
def declare(
    user,
    *,
    kind: str,
    affiliation: str,
    past_employers: str = "",
    relations: str = "",
    organisation=None,
    by: User,
):
    """A judge declares who he works for, past employers and relations; the conflicts of the sessions he
    sits on are found again at once."""
    if user.role != Role.JUDGE:
        raise JudgingError(_("Only a judge declares interests."))
    if not (affiliation or "").strip():
        raise JudgingError(_("Say which organisation you work for."))
    profile, _created = JudgeProfile.objects.get_or_create(
        user=user, defaults={"kind": kind, "affiliation": affiliation}
    )
    fields = ["kind", "affiliation", "past_employers", "relations", "organisation_id", "declared_at"]
    before = audit.snapshot(profile, fields)
    profile.kind, profile.affiliation = kind, affiliation.strip()
    profile.past_employers, profile.relations = past_employers.strip(), relations.strip()
    profile.organisation = organisation
    profile.declared_at = timezone.now()
    profile.save()
    audit.record(
        actor=by,
        action="judge.declared",
        obj=profile,
        changes=audit.diff(before, audit.snapshot(profile, fields)),
    )
    user.judge_profile = profile
    for panelist in Panelist.objects.filter(judge=user).select_related("round"):
        if panelist.round.state != RoundState.CLOSED:
            find_conflicts(panelist.round, judges=[user])
    return profile


# --- sessions ----------------------------------------------------------------------------------------------


@transaction.atomic
def create_round(campaign, *, stage: str, name: str, by: User) -> Round:
    """A new session. A special competition takes every candidate demand as an entry."""
    name = (name or "").strip()
    if not name:
        raise JudgingError(_("Give the session a name."))
    round = Round.objects.create(campaign=campaign, stage=stage, name=name, created_by=by)
    if stage == Stage.SPECIAL:
        Entry.objects.bulk_create(
            [Entry(round=round, demand=d, order=i) for i, d in enumerate(queries.candidates(campaign), 1)]
        )
    audit.record(actor=by, action="judging.round_created", obj=round, changes={"stage": [None, stage]})
    return round


@transaction.atomic
def add_entry(round: Round, *, demand, solution=None, by: User) -> Entry:
    if round.state != RoundState.DRAFT:
        raise JudgingError(_("Entries are added while the session is in preparation."), conflict=True)
    if (solution is None) == (round.stage == Stage.FINAL):
        raise JudgingError(_("The final judges solutions; the special competition judges demands."))
    if solution is not None and solution.demand_id != demand.pk:
        raise JudgingError(_("This solution answers another demand."))
    if Entry.objects.filter(round=round, demand=demand, solution=solution).exists():
        raise JudgingError(_("This entry is in the session already."), conflict=True)
    order = (round.entries.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    entry = Entry.objects.create(round=round, demand=demand, solution=solution, order=order)
    audit.record(actor=by, action="judging.entry_added", obj=entry, changes={"order": [None, order]})
    find_conflicts(round)
    return entry


@transaction.atomic
def reorder(round: Round, entry_ids: list[int], *, by: User) -> None:
    """The presentation order of the final: entries in the order given."""
    entries = {e.pk: e for e in round.entries.all()}
    if sorted(entry_ids) != sorted(entries):
        raise JudgingError(_("List every entry of the session once."))
    before = [e.pk for e in sorted(entries.values(), key=lambda e: e.order)]
    for order, pk in enumerate(entry_ids, 1):
        entries[pk].order = order
    Entry.objects.bulk_update(entries.values(), ["order"])
    audit.record(actor=by, action="judging.reordered", obj=round, changes={"order": [before, entry_ids]})


@transaction.atomic
def invite(round: Round, judge, *, by: User) -> tuple[Panelist, list[Conflict]]:
    """Seat a judge on the panel. His conflicts with every entry are found now, before he sees anything;
    what is returned is what the organiser is shown."""
    if judge.role != Role.JUDGE:
        raise JudgingError(_("Only users with the judge role sit on a panel."))
    if round.state == RoundState.CLOSED:
        raise JudgingError(_("This session is closed."), conflict=True)
    panelist, created = Panelist.objects.get_or_create(round=round, judge=judge)
    if created:
        audit.record(actor=by, action="judging.invited", obj=panelist, changes={"judge": [None, judge.pk]})
        url = reverse("judging:round", args=[round.pk])
        transaction.on_commit(lambda: notify([judge], "judging.invited", {"name": round.name}, url))
    found = find_conflicts(round, judges=[judge])
    return panelist, found


def find_conflicts(round: Round, *, judges=None) -> list[Conflict]:
    """Recompute the conflicts found from the data for `judges` (default: the whole panel) on every
    entry of `round`. Abstentions stay."""
    if judges is None:
        judges = [
            p.judge for p in round.panelists.select_related("judge__judge_profile", "judge__organisation")
        ]
    entries = list(
        round.entries.select_related(
            "round", "demand__organisation", "demand__assignment__broker__organisation", "solution__provider"
        )
    )
    made = []
    with transaction.atomic():
        Conflict.objects.filter(entry__round=round, judge__in=judges, kind__in=FOUND).delete()
        for judge in judges:
            for entry in entries:
                made += [
                    Conflict(entry=entry, judge=judge, kind=f.kind, detail=f.detail[:300])
                    for f in conflicts.find(judge, entry)
                ]
        Conflict.objects.bulk_create(made)
    return made


def coverage(round: Round) -> list[tuple[Entry, int]]:
    """Each entry with the number of panelists who may judge it."""
    entries = list(round.entries.select_related("demand"))
    allowed = queries.eligibility(round, entries)
    return [(entry, len(allowed[entry.pk])) for entry in entries]


def short_of_judges(round: Round) -> list[tuple[Entry, int]]:
    minimum = rules_of(round.campaign).min_judges
    return [(entry, n) for entry, n in coverage(round) if n < minimum]


@transaction.atomic
def set_round_state(round: Round, new: str, *, by: User) -> Round:
    """Open a session for scoring (every entry must have the campaign's minimum of judges free of
    conflicts) or close it: from then on no score changes and the results open."""
    round = Round.objects.select_for_update().get(pk=round.pk)
    if new not in ROUND_TRANSITIONS[round.state]:
        raise JudgingError(_("A session in this state cannot go there."), conflict=True)
    if new == RoundState.OPEN:
        if not round.entries.exists():
            raise JudgingError(_("The session has no entries."), conflict=True)
        short = short_of_judges(round)
        if short:
            names = "、".join(f"{e.code}（{n}）" for e, n in short)
            raise JudgingError(
                _("These entries have too few judges free of conflicts: %(entries)s.") % {"entries": names},
                conflict=True,
            )
        round.opened_at = timezone.now()
        if not round.is_final:  # the final opens its entries one by one, as they are presented
            round.entries.update(state=EntryState.SCORING)
    closing = set()
    if new == RoundState.CLOSED:
        round.closed_at = timezone.now()
        still_open = round.entries.exclude(state=EntryState.CLOSED)
        closing = set(still_open.values_list("demand_id", flat=True))
        still_open.update(state=EntryState.CLOSED, closed_at=round.closed_at)
    before, round.state = round.state, new
    round.save(update_fields=["state", "opened_at", "closed_at"])
    audit.record(actor=by, action=f"judging.round_{new}", obj=round, changes={"state": [before, new]})
    if round.is_final and closing:
        announce_decisions(round, closing)
    return round


@transaction.atomic
def set_entry_state(entry: Entry, new: str, *, by: User) -> Entry:
    """In the final, the organiser opens each solution for scoring when it is presented and closes it
    after; a closed entry's scores are locked and it appears on the results board."""
    entry = Entry.objects.select_for_update().select_related("round").get(pk=entry.pk)
    if entry.round.state != RoundState.OPEN:
        raise JudgingError(_("Open the session first."), conflict=True)
    if new not in ENTRY_TRANSITIONS[entry.state]:
        raise JudgingError(_("An entry in this state cannot go there."), conflict=True)
    before, entry.state = entry.state, new
    if new == EntryState.CLOSED:
        entry.closed_at = timezone.now()
    entry.save(update_fields=["state", "closed_at"])
    audit.record(actor=by, action=f"judging.entry_{new}", obj=entry, changes={"state": [before, new]})
    if new == EntryState.CLOSED and entry.round.is_final:
        announce_decisions(entry.round, [entry.demand_id])
    return entry


def announce_decisions(round: Round, demand_ids) -> None:
    """Of `demand_ids`, the demands of the final `round` whose last solution was just closed: the
    enterprise is told that it may confirm the best solution, with the link to do so. Called by the two
    steps that close entries, each of which closes a demand's last entry once only."""
    User = get_user_model()
    for demand in Demand.objects.filter(pk__in=queries.decidable(round, demand_ids)):
        if demand.organisation_id is None:
            continue
        users = list(User.objects.filter(role=Role.ENTERPRISE, organisation_id=demand.organisation_id))
        params = {"reference": demand.reference, "title": demand.title, "name": round.name}
        url = reverse("judging:decide", args=[round.pk, demand.pk])
        transaction.on_commit(
            lambda users=users, params=params, url=url: notify(users, DECISION_OPEN, params, url)  # type: ignore[misc]
        )


def blocking_conflicts(entry: Entry, judge) -> list[Conflict]:
    return list(Conflict.objects.filter(entry=entry, judge=judge, kind__in=BLOCKING))
