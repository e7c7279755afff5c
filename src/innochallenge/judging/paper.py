"""Paper score sheets typed into a session: rows `judge, entry, criterion, score` as `aggregate-scores`
reads them (`judging.sheets`), where the judge is a panelist's user name or full name and the entry its
code (E01, E02… as printed on the sheet). All rows or none: every problem is listed, nothing is saved
until the sheet is right. Scores lock when the session closes, so a sheet goes in while it is open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from innochallenge.audit import services as audit
from innochallenge.judging import queries
from innochallenge.judging.aggregate import Row
from innochallenge.judging.config import criteria
from innochallenge.judging.enums import RoundState
from innochallenge.judging.errors import JudgingError
from innochallenge.judging.models import Round, Score
from innochallenge.judging.scoring import parse_value

if TYPE_CHECKING:
    from innochallenge.accounts.models import User


class SheetRefused(JudgingError):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@transaction.atomic
def import_sheet(round: Round, rows: list[Row], *, by: User) -> int:
    """Save the sheet's scores into `round` (over any the judges typed themselves). How many."""
    round = Round.objects.select_for_update().select_related("campaign").get(pk=round.pk)
    if round.state != RoundState.OPEN:
        raise JudgingError(_("Score sheets go into an open session."), conflict=True)
    judges = {}
    for panelist in round.panelists.select_related("judge__judge_profile"):
        user = panelist.judge
        for name in {user.get_username(), user.get_full_name(), str(user)} - {""}:
            judges[name.strip()] = user
    entries = {e.code: e for e in round.entries.select_related("demand")}
    allowed = queries.eligibility(round, entries.values())
    scales = {c.code: c.scale_max for c in criteria(round.campaign, round.stage)}
    problems, values = [], {}
    for number, row in enumerate(rows, 1):
        where = _("Row %(n)s") % {"n": row.line or number}
        judge, entry = judges.get(row.judge.strip()), entries.get(row.entry.strip().upper())
        if judge is None:
            problems.append(
                _("%(where)s: %(judge)s is not on the panel.") % {"where": where, "judge": row.judge}
            )
        if entry is None:
            problems.append(_("%(where)s: no entry %(entry)s.") % {"where": where, "entry": row.entry})
        if row.criterion not in scales:
            problems.append(
                _("%(where)s: no criterion %(criterion)s.") % {"where": where, "criterion": row.criterion}
            )
        if judge is None or entry is None or row.criterion not in scales:
            continue
        if judge not in allowed[entry.pk]:
            problems.append(
                _("%(where)s: %(judge)s may not judge %(entry)s (conflict of interest).")
                % {"where": where, "judge": row.judge, "entry": entry.code}
            )
            continue
        try:
            values[entry.pk, judge.pk, row.criterion] = (
                entry,
                judge,
                parse_value(row.score, scales[row.criterion]),
            )
        except JudgingError as exc:
            problems.append(_("%(where)s: %(message)s") % {"where": where, "message": exc.message})
    if problems:
        raise SheetRefused(problems)
    for (entry_id, judge_id, criterion), (_entry, _judge, value) in values.items():
        Score.objects.update_or_create(
            entry_id=entry_id, judge_id=judge_id, criterion=criterion, defaults={"value": value}
        )
    audit.record(
        actor=by, action="judging.sheet_imported", obj=round, changes={"scores": [None, len(values)]}
    )
    return len(values)
