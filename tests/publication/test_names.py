"""Issue 19, "hidden names leak through their short forms": the variants of a company name, for the issue's
examples, and what blotting them leaves of a text."""

import re

import pytest

from innochallenge.publication.names import blot, divisions, name_variants, variants_of

MASK = "某企业"


def _blotted(name: str, text: str, *, name_en: str = "", districts=()) -> str:
    return variants_of(tuple(n for n in (name, name_en) if n), tuple(districts)).blot(text, MASK)


def test_the_division_list_is_cpcas_with_and_without_suffixes():
    places = divisions()
    assert {
        "吴江区",
        "吴江",
        "相城",
        "姑苏区",
        "吴中",
        "江苏省",
        "江苏",
        "浦东新区",
        "浦东",
        "工业园区",
    } <= places
    assert {"湘西土家族苗族自治州", "湘西", "广西", "新疆", "乌鲁木齐"} <= places
    assert len(places) > 5000
    assert "区" not in places and "县" not in places  # no short form of one character


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("吴江华晟精工科技有限公司", {"华晟精工科技", "华晟精工", "华晟", "吴江华晟精工科技"}),
        ("相城区恒力机械有限公司", {"恒力机械", "恒力", "相城区恒力机械"}),
        ("江苏省苏州市恒新材料科技有限公司", {"恒新材料科技", "恒新材料", "恒新", "苏州市恒新材料科技"}),
        ("苏州工业园区示例软件有限公司", {"工业园区示例软件", "示例软件", "示例"}),
        ("华晟（苏州）精密科技股份有限公司", {"华晟精密科技", "华晟"}),
        ("Suzhou ABC Tech Co., Ltd.", {"ABC Tech", "ABC", "Suzhou ABC Tech"}),
    ],
)
def test_the_issues_examples_have_their_short_forms(name, forms):
    assert forms <= set(name_variants(name))


@pytest.mark.parametrize(
    ("name", "text", "left"),
    [
        (
            "吴江华晟精工科技有限公司",
            "华晟精工科技有限公司（简称华晟精工）的需求：吴江华晟多年来……华晟是龙头。",
            "某企业（简称某企业）的需求：某企业多年来……某企业是龙头。",
        ),
        ("相城区恒力机械有限公司", "恒力机械现有产线，恒力公司", "某企业现有产线，某企业"),
        (
            "江苏省苏州市恒新材料科技有限公司",
            "恒新材料、恒新集团、恒新科技与恒新公司",
            "某企业、某企业、某企业与某企业",
        ),
    ],
)
def test_every_chinese_form_is_blotted(name, text, left):
    assert _blotted(name, text) == left


@pytest.mark.parametrize(
    "spelling", ["HuaSheng", "Hua Sheng", "huasheng", "HUASHENG", "hua-sheng", "Huasheng Precision Co., Ltd."]
)
def test_the_pinyin_of_the_core_is_blotted_in_any_spelling(spelling):
    text = f"A demand of {spelling}: the line of {spelling} needs a new spindle."
    out = _blotted("吴江华晟精工科技有限公司", text)
    assert out == f"A demand of {MASK}: the line of {MASK} needs a new spindle."


def test_english_names_are_blotted_at_word_boundaries_only():
    text = "Suzhou ABC Tech Co., Ltd. (ABC Tech, or just abc) works with ABCD and XABC."
    out = blot(text, ["Suzhou ABC Tech Co., Ltd."], "An enterprise")
    assert out == "An enterprise (An enterprise, or just An enterprise) works with ABCD and XABC."


def test_the_organisations_english_name_is_blotted_with_the_chinese_one():
    text = "华晟精工 and Wujiang Huasheng Precision; SunRise Machinery Co., Ltd. and SunRise."
    out = _blotted("吴江华晟精工科技有限公司", text, name_en="SunRise Machinery Co., Ltd.")
    assert "华晟" not in out and not re.search("huasheng|sunrise", out, re.IGNORECASE)


def test_a_campaigns_own_district_is_a_place():
    # 高铁新城 is no division of cpca's list, but a district of the campaign: its companies' cores follow.
    assert _blotted("高铁新城示例软件有限公司", "示例的需求") == "示例的需求"
    assert _blotted("高铁新城示例软件有限公司", "示例的需求", districts=["高铁新城"]) == "某企业的需求"


def test_a_name_made_only_of_place_and_trade_words_leaves_ordinary_words_alone():
    text = "苏州电子有限公司需要电子元件，苏州电子的电子产品销往苏州。"
    assert _blotted("苏州电子有限公司", text) == "某企业需要电子元件，某企业的电子产品销往苏州。"
    assert set(name_variants("苏州电子有限公司")) == {"苏州电子有限公司", "苏州电子"}


def test_nothing_to_blot_for_an_empty_name():
    assert name_variants("  ") == []
    assert blot("华晟精工", [], MASK) == "华晟精工"


def test_the_division_list_is_read_without_importing_cpca():
    import os
    import subprocess
    import sys

    import innochallenge

    code = (
        "import sys; from innochallenge.publication.names import divisions; assert '吴江' in divisions(); "
        "print(sorted(m for m in sys.modules if m.startswith(('cpca', 'pandas'))))"
    )
    env = os.environ | {"PYTHONPATH": os.path.dirname(os.path.dirname(innochallenge.__file__))}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert run.stdout.strip() == "[]"
