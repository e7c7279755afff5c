"""Paper score sheets into an open session: all rows or none, judges by name, conflicts refused."""

import pytest

from innochallenge.judging import paper, services
from innochallenge.judging.aggregate import Row
from innochallenge.judging.enums import RoundState
from innochallenge.judging.errors import JudgingError
from innochallenge.judging.models import Score
from tests.judging.conftest import make_judge


def _rows(final, values=(8, 7, 9)):
    rows = []
    for judge in final.judges:
        for entry in final.entries:
            for criterion, value in zip(("completeness", "feasibility", "fit"), values, strict=True):
                rows.append(Row(judge.username, entry.code, criterion, value))
    return rows


def test_a_sheet_saves_every_score(final):
    rows = _rows(final)
    rows[0] = Row(final.judges[0].get_full_name(), rows[0].entry, rows[0].criterion, rows[0].score)
    assert paper.import_sheet(final.round, rows, by=final.world.organiser) == 18
    assert Score.objects.filter(entry__round=final.round).count() == 18


def test_a_sheet_with_mistakes_lists_them_and_saves_nothing(final):
    rows = [*_rows(final), Row("陌生人", "E01", "fit", 5), Row(final.judges[0].username, "E09", "fit", 5)]
    rows.append(Row(final.judges[1].username, "E02", "fit", 12))
    with pytest.raises(paper.SheetRefused) as refused:
        paper.import_sheet(final.round, rows, by=final.world.organiser)
    assert len(refused.value.problems) == 3
    assert "19" in refused.value.problems[0] and "陌生人" in refused.value.problems[0]
    assert not Score.objects.exists()


def test_a_conflicted_judges_rows_are_refused(final):
    conflicted = make_judge(affiliation=final.world.rival.organisation.name)
    services.invite(final.round, conflicted, by=final.world.organiser)
    with pytest.raises(paper.SheetRefused, match="E02"):
        paper.import_sheet(final.round, [Row(conflicted.username, "E02", "fit", 5)], by=final.world.organiser)


def test_a_closed_session_takes_no_sheet(final):
    services.set_round_state(final.round, RoundState.CLOSED, by=final.world.organiser)
    with pytest.raises(JudgingError):
        paper.import_sheet(final.round, _rows(final), by=final.world.organiser)
