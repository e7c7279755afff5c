"""The dashboard, its exports and the financing meeting's sign-up: who may see what, and that every
.xlsx holds exactly the page's rows."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from innochallenge.reports.exports import header
from innochallenge.reports.models import FinancingRegistration
from innochallenge.reports.tables import TABLES
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/reports/"


@pytest.fixture
def users(hs2021, organiser, liaison_of):
    return {
        "organiser": organiser,
        "liaison": liaison_of("xiangcheng"),
        "broker": UserFactory(role="broker"),
        "enterprise": UserFactory(role="enterprise"),
        "provider": UserFactory(role="provider"),
        "judge": UserFactory(role="judge"),
    }


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("organiser", 200),
        ("liaison", 200),
        ("broker", 403),
        ("enterprise", 403),
        ("provider", 403),
        ("judge", 403),
    ],
)
def test_dashboard_and_exports_access(users, client_of, who, status):
    client = client_of(users[who])
    assert client.get(DASHBOARD).status_code == status
    assert client.get("/reports/quota.xlsx").status_code == status


def test_anonymous_is_sent_to_log_in(client, hs2021):
    for url in (DASHBOARD, "/reports/funnel-district.xlsx", "/reports/financing/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")


def test_an_unknown_table_is_not_found(users, client_of):
    assert client_of(users["organiser"]).get("/reports/salaries.xlsx").status_code == 404


def _sheet(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _plain(value):
    if isinstance(value, Decimal | float):
        return round(float(value), 6)
    return None if value == "" else value


@pytest.mark.parametrize("identifier", list(TABLES))
def test_every_export_holds_the_pages_rows(scenario, client_of, identifier):
    client = client_of(scenario.organiser)
    page = client.get(DASHBOARD)
    table = page.context["tables"][identifier.replace("-", "_")]
    rows = _sheet(client.get(f"/reports/{identifier}.xlsx"))
    assert rows[0] == [header(c.label) for c in table.columns]
    assert [[_plain(v) for v in row] for row in rows[1:]] == [[_plain(v) for v in r] for r in table.values]
    assert len(rows) > 1


def test_the_pages_tables_show_the_scenarios_figures(scenario, client_of):
    tables = client_of(scenario.organiser).get(DASHBOARD).context["tables"]
    funnel = {row[0]: row[1:] for row in tables["funnel_district"].values}
    assert funnel["相城区"] == [2, 2, 1, 1, 1, 1, 1]
    assert funnel["吴中区"] == [2, 1, 1, 0, 0, 0, 0]
    assert tables["funnel_district"].values[-1][1:] == [4, 3, 2, 1, 1, 1, 1]
    assert tables["quota"].values[-1][1:] == [380, 4, 2, 1]
    events_total = tables["events"].values[-1]
    assert events_total[2:] == [12, 2, 1, 1, 1, 1, 2 / 12, 1.0]
    money = {row[0]: row[1:] for row in tables["contracts_subsidies"].values}
    assert list(money.values()) == [
        [2, Decimal("3500000.00")],
        [None, Decimal("500000.00")],
        [None, Decimal("60000.00")],
        [None, Decimal("0.00")],
    ]
    assert tables["awards"].values[-1][3] == Decimal("800000")


def test_a_liaison_sees_the_whole_funnel_with_the_own_district_marked(scenario, client_of, liaison_of):
    page = client_of(liaison_of("xiangcheng")).get(DASHBOARD)
    table = page.context["tables"]["funnel_district"]
    assert [r.cells[0] for r in table.rows if r.mark] == ["相城区"]
    assert table.values[-1][1:] == [4, 3, 2, 1, 1, 1, 1]
    assert [r.cells[0] for r in page.context["tables"]["quota"].rows if r.mark] == ["相城区"]
    assert b'class=" mine"' in page.content


def test_contacts_are_in_the_financing_export_only_for_organisers(scenario, client_of, liaison_of):
    organiser_rows = _sheet(client_of(scenario.organiser).get("/reports/financing.xlsx"))
    flat = str(organiser_rows)
    assert "0512-66668888" in flat and "bank@fin.example" in flat and "张三" in flat

    client = client_of(liaison_of("wuzhong"))
    liaison_rows = _sheet(client.get("/reports/financing.xlsx"))
    flat = str(liaison_rows)
    assert "0512-66668888" not in flat and "@fin.example" not in flat and "张三" not in flat
    assert [row[1] for row in liaison_rows[1:]] == [row[1] for row in organiser_rows[1:]]
    page = client.get(DASHBOARD)
    assert b"0512-66668888" not in page.content and b"fin.example" not in page.content


def test_no_export_holds_demand_contacts(scenario, client_of):
    client = client_of(scenario.organiser)
    demand = scenario.demands["D1"]
    for identifier in TABLES:
        flat = str(_sheet(client.get(f"/reports/{identifier}.xlsx")))
        assert demand.contact_phone not in flat and demand.contact_email not in flat


def test_the_dashboard_costs_the_same_queries_with_more_registrations(hs2021, organiser, client_of):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from innochallenge.reports import services

    def register(n):
        services.register_for_financing(
            hs2021,
            {
                "kind": "university",
                "organisation_name": f"大学{n}",
                "contact_name": "李",
                "contact_phone": "13912345678",
            },
            by=organiser,
        )

    client = client_of(organiser)
    register(0)
    with CaptureQueriesContext(connection) as one:
        client.get(DASHBOARD)
    for n in range(1, 5):
        register(n)
    with CaptureQueriesContext(connection) as five:
        client.get(DASHBOARD)
    assert len(five) == len(one)


ENTERPRISE_FORM = {
    "kind": "enterprise",
    "organisation_name": "苏州恒新材料科技有限公司",
    "contact_name": "王磊",
    "contact_phone": "13912345678",
    "contact_email": "wanglei@hengxin.example.cn",
    "need_wan": "800",
    "purpose": "建设中试线",
}


@pytest.mark.parametrize("role", ["enterprise", "provider", "broker", "judge", "organiser", "liaison"])
def test_any_logged_in_user_registers_an_organisation(users, client_of, role):
    client = client_of(users[role])
    assert client.get("/reports/financing/").status_code == 200
    response = client.post("/reports/financing/", ENTERPRISE_FORM)
    assert response.status_code == 302
    registration = FinancingRegistration.objects.get()
    assert (registration.kind, registration.need_wan, registration.registered_by) == (
        "enterprise",
        Decimal("800"),
        users[role],
    )


def test_a_bank_states_its_offer_and_fields(users, client_of, hs2021):
    fields = list(hs2021.industry_fields.filter(code__in=["ai", "new-energy"]).values_list("pk", flat=True))
    client = client_of(users["enterprise"])
    data = ENTERPRISE_FORM | {"kind": "bank", "organisation_name": "苏州银行", "offer_wan": "5000"}
    assert client.post("/reports/financing/", data | {"fields_of_interest": fields}).status_code == 302
    bank = FinancingRegistration.objects.get()
    # what concerns only enterprises is dropped
    assert (bank.offer_wan, bank.need_wan, bank.purpose) == (Decimal("5000"), None, "")
    assert sorted(bank.fields_of_interest.values_list("code", flat=True)) == ["ai", "new-energy"]


def test_what_each_party_must_state_is_told_in_the_users_language(users, client_of):
    client = client_of(users["enterprise"])
    data = ENTERPRISE_FORM | {"need_wan": "", "purpose": ""}
    response = client.post("/reports/financing/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.context["form"].errors["need_wan"] == [
        "An enterprise states how much financing it needs."
    ]
    assert "purpose" in response.context["form"].errors
    bank = ENTERPRISE_FORM | {"kind": "investor", "organisation_name": "元禾", "offer_wan": ""}
    response = client.post("/reports/financing/", bank, HTTP_ACCEPT_LANGUAGE="en")
    assert "offer_wan" in response.context["form"].errors
    response = client.post("/reports/financing/", ENTERPRISE_FORM | {"contact_phone": "12"})
    assert "contact_phone" in response.context["form"].errors
    assert not FinancingRegistration.objects.exists()


def test_the_same_organisation_registers_once_per_party(users, client_of):
    client = client_of(users["enterprise"])
    client.post("/reports/financing/", ENTERPRISE_FORM)
    response = client.post("/reports/financing/", ENTERPRISE_FORM)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert FinancingRegistration.objects.count() == 1


def test_the_organiser_corrects_registrations_and_sees_live_workers_in_the_admin(scenario, client_of):
    from innochallenge.accounts.models import User
    from innochallenge.jobs.recovery import beat

    beat("worker-on-host-a")
    client = client_of(User.objects.get(username="organiser"))
    registrations = client.get("/admin/reports/financingregistration/")
    workers = client.get("/admin/jobs/workerbeat/")
    assert registrations.status_code == 200 and workers.status_code == 200
    names = set(FinancingRegistration.objects.values_list("organisation_name", flat=True))
    assert names and all(name in registrations.content.decode() for name in names)
    assert "worker-on-host-a" in workers.content.decode()


def test_other_roles_do_not_reach_them(scenario, client_of, liaison_of):
    client = client_of(liaison_of("xiangcheng"))
    assert client.get("/admin/reports/financingregistration/").status_code == 403
    assert client.get("/admin/jobs/workerbeat/").status_code == 403
