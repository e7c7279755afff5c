"""Issue 19's property: for generated company names (a place from the division list × a core of 2–4
Chinese characters × trade words × a legal form, and an English name) and texts that mention them in every
form, no variant of two or more characters of the core survives on any public surface builder: the public
view in both languages (pages, API, feeds, sitemap), the search text that is indexed, the search snippet
with its marks, and the event titles (participants page, .ics)."""

import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pypinyin import lazy_pinyin

from innochallenge.demands.enums import DemandStatus
from innochallenge.events.queries import party
from innochallenge.publication.names import _english_generic, _generic, divisions, variants_of
from innochallenge.publication.public import CHINESE, ENGLISH, public_view, search_text
from innochallenge.publication.search import highlight, mark_terms
from tests.factories.demands import DemandFactory

#: Characters of brands, none of them in a trade word, a legal form, a place suffix or the mask.
BRAND = "华晟恒力瑞鑫宏泰丰祥凯博峰岚澜翔昊璟钧铭锐"
TRADES = ["科技", "精工", "机械", "新材料", "材料", "电子", "智能", "装备", "制造", "生物", "软件"]
LEGAL = ["有限公司", "股份有限公司", "有限责任公司", "集团有限公司", "集团", "公司", "厂"]
PLACES = sorted(divisions())
#: The texts of a public view (its url, ids and codes are ours, not the enterprise's: "HTTPS" is in them).
TEXTS = (
    "title",
    "description",
    "industry_field_name",
    "cooperation_other",
    "company_name",
    "company_profile",
)


def _pinyin_spellings(core: str) -> list[str]:
    syllables = lazy_pinyin(core)
    return [
        "".join(s.capitalize() for s in syllables),
        " ".join(s.capitalize() for s in syllables),
        "".join(syllables),
        "".join(syllables).upper(),
        "-".join(syllables),
    ]


@st.composite
def companies(draw):
    place = draw(st.sampled_from(PLACES))
    core = draw(st.text(alphabet=BRAND, min_size=2, max_size=4))
    assume(not _generic(core, divisions()))
    trades = draw(st.lists(st.sampled_from(TRADES), max_size=2))
    legal = draw(st.sampled_from(LEGAL))
    latin = draw(st.text(alphabet="ABCDEFGHKMNPRSTXYZ", min_size=3, max_size=6))
    assume(not _english_generic(latin))
    return {
        "name": place + core + "".join(trades) + legal,
        "place": place,
        "core": core,
        "trades": trades,
        "legal": legal,
        "latin": latin,
        "name_en": f"Suzhou {latin} Technology Co., Ltd.",
    }


def _mentions(c: dict) -> tuple[str, str]:
    core, trades = c["core"], "".join(c["trades"])
    chinese = [
        c["name"],
        c["place"] + core + trades,  # without legal form
        core + trades + c["legal"],  # without place
        core + trades,
        core,
        core + "集团",
        core + "公司",
        core + "科技",
        c["place"] + core,
    ]
    english = [*_pinyin_spellings(core), c["latin"], f"{c['latin']} Technology", c["name_en"]]
    text = "需求说明：" + "，".join(f"{m}的产线" for m in chinese) + "。English: " + "; ".join(english) + "."
    english_text = "A demand of " + ", ".join(f"{m} line" for m in english) + " and " + core + "."
    return text, english_text


def _survivors(c: dict, text: str) -> list[str]:
    """The core, its pinyin (any case, split or not) and the English core, where they stand in `text`."""
    spelled = {
        "pinyin": r"[\s\-]?".join(map(re.escape, lazy_pinyin(c["core"]))),
        "latin": re.escape(c["latin"]),
    }
    left = [c["core"]] if c["core"] in text else []
    for kind, pattern in spelled.items():
        if re.search(rf"(?<![A-Za-z0-9]){pattern}(?![A-Za-z0-9])", text, re.IGNORECASE):
            left.append(kind)
    return left


@pytest.fixture
def demand(db):
    return DemandFactory(status=DemandStatus.PUBLISHED)


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(c=companies())
def test_no_variant_of_the_core_survives_on_any_surface_builder(demand, c):
    text, english = _mentions(c)
    demand.company_name = c["name"]
    demand.organisation.name = c["name"]
    demand.organisation.name_en = c["name_en"]
    demand.title = c["core"] + "精工的刀具寿命提升"
    demand.description = text
    demand.cooperation_other = c["core"] + "".join(c["trades"])
    demand.publication.title_en = f"Tool life for {_pinyin_spellings(c['core'])[0]} Precision"
    demand.publication.description_en = english
    views = [public_view(demand, CHINESE, "https://example.cn"), public_view(demand, ENGLISH)]
    surfaces = {
        "view zh": " ".join(str(views[0][k]) for k in TEXTS),
        "view en": " ".join(str(views[1][k]) for k in TEXTS),
        "search text": search_text(demand),
        "snippet": str(highlight(views[0]["description"], c["core"] + " 产线")),
        "marks": str(mark_terms(views[1]["description"], [c["latin"], "line"])),
    }
    for where, out in surfaces.items():
        assert not _survivors(c, out), (where, c["name"], c["latin"], out)
    # Sanity: the texts did name the company, and what stays reads on.
    assert _survivors(c, text) and "的产线" in views[0]["description"]


def test_event_titles_come_through_the_same_blot(db):
    """The participants page and the .ics list a hidden enterprise's demands by `party(...).demands`."""
    from innochallenge.events.models import Registration
    from tests.factories.events import EventFactory

    event = EventFactory(status="open")
    demand = DemandFactory(
        status=DemandStatus.PUBLISHED, company_name="吴江华晟精工科技有限公司", title="华晟精工的主轴热补偿"
    )
    registration = Registration.objects.create(
        event=event, organisation=demand.organisation, user=demand.created_by, side="enterprise"
    )
    registration.demands.set([demand])
    seen = party(registration, CHINESE, reader=None)
    assert seen.demands == ["某企业的主轴热补偿"]
    assert variants_of(("吴江华晟精工科技有限公司",)).find(" ".join(seen.demands)) == []
