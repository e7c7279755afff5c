import pytest

from innochallenge.accounts.enums import Role
from innochallenge.campaigns.models import Liaison
from tests.factories.accounts import UserFactory

EDIT = "/campaigns/hs2021/liaisons/{}/"
LIST = "/campaigns/hs2021/liaisons/"
VALID = {
    "name": "王晓明",
    "title": "科员",
    "office_phone": "0512-65246015",
    "mobile": "13912345678",
    "wechat": "wxm_sz",
    "qq": "123456789",
}


def test_liaison_edits_own_district_record(liaison_of, client_of):
    liaison = liaison_of("xiangcheng")

    response = client_of(liaison).post(EDIT.format("xiangcheng"), VALID)

    assert response.status_code == 302
    record = Liaison.objects.get(district=liaison.district)
    assert (record.name, record.mobile, record.updated_by) == ("王晓明", "13912345678", liaison)


def test_liaison_cannot_read_another_districts_record(liaison_of, client_of, organiser):
    other = liaison_of("kunshan").district
    Liaison.objects.create(district=other, name="李四", mobile="13800000000", qq="55555")

    response = client_of(liaison_of("xiangcheng")).get(EDIT.format("kunshan"))

    assert response.status_code == 403
    assert "13800000000" not in response.content.decode()


def test_liaison_cannot_change_another_districts_record(liaison_of, client_of):
    kunshan = liaison_of("kunshan").district
    Liaison.objects.create(district=kunshan, name="李四", mobile="13800000000")

    response = client_of(liaison_of("xiangcheng")).post(EDIT.format("kunshan"), VALID)

    assert response.status_code == 403
    assert Liaison.objects.get(district=kunshan).name == "李四"


def test_liaison_cannot_create_another_districts_record(liaison_of, client_of):
    response = client_of(liaison_of("xiangcheng")).post(EDIT.format("gusu"), VALID)

    assert response.status_code == 403
    assert not Liaison.objects.exists()


def test_liaison_list_shows_only_own_district(liaison_of, client_of):
    Liaison.objects.create(district=liaison_of("kunshan").district, name="李四", mobile="13800000000")

    response = client_of(liaison_of("xiangcheng")).get(LIST)

    page = response.content.decode()
    assert response.status_code == 200
    assert "相城区" in page
    assert "昆山市" not in page
    assert "13800000000" not in page


def test_organiser_sees_every_district_and_the_overdue_ones(hs2021, organiser, client_of):
    Liaison.objects.create(district=hs2021.districts.get(code="gusu"), name="赵六", mobile="13700000000")

    response = client_of(organiser).get(LIST)

    rows = response.context["rows"]
    assert len(rows) == 10
    assert [r.district.code for r in rows if not r.missing] == ["gusu"]
    assert len(response.context["overdue"]) == 9  # the due date, 2021-05-08, is long past


def test_organiser_dashboard_warns_about_missing_liaisons(hs2021, organiser, client_of):
    response = client_of(organiser).get("/campaigns/hs2021/")

    assert len(response.context["liaisons_overdue"]) == 10


def test_invalid_mobile_is_refused_and_nothing_saved(liaison_of, client_of):
    liaison = liaison_of("xiangcheng")

    response = client_of(liaison).post(EDIT.format("xiangcheng"), VALID | {"mobile": "12345", "qq": "abc"})

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"mobile", "qq"}
    assert not Liaison.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        LIST,
        EDIT.format("xiangcheng"),
        "/jobs/",
        "/campaigns/presets/load/",
        "/admin/",
        "/admin/audit/auditentry/",
    ],
)
def test_enterprise_user_gets_403_on_staff_pages(hs2021, enterprise_user, client_of, url):
    response = client_of(enterprise_user).get(url)

    assert response.status_code == 403


@pytest.mark.parametrize("role", [Role.PROVIDER, Role.JUDGE])
def test_other_outside_roles_get_403_on_liaison_pages(hs2021, client_of, role):
    response = client_of(UserFactory(role=role)).get(EDIT.format("xiangcheng"))

    assert response.status_code == 403


@pytest.mark.parametrize("url", [LIST, EDIT.format("xiangcheng"), "/jobs/", "/campaigns/presets/load/"])
def test_anonymous_is_sent_to_login(hs2021, client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_public_dashboard_shows_no_personal_data(hs2021, client):
    Liaison.objects.create(
        district=hs2021.districts.get(code="gusu"), name="赵六", mobile="13700000000", qq="88888"
    )

    page = client.get("/campaigns/hs2021/").content.decode()

    assert "13700000000" not in page
    assert "88888" not in page
    assert "liaisons_overdue" not in client.get("/campaigns/hs2021/").context
