"""The library's pages: who may open them, filters and paging, contacts, and the batch import job."""

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innochallenge.accounts.enums import Role
from innochallenge.audit.models import AuditEntry
from innochallenge.jobs.models import Job
from innochallenge.matching import library
from innochallenge.matching.models import Achievement
from tests.factories.accounts import UserFactory

LIST, IMPORT = "/matching/achievements/", "/matching/achievements/import/"
ROW = {
    "title": "高精度谐波减速器",
    "field": "高端装备",
    "owner": "苏州大学",
    "kind": "专利",
    "maturity": "中试",
    "contact_name": "王老师",
    "contact_email": "wang@suda.edu.cn",
}


def make(n: int = 1, **values) -> list[int]:
    rows = [dict(ROW, title=f"{ROW['title']}{i}", **values) for i in range(n)]
    return library.save_achievements(rows, by=None, source="test").ids


@pytest.fixture
def users(db, organiser, broker, enterprise_user, liaison_of):
    return {
        "organiser": organiser,
        "broker": broker,
        "liaison": liaison_of("xiangcheng"),
        "judge": UserFactory(role=Role.JUDGE),
        "enterprise": enterprise_user,
        "provider": UserFactory(role=Role.PROVIDER),
    }


@pytest.mark.parametrize(
    ("who", "list_status", "import_status"),
    [
        ("organiser", 200, 200),
        ("broker", 200, 403),
        ("liaison", 403, 403),
        ("judge", 403, 403),
        ("enterprise", 403, 403),
        ("provider", 403, 403),
    ],
)
def test_who_may_open_the_pages(client_of, users, who, list_status, import_status):
    [pk] = make()
    client = client_of(users[who])
    assert client.get(LIST).status_code == list_status
    assert client.get(f"{LIST}{pk}/").status_code == list_status
    assert client.get(IMPORT).status_code == import_status


def test_strangers_are_sent_to_log_in(client, db):
    [pk] = make()
    for url in (LIST, f"{LIST}{pk}/", IMPORT):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_unknown_achievement_is_404(client_of, broker):
    assert client_of(broker).get(f"{LIST}999/").status_code == 404


def test_the_list_speaks_chinese_and_filters(client_of, broker):
    make(2)
    make(1, field="新材料", kind="论文", maturity="实验室", owner="南京大学")
    client = client_of(broker)
    page = client.get(LIST).content.decode()
    assert "科技成果库" in page and "高精度谐波减速器0" in page and "导入科技成果" not in page
    for query, shown in [
        ({"field": "新材料"}, 1),
        ({"kind": "patent"}, 2),
        ({"maturity": "lab"}, 1),
        ({"q": "减速器1"}, 1),
        ({"q": "没有"}, 0),
    ]:
        assert len(client.get(LIST, query).context["page"].object_list) == shown, query


def test_the_list_pages_by_fifty(client_of, organiser):
    make(55)
    client = client_of(organiser)
    first = client.get(LIST, {"kind": "patent"})
    assert (len(first.context["page"].object_list), first.context["page"].paginator.num_pages) == (50, 2)
    assert "kind=patent&amp;page=2" in first.content.decode()
    assert len(client.get(LIST, {"page": 2}).context["page"].object_list) == 5


def test_the_list_costs_the_same_queries_for_1_and_5_items(client_of, broker):
    client = client_of(broker)
    make(1)
    client.get(LIST)
    with CaptureQueriesContext(connection) as one:
        client.get(LIST)
    library.save_achievements([dict(ROW, title=f"其他{i}") for i in range(4)], by=None, source="t")
    with CaptureQueriesContext(connection) as five:
        assert len(client.get(LIST).context["page"].object_list) == 5
    assert len(five) == len(one)


def test_brokers_see_the_contacts_on_the_detail_page(client_of, broker):
    [pk] = make()
    page = client_of(broker).get(f"{LIST}{pk}/").content.decode()
    assert "wang@suda.edu.cn" in page and "王老师" in page and "中试" in page


def test_the_import_page_runs_a_job_with_progress_and_a_report(
    client_of, organiser, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.VAR_DIR = tmp_path
    book = openpyxl.Workbook()
    book.active.append(["成果名称", "所属单位", "成熟度"])
    book.active.append(["柔性压力传感器", "东南大学", "中试"])
    good = io.BytesIO()
    book.save(good)
    good.seek(0)
    good.name = "东南大学.xlsx"
    bad = io.BytesIO("title,contact_email\n甲,bad\n".encode())
    bad.name = "bad.csv"
    client = client_of(organiser)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(IMPORT, {"files": [good, bad]})

    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert (job.state, job.percent, job.result["created"], job.result["refused"]) == ("done", 100, 1, 1)
    page = client.get(response["Location"]).content.decode()
    assert "东南大学.xlsx" in page and "bad.csv" in page and "<progress" in page
    assert Achievement.objects.get().maturity == "pilot"
    assert list((tmp_path / "uploads" / "achievements").iterdir()) == []  # the worker cleans up


def test_the_import_page_refuses_other_files(client_of, organiser, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    upload = io.BytesIO(b"x")
    upload.name = "old.xls"
    response = client_of(organiser).post(IMPORT, {"files": [upload]})
    assert response.status_code == 200 and Job.objects.count() == 0
    assert "old.xls" in response.content.decode()


def test_the_admin_changes_achievements_through_the_library(client_of, organiser):
    [pk] = make()
    client = client_of(organiser)
    assert client.get("/admin/matching/achievement/").status_code == 200
    url = f"/admin/matching/achievement/{pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    response = client.post(url, data | {"title": "新名称", "contact_email": "bad"})
    assert response.status_code == 200  # the library's own rule refused the e-mail
    response = client.post(url, data | {"title": "新名称"})
    assert response.status_code == 302
    assert Achievement.objects.get(pk=pk).title == "新名称"
    assert AuditEntry.objects.filter(action="achievement.updated", object_id=str(pk)).exists()


def test_an_achievement_added_in_the_admin_goes_through_the_library(client_of, organiser):
    client = client_of(organiser)
    form = client.get("/admin/matching/achievement/add/").context["adminform"].form
    data = dict.fromkeys(form.fields, "") | {"title": "手工录入的成果", "kind": "patent", "owner": "苏州大学"}
    response = client.post("/admin/matching/achievement/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    achievement = Achievement.objects.get()
    assert achievement.dedupe_key == library.dedupe_key("手工录入的成果", "苏州大学")
    assert AuditEntry.objects.filter(action="achievements.imported").count() == 1
