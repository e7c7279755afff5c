"""Words a Chinese official reads (issue 17): a standardised score never stands alone, rates read as
percentages, Chinese text takes Chinese punctuation (、 between names, ： after a label), feed links say
what they do, and English pages name campaigns, districts and events in English."""

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

import innochallenge
from innochallenge.awards.nominations import panel_scores
from innochallenge.contracts import subsidies
from innochallenge.core import text
from innochallenge.judging import results
from innochallenge.judging import services as judging
from innochallenge.judging.enums import RoundState, Stage
from tests.contracts.conftest import contract  # noqa: F401  (fixture)
from tests.events.conftest import new_event
from tests.judging.conftest import make_judge, score_all
from tests.solutions.conftest import published, world  # noqa: F401  (fixtures)

COMPILED = Path(innochallenge.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.mo"
#: What may stand next to ASCII punctuation in a Chinese message: placeholders, URLs, markup, code.
NOT_WORDS = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdfi]|%[sd]|\{[^{}]*\}|<[^>]+>|https?://\S+|`[^`]*`")
HAN = "\u3400-\u4dbf\u4e00-\u9fff"
#: An ASCII , : ; ( ) touching a Chinese character (spaces between them do not help).
ASCII_BY_CHINESE = re.compile(rf"[{HAN}] *[,:;()]|[,;()] *[{HAN}]")


def _visible(html: str) -> str:
    """The text a reader sees: no tags, scripts or styles."""
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _solo_final(here):
    """A final with one solution only, scored 9 on each criterion by three judges and the demand side,
    then confirmed: its z-score is 0 whatever the panel thought of it."""
    round = judging.create_round(here.demand.campaign, stage=Stage.FINAL, name="决赛", by=here.organiser)
    entry = judging.add_entry(round, demand=here.demand, solution=here.solution, by=here.organiser)
    panel = [make_judge(kind=k) for k in ("technical", "tech_transfer", "finance")]
    panel.append(
        make_judge(kind="demand_side", affiliation="需求企业", organisation=here.demand.organisation)
    )
    for judge in panel:
        judging.invite(round, judge, by=here.organiser)
    judging.set_round_state(round, RoundState.OPEN, by=here.organiser)
    judging.set_entry_state(entry, "scoring", by=here.organiser)
    for judge in panel:
        score_all(entry, judge, {"completeness": 9, "feasibility": 9, "fit": 9})
    judging.set_entry_state(entry, "closed", by=here.organiser)
    results.decide(round, here.demand, solution=here.solution, by=here.owner)
    return round


def test_the_awards_page_shows_the_panel_mean_beside_the_standardised_score(world, client):  # noqa: F811
    round = _solo_final(world)
    mean = results.session_results(round).ranking[0].score("mean")
    client.force_login(world.organiser)

    page = _visible(client.get(f"/awards/?campaign={world.demand.campaign.slug}").content.decode())

    assert f"专家平均分 {mean:.1f} · 标准化分 0.00" in page
    assert "评审得分" not in page


def test_a_mean_alone_when_the_campaign_ranks_by_the_mean():
    with translation.override("zh-hans"):
        assert panel_scores(82.5, 82.5, "mean") == "专家平均分 82.5"
        assert panel_scores(82.5, 0.0, "zscore") == "专家平均分 82.5 · 标准化分 0.00"
        assert panel_scores(82.5, 81.0, "trimmed_mean") == "专家平均分 82.5 · 去极值平均分 81.0"


def test_the_subsidy_rate_reads_as_a_percentage(contract, world, client):  # noqa: F811
    subsidies.apply(contract, by=world.owner)
    client.force_login(world.organiser)

    chinese = _visible(client.get("/awards/subsidies/").content.decode())
    english = _visible(client.get("/awards/subsidies/", headers={"accept-language": "en"}).content.decode())

    assert "按已付研发费用的 30% 计" in chinese
    assert "30% of R&amp;D paid" in english or "30% of R&D paid" in english
    assert "0.300" not in chinese + english


@pytest.mark.parametrize(
    ("fraction", "shown"), [("0.300", "30%"), ("0.125", "12.5%"), ("1", "100%"), ("0", "0%"), (None, "")]
)
def test_percent(fraction, shown):
    assert text.percent(fraction) == shown


def test_no_chinese_message_puts_ascii_punctuation_between_chinese_words():
    wrong = []
    for entry in polib.mofile(str(COMPILED)):
        for message in [entry.msgstr, *entry.msgstr_plural.values()]:
            if ASCII_BY_CHINESE.search(NOT_WORDS.sub("x", message)):
                wrong.append((entry.msgid, message))
    assert wrong == []


def test_the_punctuation_check_sees_what_it_is_for():
    """The catalog check above would pass on an empty pattern; it does catch the forms it is meant to."""
    caught = ["诊断需求 3 项, 发布 2 项", "编号: HS-1", "需求 (已发布)", "甲;乙"]
    allowed = ["%(name)s，您好：", '例如 {"field": 0.8}；详见 README。', "访问 https://a.example/x,y 查看"]
    assert all(ASCII_BY_CHINESE.search(NOT_WORDS.sub("x", s)) for s in caught)
    assert not any(ASCII_BY_CHINESE.search(NOT_WORDS.sub("x", s)) for s in allowed)


