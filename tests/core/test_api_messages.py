"""The API tells a Chinese caller in Chinese what is wrong with a value its schema refuses (pydantic says
"Field required" and "Input should be a finite number" in English)."""

import pytest
from django.test import Client


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"paid_rd": "1"}, "district", "这个字段是必填项。"),
        ({"paid_rd": "abc", "district": "相城区"}, "paid_rd", "输入一个数字。"),
        ({"paid_rd": "NaN", "district": "相城区"}, "paid_rd", "输入一个数字。"),
        ({"paid_rd": "-5", "district": "相城区"}, "paid_rd", "确保该值大于或等于0。"),
    ],
)
def test_a_refused_value_is_explained_in_chinese(hs2021, query, field, message):
    response = Client().get("/api/v1/campaigns/hs2021/subsidy-quote", query, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 422
    assert response.json()["errors"][field] == [message]


def test_in_english_it_is_said_in_english(hs2021):
    response = Client().get(
        "/api/v1/campaigns/hs2021/subsidy-quote", {"paid_rd": "1"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.json()["errors"]["district"] == ["This field is required."]
