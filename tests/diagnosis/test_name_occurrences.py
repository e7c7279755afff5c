"""Issue 19: before publishing a demand whose enterprise hides its name, the broker sees every place the
name or a variant still stands in the text (the field, a snippet, the variant marked), and that each is
blotted as 某企业 when published."""

import datetime as dt

import pytest

from innochallenge.demands import services
from innochallenge.diagnosis import services as diagnosis
from innochallenge.publication import services as publication

ZH = {"accept-language": "zh-hans"}
HEADING = "企业名称仍出现在以下位置"


@pytest.fixture
def approved(hs2021, organiser, broker, form_values, in_collection):
    """An approved demand of 吴江华晟精工科技有限公司 naming itself in its title, description, other text."""

    def make(show_name: bool = False, **values):
        owner = _enterprise()
        text = form_values | {
            "company_name": "吴江华晟精工科技有限公司",
            "district": "吴江区",
            "title": "华晟精工的主轴热变形补偿",
            "description": "数控机床主轴高速运转时温升导致热变形，加工精度下降，需要在线测量与实时补偿方案，"
            "定位误差控制在三微米以内，华晟集团希望在现有机床上加装改造。",
            "cooperation_modes": ["合作开发", "其它"],
            "cooperation_other": "与华晟共建实验室",
        }
        demand = services.create_demand(hs2021, text | values, by=owner, submit=True)
        publication.choose_display(demand, show_company_name=show_name, budget_display="range", by=owner)
        diagnosis.assign(demand, broker, due_on=dt.date(2021, 5, 18), by=organiser)
        diagnosis.diagnose(demand, decision="approve", by=broker)
        return demand

    return make


def _enterprise():
    from tests.factories.accounts import UserFactory

    return UserFactory(role="enterprise")


def test_the_broker_sees_each_field_where_the_hidden_name_still_stands(approved, broker, client_of):
    demand = approved()
    html = client_of(broker).get(f"/demands/{demand.pk}/", headers=ZH).content.decode()
    assert HEADING in html
    panel = html[html.index(HEADING) : html.index("</dl>", html.index(HEADING))]
    assert "发布时，以下各处将一律替换为“某企业”" in panel
    assert "<dt>技术需求名称</dt><dd><mark>华晟精工</mark>的主轴热变形补偿</dd>" in panel
    assert (
        "<dd>…实时补偿方案，定位误差控制在三微米以内，<mark>华晟集团</mark>希望在现有机床上加装改造。</dd>"
        in panel
    )
    assert "<dt>合作方式（其它）</dt><dd>与<mark>华晟</mark>共建实验室</dd>" in panel
    # what the public will read, once published
    publication.publish(demand, by=broker)
    assert (
        client_of(broker).get(f"/api/v1/public/demands/{demand.pk}").json()["title"]
        == "某企业的主轴热变形补偿"
    )


def test_the_english_text_is_listed_to_whoever_updates_the_publication(
    approved, broker, organiser, client_of
):
    demand = approved()
    publication.publish(demand, by=broker, title_en="Spindle compensation for HuaSheng", description_en="x")
    html = client_of(organiser).get(f"/demands/{demand.pk}/", headers=ZH).content.decode()
    assert "更新发布内容" in html and HEADING in html
    assert "<dt>英文需求名称</dt><dd>…le compensation for <mark>HuaSheng</mark></dd>" in html


def test_nothing_is_listed_when_the_name_is_shown_or_absent(approved, broker, client_of):
    shown = approved(show_name=True)
    assert HEADING not in client_of(broker).get(f"/demands/{shown.pk}/", headers=ZH).content.decode()
    clean = approved(title="主轴热变形补偿", cooperation_modes=["合作开发"], cooperation_other="")
    clean.description = clean.description.replace("华晟集团", "企业")
    clean.save(update_fields=["description"])
    assert HEADING not in client_of(broker).get(f"/demands/{clean.pk}/", headers=ZH).content.decode()


def test_the_enterprise_which_cannot_publish_does_not_get_the_list(approved, client_of):
    demand = approved()
    html = client_of(demand.created_by).get(f"/demands/{demand.pk}/", headers=ZH).content.decode()
    assert HEADING not in html