def test_lists_of_names_join_with_the_enumeration_comma_in_chinese():
    with translation.override("zh-hans"):
        assert text.join_list(["相城区", "吴中区", "昆山市"]) == "相城区、吴中区、昆山市"
        assert text.label("编号") == "编号："
        assert text.bracketed("相城区") == "（相城区）"
        assert text.join_sentences("甲。", "乙。") == "甲。乙。"
    with translation.override("en"):
        assert text.join_list(["Xiangcheng", "Wuzhong"]) == "Xiangcheng, Wuzhong"
        assert text.label("Reference number") == "Reference number: "
        assert text.bracketed("Xiangcheng") == " (Xiangcheng)"
        assert text.join_sentences("One.", "Two.") == "One. Two."


def test_the_public_page_lists_cooperation_modes_with_the_enumeration_comma(published, client):  # noqa: F811
    path = f"/catalog/{published.campaign.slug}/{published.number}/"

    page = _visible(client.get(path).content.decode())

    assert re.search("(合作开发、技术转让|技术转让、合作开发)", page)


def test_chinese_labels_end_with_a_chinese_colon(published, client):  # noqa: F811
    """Labels written by the templates and the labels of Django's forms (企业名称 in the owner's choice of
    what the public sees) alike."""
    client.force_login(published.owner)
    done = _visible(client.get(f"/demands/{published.pk}/done/").content.decode())
    detail = _visible(client.get(f"/demands/{published.pk}/").content.decode())

    assert f"需求编号： {published.reference}" in done
    assert "公开页面： 中文" in detail
    assert "企业名称：" in detail
    assert "经费公开方式：" in detail
    assert ASCII_BY_CHINESE.findall(done + detail) == []


def test_feed_links_say_what_they_do(published, client):  # noqa: F811
    chinese = client.get("/catalog/").content.decode()
    english = client.get("/en/catalog/").content.decode()

    for words in ("订阅（RSS）", "下载 Excel", "系统对接数据（JSON）"):
        assert words in chinese
    assert "数据源" not in chinese
    for words in ("Subscribe (RSS)", "Download Excel", "Data for other systems (JSON)"):
        assert words in english
    assert re.search(r'href="/feeds/all\.atom\?lang=en"[^>]*>Subscribe \(RSS\)', english)


def test_english_pages_name_the_campaign_district_and_event_in_english(contract, world, client):  # noqa: F811
    campaign = world.demand.campaign
    event = new_event(campaign, world.organiser)
    subsidies.apply(contract, by=world.owner)
    client.force_login(world.organiser)
    english = {"accept-language": "en"}

    poster = _visible(
        client.get(f"/demands/poster/{campaign.slug}/xiangcheng/", headers=english).content.decode()
    )
    claims = _visible(client.get("/awards/subsidies/", headers=english).content.decode())
    events = _visible(client.get("/events/", headers=english).content.decode())

    assert campaign.name_en in poster and campaign.name not in poster
    assert "Technology demands wanted: Xiangcheng District" in poster
    assert "Suzhou Science and Technology Bureau" in poster  # an organiser, by its English name
    assert campaign.name_en in claims and campaign.name not in claims
    assert "Xiangcheng District" in claims and "相城区" not in claims
    assert event.name_en and event.name_en in events and event.name not in events


def test_the_special_competition_has_the_seeds_name():
    """The organiser's notice calls it 创新企业专场赛 and 承办单位; never a word of our own (专项赛)."""
    strays = [e.msgstr for e in polib.mofile(str(COMPILED)) if "专项赛" in e.msgstr]
    assert strays == []
    with translation.override("zh-hans"):
        assert str(Stage.SPECIAL.label) == "企业专场赛"


def test_the_solution_page_uses_the_forms_words_and_punctuation(world, client):  # noqa: F811
    """实施周期 as the solution form says (not 时间轴), and the demand's modes joined with 、."""
    client.force_login(world.provider)
    page = _visible(client.get(f"/solutions/{world.solution.pk}/").content.decode())

    assert "实施周期" in page and "时间轴" not in page
    assert re.search("(合作开发、技术转让|技术转让、合作开发)", page)
    assert ASCII_BY_CHINESE.findall(page) == []


def test_the_diagnosis_form_reads_as_a_diagnosis(world, client):  # noqa: F811
    """The decision is headed as the diagnosis's conclusion (not the judges' 确认结果), and a checkbox's
    words follow the box without a colon."""
    from tests.factories.demands import DemandFactory

    demand = DemandFactory(status="under_diagnosis", assignment__broker=world.broker)
    client.force_login(world.broker)
    html = client.get(f"/demands/{demand.pk}/").content.decode()
    page = _visible(html)

    assert "诊断结论与理由" in page and "确认结果" not in page
    assert re.search(
        r'<input type="checkbox" name="indicators_stated"[^>]*>\s*<label[^>]*>已写明目标技术指标</label>',
        html,
    )
    assert "已写明目标技术指标：" not in page
