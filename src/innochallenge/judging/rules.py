"""Who may do what in judging. A judge sees an entry only when he sits on its panel and no conflict keeps
him off it (a conflicted judge gets 403); scores are his own until the session closes (blind); results
open to the panel, the organiser and the demand side after closing."""

import rules

from innochallenge.accounts.rules import is_enterprise_user, is_judge, is_organiser
from innochallenge.judging import queries
from innochallenge.judging.enums import EntryState, RoundState
from innochallenge.judging.models import Panelist


@rules.predicate
def is_panelist(user, round) -> bool:
    return bool(
        round is not None and is_judge(user) and Panelist.objects.filter(round=round, judge=user).exists()
    )


@rules.predicate
def may_judge_entry(user, entry) -> bool:
    return bool(entry is not None and is_panelist(user, entry.round) and not queries.blocked(entry, user))


@rules.predicate
def is_closed_round(user, round) -> bool:
    return bool(round is not None and round.state == RoundState.CLOSED)


@rules.predicate
def is_closed_entry(user, entry) -> bool:
    return bool(entry is not None and entry.state == EntryState.CLOSED)


@rules.predicate
def is_demand_side_of(user, entry) -> bool:
    return bool(
        entry is not None
        and is_enterprise_user(user)
        and user.organisation_id is not None
        and entry.demand.organisation_id == user.organisation_id
    )


rules.add_perm("judging.manage_rounds", is_organiser)
rules.add_perm("judging.declare_interests", is_judge)
rules.add_perm("judging.view_round", is_organiser | is_panelist)
rules.add_perm("judging.view_entry", is_organiser | may_judge_entry)
rules.add_perm("judging.score_entry", may_judge_entry)
# Results: the organiser and the panel once the session is closed; the board shows closed entries live.
rules.add_perm("judging.view_results", (is_organiser | is_panelist) & is_closed_round)
rules.add_perm("judging.view_board", is_organiser | is_panelist)
rules.add_perm("judging.decide", (is_organiser | is_demand_side_of) & is_closed_entry)
