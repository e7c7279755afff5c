"""Matching pages speak to brokers, not engineers (issue 17): no engine names or raw negative numbers
outside the fold that holds the score's parts, nothing listed below the engine's threshold, no generic
word passed off as a shared key term, and no push for a demand that shares only a generic word."""

import re

import pytest
from django.utils import timezone

from innochallenge.demands.models import Demand
from innochallenge.matching import services
from innochallenge.matching.engine import ranking
from innochallenge.matching.models import Achievement, Push
from innochallenge.site.demo import set_up_demo
from tests.factories.accounts import UserFactory
from tests.factories.demands import FORM_VALUES

REDUCER_DEMAND = "高精度低背隙谐波减速器"
FILM_ACHIEVEMENT = "交联型耐高温聚酰亚胺薄膜"  # shares only "150℃" with the reducer demand
FOLD = re.compile(r'<details class="parts">.*?</details>', re.DOTALL)
ENGINE_WORDS = ("BM25", "E5", "多语种", "近邻", "neighbourhood")
NEGATIVE = re.compile(r"(?<!\w)[-−]\d+\.\d+")  # a score, not the "-0001" of DEMO-0001
GENERIC_EXAMPLES = {"技术", "小时", "数控", "系统", "方法", "研究", "设备", "产品"}


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        set_up_demo(today=timezone.localdate())
    return Demand.objects.filter(campaign__slug="demo", status="published")


@pytest.fixture
def dense(settings):
    """Meaning vectors on, so the page has every part of the score the issue saw (近邻 -1.16)."""
    settings.MATCHING_DENSE = True


@pytest.fixture
def demo_with_meaning(dense, demo):
    return demo


