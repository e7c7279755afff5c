"""Quota progress (attachment 2): figures per district, leading enterprises, who sees what."""

import pytest

from innochallenge.accounts.enums import Role
from innochallenge.demands import services
from innochallenge.demands.enums import DemandStatus
from innochallenge.demands.models import Demand, LeadingEnterprise
from tests.demands.conftest import api_client
from tests.factories.accounts import UserFactory

QUOTA = "/api/v1/campaigns/hs2021/quota-progress"


@pytest.fixture
def scenario(hs2021, organiser, form_values):
    """相城区: 5 submitted (2 of them publishable), 1 draft, 1 withdrawn; two leading enterprises confirmed,
    one with 3 demands and one with only 2 (flagged), plus one declared and waiting. 吴中区: 1 submitted."""

    def file(company, title, district="相城区", *, status=DemandStatus.SUBMITTED, leading=False):
        values = dict(form_values, company_name=company, title=title, district=district)
        values["is_leading_enterprise"] = leading
        demand = services.create_demand(hs2021, values, by=organiser, submit=status != DemandStatus.DRAFT)
        if status not in (DemandStatus.SUBMITTED, DemandStatus.DRAFT):
            Demand.objects.filter(pk=demand.pk).update(status=status)
        return demand

    for n in range(3):
        file("苏州龙腾精密机械有限公司", f"龙腾需求{n}", leading=True)
    for n in range(2):
        file("苏州华瑞光电科技有限公司", f"华瑞需求{n}", leading=True, status=DemandStatus.APPROVED)
    file("苏州普通企业有限公司", "草稿需求", status=DemandStatus.DRAFT)
    file("苏州普通企业有限公司", "撤回的需求", status=DemandStatus.WITHDRAWN)
    file("吴中企业有限公司", "吴中需求", district="吴中区")
    file("苏州等待确认有限公司", "等待确认的需求", leading=True)
    liaison = UserFactory(role=Role.LIAISON, district=hs2021.districts.get(code="xiangcheng"))
    for name in ("苏州龙腾精密机械有限公司", "苏州华瑞光电科技有限公司"):
        services.decide_leading(
            LeadingEnterprise.objects.get(organisation__name=name), confirm=True, by=liaison
        )
    return hs2021


def test_quota_progress_api_gives_the_figures(scenario, organiser):
    body = api_client(organiser).get(QUOTA).json()
    by_code = {d["code"]: d for d in body["districts"]}
    assert len(by_code) == 10
    xc = by_code["xiangcheng"]
    assert (xc["demand_target"], xc["filed"], xc["submitted"], xc["publishable"]) == (40, 7, 6, 2)
    assert xc["percent"] == 5
    assert (xc["leading_confirmed"], xc["leading_declared"], xc["leading_min"], xc["leading_max"]) == (
        2,
        1,
        3,
        5,
    )
    assert xc["leading_below_minimum"] == ["苏州华瑞光电科技有限公司"]
    assert by_code["wuzhong"]["submitted"] == 1
    assert by_code["gusu"]["demand_target"] == 20
    assert body["totals"]["demand_target"] == 380
    assert body["totals"]["submitted"] == 7


def test_liaisons_see_their_district_only(scenario, liaison_of, client):
    body = api_client(liaison_of("wuzhong")).get(QUOTA).json()
    assert [d["code"] for d in body["districts"]] == ["wuzhong"]


def test_enterprises_get_403_on_quota_page_and_api(scenario, enterprise_user, client):
    assert api_client(enterprise_user).get(QUOTA).status_code == 403
    client.force_login(enterprise_user)
    assert client.get("/demands/quota/hs2021/").status_code == 403


def test_quota_page_shows_figures_chart_and_the_flag(scenario, client, organiser):
    client.force_login(organiser)
    response = client.get("/demands/quota/hs2021/", headers={"accept-language": "en"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="submitted"') == 10  # one bar per district in the chart
    row = html[html.index('data-district="xiangcheng"') :]
    row = row[: row.index("</tr>")]
    cells = [c.split(">", 1)[1].split("<", 1)[0] for c in row.split('<td class="num"')[1:6]]
    assert cells == ["40", "7", "6", "2", "5%"]
    assert "苏州华瑞光电科技有限公司" in row and "苏州龙腾精密机械有限公司" not in row
