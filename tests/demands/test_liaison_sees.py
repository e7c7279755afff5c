"""What a liaison sees (issue 17): an enterprise's draft is its own until it is handed in, and a page
offers only the steps its reader may take (no 撤回 on a demand the liaison did not file)."""

import pytest
from django.test import Client

from innochallenge.demands import services

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client(headers={"accept-language": "zh-hans"})
    client.force_login(user)
    return client


def test_an_enterprise_draft_stays_the_enterprises_own(hs2021, in_collection, enterprise_user, liaison_of):
    liaison = liaison_of("xiangcheng")
    draft = services.create_demand(
        hs2021, {"title": "企业尚未提交的草稿", "district": "相城区"}, by=enterprise_user
    )
    own = services.create_demand(hs2021, {"title": "联络员代填的草稿", "district": "相城区"}, by=liaison)

    listing = _client(liaison).get(f"/demands/?campaign={hs2021.slug}").content.decode()

    assert "企业尚未提交的草稿" not in listing and "联络员代填的草稿" in listing
    assert _client(liaison).get(f"/demands/{draft.pk}/").status_code == 403
    assert _client(liaison).get(f"/demands/{own.pk}/").status_code == 200
    assert _client(enterprise_user).get(f"/demands/{draft.pk}/").status_code == 200


def test_withdraw_is_offered_only_to_whoever_may_withdraw(
    hs2021, in_collection, enterprise_user, liaison_of, form_values
):
    liaison = liaison_of("xiangcheng")
    theirs = services.create_demand(hs2021, form_values, by=enterprise_user, submit=True)
    filed = services.create_demand(
        hs2021, form_values | {"title": "联络员代填的需求"}, by=liaison, submit=True
    )
    withdraw = f'action="/demands/{theirs.pk}/withdraw/"'

    assert withdraw not in _client(liaison).get(f"/demands/{theirs.pk}/").content.decode()
    assert _client(liaison).post(f"/demands/{theirs.pk}/withdraw/").status_code == 403
    assert withdraw in _client(enterprise_user).get(f"/demands/{theirs.pk}/").content.decode()
    assert (
        f'action="/demands/{filed.pk}/withdraw/"'
        in _client(liaison).get(f"/demands/{filed.pk}/").content.decode()
    )
