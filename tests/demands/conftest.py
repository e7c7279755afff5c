import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.test import Client

from innochallenge.accounts.enums import Role
from innochallenge.accounts.services import issue_api_token
from tests.factories.accounts import PASSWORD, UserFactory

#: 50 characters (full-width punctuation counts), the shortest description the form accepts.
DESCRIPTION_50 = "需要耐高温聚酰亚胺薄膜，在150℃下长期工作，热收缩率低于0.1%，厚度25微米，可卷对卷连续生产。"
assert len(DESCRIPTION_50) == 50


@pytest.fixture
def form_values():
    """A complete demand as a person would type it (choices by their Chinese names)."""
    return {
        "company_name": "苏州恒新材料科技有限公司",
        "district": "相城区",
        "contact_name": "王磊",
        "contact_phone": "13912345678",
        "contact_title": "研发部 经理",
        "contact_email": "wanglei@hengxin.example.cn",
        "company_profile": "专注于高分子功能薄膜的研发与生产，主要产品为光学膜和绝缘膜。",
        "sales_bracket": "5000万-1亿",
        "title": "耐高温低收缩聚酰亚胺薄膜",
        "budget_wan": "150",
        "industry_field": "新材料",
        "industry_field_other": "",
        "description": DESCRIPTION_50,
        "cooperation_modes": ["合作开发", "技术转让"],
        "cooperation_other": "",
        "broker_name": "李敏",
        "broker_phone": "0512-65246015",
    }


@pytest.fixture
def in_collection():
    """Today is inside hs2021's collection window (2021-05-08 to 2021-05-20, Asia/Shanghai)."""
    when = dt.datetime(2021, 5, 12, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(when, tick=True):
        yield when.date()


@pytest.fixture
def after_collection():
    when = dt.datetime(2021, 5, 25, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(when, tick=True):
        yield when.date()


@pytest.fixture
def broker(db):
    return UserFactory(role=Role.BROKER)


def api_client(user) -> Client:
    """A client that calls the API with a bearer token of `user`."""
    token = issue_api_token(username=user.username, password=PASSWORD)
    return Client(headers={"authorization": f"Bearer {token}"})
