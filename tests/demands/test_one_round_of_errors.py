"""Errors in one round (issue 17): a submission reports the draft rules and the submission rules together,
keeps everything typed, names each rule in its message, and a saved draft can be submitted from its page."""

import pytest

from innochallenge.demands import services
from innochallenge.demands.enums import DemandStatus
from innochallenge.demands.models import Demand
from innochallenge.demands.validation import PROFILE_MAX
from tests.demands.test_pages import post_form

pytestmark = pytest.mark.django_db

URL = "/demands/new/?campaign=hs2021"


def test_a_long_profile_does_not_hide_a_short_description_and_a_missing_budget(
    hs2021, enterprise_user, client, form_values, in_collection
):
    client.force_login(enterprise_user)
    values = form_values | {
        "company_profile": "精" * (PROFILE_MAX + 100),
        "description": "太短的描述",
        "budget_wan": "",
    }

    response = post_form(client, URL, values)
    html = response.content.decode()

    assert response.status_code == 422 and not Demand.objects.exists()
    assert f"企业简介共 {PROFILE_MAX + 100} 个字" in html  # the draft rule
    assert "至少需要 50 个字" in html  # a submission rule
    assert "拟投入合作经费为必填项，请填写万元金额。" in html  # a submission rule, named for itself
    assert "这个字段是必填项" not in html
    assert "太短的描述" in html and values["title"] in html  # nothing typed is lost


def test_every_required_field_names_its_rule_in_chinese(hs2021, enterprise_user, client, in_collection):
    client.force_login(enterprise_user)
    html = post_form(client, URL, {"title": "只有标题"}).content.decode()
    assert "这个字段是必填项" not in html
    for words in ("企业名称为必填项", "联系人为必填项", "合作方式为必填项", "需求描述为必填项"):
        assert words in html, words


def test_a_draft_is_submitted_from_its_page(hs2021, enterprise_user, client, form_values, in_collection):
    draft = services.create_demand(hs2021, form_values, by=enterprise_user)
    client.force_login(enterprise_user)

    page = client.get(f"/demands/{draft.pk}/").content.decode()
    assert f'action="/demands/{draft.pk}/submit/"' in page

    response = client.post(f"/demands/{draft.pk}/submit/")
    assert response.status_code == 302 and response["Location"] == f"/demands/{draft.pk}/done/"
    draft.refresh_from_db()
    assert draft.status == DemandStatus.SUBMITTED


def test_an_incomplete_draft_sent_from_its_page_goes_back_to_the_form(
    hs2021, enterprise_user, client, in_collection
):
    draft = services.create_demand(hs2021, {"title": "未填完的草稿"}, by=enterprise_user)
    client.force_login(enterprise_user)

    response = client.post(f"/demands/{draft.pk}/submit/", follow=True)

    assert response.redirect_chain[-1][0] == f"/demands/{draft.pk}/edit/"
    assert "拟投入合作经费为必填项" in response.content.decode()  # listed under 提交前还需填写
    draft.refresh_from_db()
    assert draft.status == DemandStatus.DRAFT
