"""Confirming winners within the quota, withdrawing them, and the prize budget (SPEC §5)."""

from decimal import Decimal

import pytest
from django.utils import translation

from innochallenge.audit.models import AuditEntry
from innochallenge.awards import prizes
from innochallenge.awards.models import Winner
from innochallenge.awards.nominations import Nominee
from tests.factories.accounts import UserFactory


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _broker_nominee(rank: int = 1) -> Nominee:
    user = UserFactory(role="broker")
    return Nominee(user.username, 5, "Demands diagnosed: 5.", {"diagnosed": 5}, user=user, rank=rank)


def test_the_prize_total_of_hs2021_is_800000_cny(hs2021):
    budget = prizes.prize_budget(hs2021)

    assert budget.total_yuan == Decimal("800000")
    lines = {line.category.code: line for line in budget.lines}
    assert lines["best-solution"].total_yuan == Decimal("400000")
    assert lines["best-organising-unit"].total_yuan == Decimal("0")
    assert budget.confirmed_yuan == Decimal("0")


def test_an_eleventh_winner_is_refused_and_nothing_is_saved(hs2021, organiser):
    category = hs2021.award_categories.get(code="broker-craftsmanship")
    for rank in range(1, 11):
        prizes.confirm_winner(category, _broker_nominee(rank), by=organiser)
    audited = AuditEntry.objects.filter(action="award.winner_confirmed").count()

    with pytest.raises(prizes.PrizeError, match="quota of 10 winners"):
        prizes.confirm_winner(category, _broker_nominee(11), by=organiser)

    assert Winner.objects.filter(category=category).count() == 10
    assert AuditEntry.objects.filter(action="award.winner_confirmed").count() == audited == 10
    assert prizes.prize_budget(hs2021).confirmed_yuan == Decimal("100000")


def test_a_nominee_wins_a_category_once(hs2021, organiser):
    category = hs2021.award_categories.get(code="broker-craftsmanship")
    nominee = _broker_nominee()
    prizes.confirm_winner(category, nominee, by=organiser)

    with pytest.raises(prizes.PrizeError, match="already won"):
        prizes.confirm_winner(category, nominee, by=organiser)
    assert Winner.objects.filter(category=category).count() == 1


def test_withdrawing_frees_the_place(hs2021, organiser):
    category = hs2021.award_categories.get(code="best-service-team")
    category.count = 1
    category.save()
    team = UserFactory(role="broker").organisation
    winner = prizes.confirm_winner(category, Nominee(team.name, 3, "", organisation=team), by=organiser)
    other = UserFactory(role="broker").organisation
    with pytest.raises(prizes.PrizeError, match="quota of 1 winner "):
        prizes.confirm_winner(category, Nominee(other.name, 2, "", organisation=other), by=organiser)

    prizes.withdraw_winner(winner, by=organiser, reason="误录")

    prizes.confirm_winner(category, Nominee(other.name, 2, "", organisation=other), by=organiser)
    assert [w.organisation for w in Winner.objects.filter(category=category)] == [other]
    assert AuditEntry.objects.filter(action="award.winner_withdrawn", note="误录").count() == 1


def test_an_award_without_a_fixed_number_takes_any_number_of_units(hs2021, organiser):
    category = hs2021.award_categories.get(code="best-organising-unit")
    for n in range(12):
        prizes.confirm_winner(category, Nominee(f"单位{n}", 1, "", unit=f"单位{n}"), by=organiser)
    assert Winner.objects.filter(category=category).count() == 12
    assert prizes.prize_budget(hs2021).confirmed_yuan == Decimal("0")
