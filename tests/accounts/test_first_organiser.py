"""A new installation's first account runs the campaign (issue 17): `createsuperuser` makes an organiser
who sees every demand, and the admin index lists what an organiser may use, in Chinese."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from innochallenge.accounts.enums import Role
from innochallenge.accounts.models import User
from innochallenge.accounts.services import issue_api_token
from innochallenge.demands import services
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def test_createsuperuser_noinput_makes_an_organiser_who_lists_every_demand(
    hs2021, in_collection, monkeypatch, enterprise_user, form_values, liaison_of
):
    services.create_demand(hs2021, dict(form_values, title="已提交的需求"), by=enterprise_user, submit=True)
    services.create_demand(hs2021, {"title": "企业的草稿"}, by=enterprise_user)
    services.create_demand(
        hs2021,
        dict(form_values, district="吴中区", title="吴中区需求"),
        by=liaison_of("wuzhong"),
        submit=True,
    )
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "first-organiser-2021")

    call_command("createsuperuser", interactive=False, username="first", email="first@example.org")

    first = User.objects.get(username="first")
    assert (first.role, first.is_staff, first.is_superuser) == (Role.ORGANISER, True, True)
    token = issue_api_token(username="first", password="first-organiser-2021")
    body = Client(headers={"authorization": f"Bearer {token}"}).get("/api/v1/demands").json()
    assert sorted(item["title"] for item in body["items"]) == sorted(
        ["已提交的需求", "企业的草稿", "吴中区需求"]
    )
    assert body["count"] == 3


def test_a_superuser_of_another_role_is_refused(db):
    with pytest.raises(ValueError):
        User.objects.create_superuser("x", "x@example.org", "pw-2021-long", role=Role.ENTERPRISE)


def _captions(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<caption>(.*?)</caption>", html, re.S)]


def test_the_organisers_admin_index_lists_the_apps_in_chinese(db):
    organiser = UserFactory(role=Role.ORGANISER, username="staff-organiser", is_staff=True)
    client = Client()
    client.force_login(organiser)

    with translation.override("zh-hans"):
        html = client.get("/admin/", headers={"accept-language": "zh-hans"}).content.decode()

    assert "你没有查看或编辑的权限" not in html
    captions = _captions(html)
    for app in ("技术需求", "供需对接会", "审计记录"):
        assert any(app in caption for caption in captions), (app, captions)
    # Every model is named in Chinese: no row of the index is left in English.
    rows = [
        re.sub(r"<[^>]+>", "", r).strip() for r in re.findall(r'<th scope="row"[^>]*>(.*?)</th>', html, re.S)
    ]
    assert rows and not [r for r in rows if re.fullmatch(r"[A-Za-z ,'-]+", r)], rows


def test_the_audit_trail_reads_actions_as_words(hs2021, in_collection, enterprise_user, form_values):
    from innochallenge.audit.models import AuditEntry

    demand = services.create_demand(hs2021, form_values, by=enterprise_user, submit=True)
    organiser = UserFactory(role=Role.ORGANISER, username="staff-organiser", is_staff=True)
    client = Client()
    client.force_login(organiser)
    assert AuditEntry.objects.for_object(demand).filter(action="demand.submitted").exists()

    html = client.get("/admin/audit/auditentry/", headers={"accept-language": "zh-hans"}).content.decode()

    assert "需求已提交" in html and "技术需求" in html
    cells = re.findall(r'<td class="field-action_words">(.*?)</td>', html)
    assert cells and not [c for c in cells if re.fullmatch(r"[a-z_.]+", c)], cells


def test_every_audit_action_in_the_code_has_words():
    """A new action code written in the code gets a label here, or the trail shows a code again."""
    from pathlib import Path

    from innochallenge.audit.actions import LABELS

    source = Path(__file__).resolve().parents[2] / "src" / "innochallenge"
    codes = set()
    for path in source.rglob("*.py"):
        codes |= set(re.findall(r'action="([a-z_]+\.[a-z_.]+)"', path.read_text()))
    assert codes and codes <= set(LABELS), sorted(codes - set(LABELS))


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("demand.diagnosed.approve", "需求已通过诊断"),
        ("event.open", "对接会："),
        ("subsidy.approved", "补助："),
    ],
)
def test_state_change_codes_read_as_the_state(code, words):
    from innochallenge.audit.actions import action_label

    with translation.override("zh-hans"):
        label = action_label(code)
    assert label.startswith(words) and "." not in label, label
