"""Acceptance 3: public search for 锂电池 隔膜 finds the demands containing those words, best first, with
the words marked; filters narrow the catalog."""

import pytest

from innochallenge.publication import search

BOTH = dict(
    title="锂电池隔膜的陶瓷涂覆工艺",
    description="需要锂电池隔膜的陶瓷涂覆工艺：隔膜在150℃下热收缩率低于3%，锂电池循环寿命不降低，"
    "涂层厚度2至4微米，适合卷对卷连续生产。",
)
ONE_WORD = dict(
    title="锂电池管理系统的均衡算法",
    description="需要锂电池管理系统的主动均衡算法与硬件方案，适用于储能电站，均衡电流不低于5A，"
    "能在零下20℃到55℃之间可靠工作，能给出测试报告。",
)
NEITHER = dict(
    title="精密减速器的背隙控制",
    description="需要精密行星减速器的背隙控制技术，背隙不大于1弧分，寿命不少于两万小时，"
    "适用于工业机器人关节，能在批量生产中保持一致性。",
)


@pytest.fixture
def catalog(form_values, publish_demand):
    return {
        name: publish_demand(dict(form_values, **values))
        for name, values in (("both", BOTH), ("one", ONE_WORD), ("neither", NEITHER))
    }


def test_search_finds_the_demands_with_the_words_best_first_and_marks_them(client, catalog):
    body = client.get("/api/v1/public/demands", {"q": "锂电池 隔膜"}).json()
    assert [i["id"] for i in body["items"]] == [catalog["both"].pk, catalog["one"].pk]
    assert "<mark>锂电池</mark>" in body["items"][0]["snippet"]
    assert "<mark>隔膜</mark>" in body["items"][0]["snippet"]
    page = client.get("/catalog/", {"q": "锂电池 隔膜"}).content.decode()
    assert page.index("<mark>隔膜</mark>") < page.index("均衡算法")
    assert "背隙" not in page


def test_snippets_escape_the_text_and_only_mark_the_words(client, form_values, publish_demand):
    publish_demand(
        dict(
            form_values,
            description="<script>alert(1)</script>需要锂电池隔膜的涂覆工艺，耐温150℃，热收缩率低于3%，厚度2微米，连续生产。",
        )
    )
    item = client.get("/api/v1/public/demands", {"q": "隔膜"}).json()["items"][0]
    assert "<script>" not in item["snippet"] and "&lt;script&gt;" in item["snippet"]
    assert "<mark>隔膜</mark>" in item["snippet"]


def test_english_words_find_the_english_version(client, form_values, publish_demand):
    demand = publish_demand(
        dict(form_values, **NEITHER),
        title_en="Backlash control of precision reducers",
        description_en="x" * 10,
    )
    items = client.get("/api/v1/public/demands", {"q": "backlash", "lang": "en"}).json()["items"]
    assert [i["id"] for i in items] == [demand.pk]
    assert items[0]["title"] == "Backlash control of precision reducers"


def test_filters_combine_with_search(client, catalog, hs2021):
    assert client.get("/api/v1/public/demands", {"q": "锂电池", "channel": "leading"}).json()["count"] == 0
    assert (
        client.get("/api/v1/public/demands", {"q": "锂电池", "field": "new-materials"}).json()["count"] == 2
    )
    assert client.get("/api/v1/public/demands", {"q": "锂电池", "field": "ai"}).json()["count"] == 0
    assert client.get("/api/v1/public/demands", {"mode": "joint-development"}).json()["count"] == 3
    assert client.get("/api/v1/public/demands", {"mode": "equity"}).json()["count"] == 0
    by_district = client.get("/api/v1/public/demands", {"district": "xiangcheng"}).json()
    assert by_district["count"] == 3
    assert client.get("/api/v1/public/demands", {"district": "gusu"}).json()["count"] == 0
    assert client.get("/api/v1/public/demands", {"budget": "100-300"}).json()["count"] == 3


def test_the_index_follows_new_publications(client, form_values, publish_demand):
    assert client.get("/api/v1/public/demands", {"q": "减速器"}).json()["count"] == 0
    publish_demand(dict(form_values, **NEITHER))
    assert client.get("/api/v1/public/demands", {"q": "减速器"}).json()["count"] == 1


def test_terms_keep_numbers_and_drop_punctuation():
    assert "150" in search.terms("耐温150℃，") and "，" not in search.terms("耐温150℃，")
    assert search.terms("Lithium Battery") == ["lithium", "battery"]


def test_reindex_cuts_the_terms_again(form_values, publish_demand, client):
    import io

    from django.core.management import call_command

    from innochallenge.publication.models import Publication

    demand = publish_demand(dict(form_values, **NEITHER))
    Publication.objects.filter(demand=demand).update(search_terms="")
    assert client.get("/api/v1/public/demands", {"q": "减速器"}).json()["count"] == 0
    call_command("reindex", stdout=io.StringIO())
    assert client.get("/api/v1/public/demands", {"q": "减速器"}).json()["count"] == 1
