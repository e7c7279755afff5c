"""The post-contract subsidy: 30 % of R&D actually paid, at most 500,000 CNY, rounded to the fen half up;
only for enterprises of the subsidy region whose demand was published through the challenge."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from innochallenge.audit.models import AuditEntry
from innochallenge.contracts import services, subsidies
from innochallenge.contracts.enums import SubsidyState
from innochallenge.contracts.errors import ContractError
from innochallenge.contracts.models import Recalculation
from innochallenge.demands.enums import DemandStatus
from innochallenge.publication.models import Publication
from tests.contracts.conftest import SIGNED_ON


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("paid", "expected"),
    [
        ("1000000", "300000.00"),  # below the cap
        ("1666666.67", "500000.00"),  # 500,000.001 → capped at exactly 500,000
        ("1666666.66", "500000.00"),  # 499,999.998 rounds up to exactly the cap
        ("5000000", "500000.00"),  # far above the cap
        ("0.05", "0.02"),  # 0.015 rounds half up to the fen
        ("0.01", "0.00"),  # 0.003 rounds down
        ("333.35", "100.01"),  # 100.005 → 100.01 (half up, not to even)
    ],
)
def test_the_amount_is_thirty_percent_capped_and_rounded_to_the_fen(hs2021, paid, expected):
    assert subsidies.amount_for(hs2021, Decimal(paid)) == Decimal(expected)


def test_exactly_at_the_cap(hs2021):
    assert subsidies.amount_for(hs2021, Decimal("1666666.67")) == Decimal("500000.00")
    assert subsidies.amount_for(hs2021, Decimal("1666666.60")) == Decimal("499999.98")


def test_the_quote_refuses_a_district_outside_the_region(hs2021):
    outside = subsidies.quote(hs2021, paid_rd=Decimal("100000"), district="浦东新区")
    assert not outside.eligible and outside.amount == 0 and "苏州市" in outside.reason
    hs2021.districts.filter(code="kunshan").update(subsidised=False)
    assert not subsidies.quote(hs2021, paid_rd=Decimal("100000"), district="昆山市").eligible
    inside = subsidies.quote(hs2021, paid_rd=Decimal("100000"), district="Xiangcheng District")
    assert inside.eligible and inside.amount == Decimal("30000.00")


def test_an_eligible_contract_applies_and_follows_its_payments(contract, world):
    application = subsidies.apply(contract, by=world.owner)
    assert application.amount_yuan == 0 and application.state == SubsidyState.APPLIED

    services.add_payment(
        contract, amount_yuan="1000000", paid_on=SIGNED_ON + dt.timedelta(days=10), by=world.owner
    )
    services.add_payment(
        contract, amount_yuan="900000.01", paid_on=SIGNED_ON + dt.timedelta(days=40), by=world.owner
    )
    application.refresh_from_db()
    assert application.paid_rd_yuan == Decimal("1900000.01")
    assert application.amount_yuan == Decimal("500000.00")
    steps = list(Recalculation.objects.filter(application=application).values_list("after_yuan", flat=True))
    assert steps == [Decimal("0.00"), Decimal("300000.00"), Decimal("500000.00")]
    assert AuditEntry.objects.filter(action="subsidy.recalculated").count() == 3

    for state in (SubsidyState.UNDER_REVIEW, SubsidyState.APPROVED, SubsidyState.PAID):
        application = subsidies.set_state(application, state, by=world.organiser)
    assert subsidies.budget(contract.campaign).paid == Decimal("500000.00")
    with pytest.raises(ContractError):
        subsidies.recompute(application, by=world.organiser, why="late invoice")


def test_a_non_region_enterprise_is_refused(contract, world):
    world.demand.district.subsidised = False
    world.demand.district.save()
    with pytest.raises(ContractError, match="Only enterprises"):
        subsidies.apply(contract, by=world.owner)


def test_an_unpublished_demand_is_refused(contract, world):
    Publication.objects.filter(demand=world.demand).update(published_at=None)
    world.demand.status = DemandStatus.APPROVED
    world.demand.save()
    with pytest.raises(ContractError, match="not published"):
        subsidies.apply(contract, by=world.owner)


def test_a_contract_signed_outside_the_dates_is_refused(world):
    late = services.register_contract(
        world.demand.campaign,
        demand=world.demand,
        solution=world.solution,
        number="2022-LATE",
        amount_yuan="100",
        signed_on=dt.date(2022, 3, 1),
        by=world.organiser,
    )
    with pytest.raises(ContractError, match="outside"):
        subsidies.apply(late, by=world.owner)


def test_a_rejection_needs_a_reason_and_approval_needs_money(contract, world):
    application = subsidies.apply(contract, by=world.owner)
    application = subsidies.set_state(application, SubsidyState.UNDER_REVIEW, by=world.organiser)
    with pytest.raises(ContractError, match="nothing to approve"):
        subsidies.set_state(application, SubsidyState.APPROVED, by=world.organiser)
    with pytest.raises(ContractError, match="why"):
        subsidies.set_state(application, SubsidyState.REJECTED, by=world.organiser)
    application = subsidies.set_state(
        application, SubsidyState.REJECTED, reason="合同非技术开发", by=world.organiser
    )
    assert application.state == SubsidyState.REJECTED