def _main(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def _matches_page(client, username: str, demand, lang: str = "zh-hans") -> str:
    from innochallenge.accounts.models import User

    client.force_login(User.objects.get(username=username))
    answer = client.get(f"/matching/demands/{demand.pk}/", HTTP_ACCEPT_LANGUAGE=lang)
    assert answer.status_code == 200
    return _main(answer.content.decode())


def _all_matches(demands):
    for demand in demands:
        for found in services.matches_for_demand(demand).values():
            yield from found
    for achievement in Achievement.objects.all():
        yield from services.demands_for(f"a:{achievement.pk}")


@pytest.mark.parametrize("username", ["broker", "organiser"])
def test_the_matches_page_names_no_engine_and_no_negative_score_outside_the_fold(
    demo_with_meaning, client, username
):
    html = _matches_page(client, username, demo_with_meaning.get(title=REDUCER_DEMAND))
    assert FOLD.search(html), "the score's parts are in a fold"
    # What a reader sees: the text, not the tags (a hashed asset name or a token may hold "E5").
    outside = re.sub(r"<[^>]+>", " ", FOLD.sub("", html))
    assert [w for w in ENGINE_WORDS if w in outside] == []
    assert NEGATIVE.findall(outside) == []


def test_the_fold_labels_the_parts_in_plain_words(demo_with_meaning, client):
    demand = demo_with_meaning.get(title=REDUCER_DEMAND)
    chinese = "".join(FOLD.findall(_matches_page(client, "broker", demand)))
    for label in ("词语匹配", "语义相似", "相近成果"):
        assert f">{label}<" in chinese
    assert "近邻" not in chinese and "共有词语" not in chinese
    english = "".join(FOLD.findall(_matches_page(client, "broker", demand, lang="en")))
    for label in ("word match", "meaning", "similar achievements"):
        assert f">{label}<" in english


def test_no_listed_match_scores_below_the_threshold(demo, client):
    assert all(m.score >= ranking.MIN_SCORE for m in _all_matches(demo))
    html = _matches_page(client, "broker", demo.get(title=REDUCER_DEMAND))
    assert "谐波减速器柔轮双圆弧齿形修形技术" in html  # the good match is still there
    assert FILM_ACHIEVEMENT not in html
    film = Achievement.objects.get(title=FILM_ACHIEVEMENT)
    detail = _main(client.get(f"/matching/achievements/{film.pk}/").content.decode())
    assert "耐高温低收缩聚酰亚胺薄膜" in detail and REDUCER_DEMAND not in detail


def test_a_confirmed_match_stays_listed_below_the_threshold(demo, client):
    from innochallenge.accounts.models import User
    from innochallenge.matching.enums import MatchVerdict, TargetKind

    demand = demo.get(title=REDUCER_DEMAND)
    film = Achievement.objects.get(title=FILM_ACHIEVEMENT)
    assert film.pk not in [m.id for m in services.matches_for_demand(demand)["a"]]
    broker = User.objects.get(username="broker")
    services.review_match(demand, TargetKind.ACHIEVEMENT, film.pk, MatchVerdict.CONFIRMED, by=broker)
    assert film.pk in [m.id for m in services.matches_for_demand(demand)["a"]]


def test_shared_terms_shown_are_never_generic(demo, client):
    assert services.generic_terms() >= GENERIC_EXAMPLES
    shown = [(m.title, t) for m in _all_matches(demo) for t in m.shared_terms if services.is_generic(t)]
    assert shown == []
    for demand in demo:
        html = _matches_page(client, "broker", demand)
        reasons = re.findall(r'<p class="reasons">(.*?)</p>', html, re.DOTALL)
        marked = {t for r in reasons for t in re.findall(r"<mark>(.*?)</mark>", r)}
        assert {t for t in marked if services.is_generic(t)} == set()


def test_the_pushes_page_leaves_out_generic_terms_stored_earlier(demo, client):
    provider = UserFactory(role="provider")
    Push.objects.create(
        demand=demo.get(title=REDUCER_DEMAND),
        recipient=provider,
        target_kind="achievement",
        target_id=Achievement.objects.first().pk,
        score=1.0,
        terms=["技术", "系统", "谐波减速器"],
        digest_on=timezone.localdate(),
    )
    client.force_login(provider)
    html = _main(client.get("/matching/pushes/").content.decode())
    assert "<mark>谐波减速器</mark>" in html
    assert "<mark>技术</mark>" not in html and "<mark>系统</mark>" not in html


#: Shares only 技术 and 设备 with the demand below.
CNC = {
    "title": "数控机床主轴热变形补偿技术",
    "abstract": "一种数控机床主轴热变形补偿方法，通过温度传感与误差模型补偿，适用于数控设备改造。",
    "keywords": "数控机床，主轴，热变形",
    "field": "装备制造",
    "owner": "示例大学",
    "kind": "patent",
    "maturity": "pilot",
}
DATA_DEMAND = {
    "title": "生产线设备数据采集",
    "industry_field": "装备制造",
    "description": (
        "需要为现有生产线设备建设数据采集，采用成熟技术，实现设备状态在线监测，"
        "数据接入企业管理平台并形成日报表，便于车间主任掌握开机率。"
    ),
}


def test_a_demand_sharing_only_generic_words_gets_no_push(
    library_of, publish_demand, django_capture_on_commit_callbacks
):
    owner = UserFactory(role="provider")
    with django_capture_on_commit_callbacks(execute=True):
        [cnc] = library_of(CNC)
    Achievement.objects.filter(pk=cnc).update(owner_user=owner)
    with django_capture_on_commit_callbacks(execute=True):
        demand = publish_demand(dict(FORM_VALUES) | DATA_DEMAND, show_company_name=False)
    assert not Push.objects.filter(demand=demand).exists()
    assert [m.shared_terms for m in services.matches_for_demand(demand)["a"]] in ([], [[]])


def test_a_real_match_needs_the_threshold_and_a_key_term():
    def match(score, terms):
        return services.Match(
            key="a:1", score=score, parts={}, title="", shared_terms=terms, snippet="", query_snippet="",
            field_agrees=False, modes_agree=False,
        )  # fmt: skip

    assert services.is_real_match(match(0.8, ["谐波减速器", "技术"]))
    assert not services.is_real_match(match(0.8, ["技术", "设备"]))
    assert not services.is_real_match(match(0.8, []))
    assert not services.is_real_match(match(ranking.MIN_SCORE - 0.01, ["谐波减速器"]))
