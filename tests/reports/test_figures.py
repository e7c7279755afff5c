"""The dashboard's figures against those computed by hand for the scenario of conftest.py.

Funnel, by district (collected, diagnosed, published, with solutions, finalists, contracts, subsidies):
    相城区  D1, D2      → 2, 2, 1, 1, 1, 1, 1   (D2 rejected; D1 has two contracts: counts once)
    吴中区  D3, D5 (D4 a draft) → 2, 1, 1, 0, 0, 0, 0
    total               → 4, 3, 2, 1, 1, 1, 1   (the other eight districts: all 0)
by field:
    新材料  D1, D3 → 2, 2, 2, 1, 1, 1, 1
    人工智能 D2    → 1, 1, 0, 0, 0, 0, 0
    装备制造 D5    → 1, 0, 0, 0, 0, 0, 0
Quota attainment (publishable ÷ target): 相城区 1/40 = 2.5 % → 2 % (Python rounds half to even, as the
quota page does); 吴中区 1/40 → 2 %; the campaign 2/380 (nine districts × 40 + 姑苏区 20) = 0.53 % → 1 %.
Events: 1 event, 12 places, 2 meetings placed, 1 held, 1 no-show, 1 intention, 1 signed;
    utilisation 2/12, signing rate 1/1 = 100 %.
Money: 2 contracts, ¥3,500,000; subsidy committed ¥60,000 (30 % of ¥200,000), applied ¥500,000 (30 % of
    ¥2,000,000 = ¥600,000, capped), paid ¥0; prizes 10×40,000 + 4×10×10,000 = ¥800,000, none confirmed.
Financing: 4 registrations, one per party; needed 500万, offered 2000万 + 1000万 = 3000万."""

from decimal import Decimal

import pytest

from innochallenge.reports import figures

pytestmark = pytest.mark.django_db

STAGES = ["collected", "diagnosed", "published", "with_solutions", "finalists", "contracts", "subsidies"]


def _counts(rows):
    return {r.key: [getattr(r, s) for s in STAGES] for r in rows if any(getattr(r, s) for s in STAGES)}


def test_funnel_by_district_equals_the_hand_count(scenario):
    rows = figures.funnel(scenario.campaign, by="district")
    assert len(rows) == 10
    assert _counts(rows) == {
        "xiangcheng": [2, 2, 1, 1, 1, 1, 1],
        "wuzhong": [2, 1, 1, 0, 0, 0, 0],
    }
    total = figures.funnel_total(rows)
    assert [getattr(total, s) for s in STAGES] == [4, 3, 2, 1, 1, 1, 1]


def test_funnel_by_field_equals_the_hand_count(scenario):
    rows = figures.funnel(scenario.campaign, by="field")
    assert _counts(rows) == {
        "new-materials": [2, 2, 2, 1, 1, 1, 1],
        "ai": [1, 1, 0, 0, 0, 0, 0],
        "equipment": [1, 0, 0, 0, 0, 0, 0],
    }
    assert figures.funnel_total(rows).stages == figures.funnel_total(figures.funnel(scenario.campaign)).stages


def test_funnel_rejects_an_unknown_grouping(scenario):
    with pytest.raises(ValueError):
        figures.funnel(scenario.campaign, by="broker")


def test_quota_attainment_equals_the_hand_count(scenario):
    quota = figures.quota_attainment(scenario.campaign)
    by_code = {r.district.code: (r.publishable, r.target, r.percent) for r in quota.rows}
    assert by_code["xiangcheng"] == (1, 40, 2)
    assert by_code["wuzhong"] == (1, 40, 2)
    assert by_code["gusu"] == (0, 20, 0)
    assert (quota.publishable, quota.target, quota.percent) == (2, 380, 1)


def test_event_figures_and_signing_rate_equal_the_hand_count(scenario):
    summary = figures.events_summary(scenario.campaign)
    assert [r.event for r in summary.rows] == [scenario.event]
    total = summary.total
    assert (total.capacity, total.placed, total.held, total.no_show, total.intentions, total.signed) == (
        12,
        2,
        1,
        1,
        1,
        1,
    )
    assert total.utilisation == 2 / 12
    assert total.signing_rate == 1.0
    assert summary.held_events == 1


def test_money_equals_the_hand_count(scenario):
    money = figures.money(scenario.campaign)
    assert (money.contracts, money.contract_yuan) == (2, Decimal("3500000.00"))
    assert money.subsidy.committed == Decimal("60000.00")
    assert money.subsidy.applied == Decimal("500000.00")
    assert money.subsidy.paid == Decimal("0.00")
    assert money.prizes.total_yuan == Decimal("800000")
    assert money.prizes.confirmed_yuan == Decimal("0")


def test_financing_totals_per_party_equal_the_hand_count(scenario):
    fin = figures.financing(scenario.campaign)
    assert [(p.kind, p.registrations, p.need_wan, p.offer_wan) for p in fin.parties] == [
        ("enterprise", 1, Decimal("500"), Decimal("0")),
        ("bank", 1, Decimal("0"), Decimal("2000")),
        ("investor", 1, Decimal("0"), Decimal("1000")),
        ("university", 1, Decimal("0"), Decimal("0")),
    ]
    assert (fin.total.registrations, fin.total.need_wan, fin.total.offer_wan) == (
        4,
        Decimal("500"),
        Decimal("3000"),
    )


def test_an_empty_campaign_has_zero_figures(hs2021):
    rows = figures.funnel(hs2021)
    assert figures.funnel_total(rows).stages == [(str(n), 0) for n in figures.STAGES.values()]
    assert figures.events_summary(hs2021).total.signing_rate == 0.0
    assert figures.quota_attainment(hs2021).percent == 0
