import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from innochallenge.audit.models import AuditEntry
from innochallenge.campaigns import preset as presets
from innochallenge.campaigns.models import Campaign, District
from innochallenge.campaigns.services import export_preset, load_preset

DATA = Path(__file__).resolve().parent.parent / "data" / "presets"


def _hs2021_data() -> dict:
    return yaml.safe_load((presets.PRESET_DIR / "hs2021.yaml").read_text(encoding="utf-8"))


def test_hs2021_districts_and_quotas_match_attachment_2(hs2021):
    quotas = {d.name: (d.demand_target, d.leading_min, d.leading_max) for d in hs2021.districts.all()}

    assert list(quotas) == [
        "张家港市",
        "常熟市",
        "太仓市",
        "昆山市",
        "吴江区",
        "吴中区",
        "相城区",
        "姑苏区",
        "工业园区",
        "高新区",
    ]
    assert quotas["姑苏区"] == (20, 1, 2)
    assert all(quotas[name] == (40, 3, 5) for name in quotas if name != "姑苏区")
    assert set(hs2021.districts.values_list("min_demands_per_leading", flat=True)) == {3}


def test_hs2021_dates_fields_and_modes_match_the_notice(hs2021):
    collection = hs2021.windows.get(stage="collection")

    assert (collection.starts_on, collection.ends_on) == (dt.date(2021, 5, 8), dt.date(2021, 5, 20))
    assert hs2021.liaison_due_date == dt.date(2021, 5, 8)
    assert hs2021.windows.count() == 7
    assert [f.name for f in hs2021.industry_fields.all()] == [
        "数字经济",
        "人工智能",
        "装备制造",
        "新材料",
        "新能源",
        "其他",
    ]
    assert [f.name for f in hs2021.industry_fields.filter(requires_text=True)] == ["其他"]
    assert [m.name for m in hs2021.cooperation_modes.all()] == [
        "股权投资",
        "技术转让",
        "许可使用",
        "合作开发",
        "合作兴办新企业",
        "其它",
    ]
    assert hs2021.sales_brackets.count() == 5
    assert hs2021.leading_channel_name == "创新型龙头企业直通渠道"


def test_hs2021_awards_and_subsidy_match_section_5(hs2021):
    awards = {a.name: (a.count, a.prize_yuan) for a in hs2021.award_categories.all()}

    assert awards["最佳解决方案奖"] == (10, Decimal(40000))
    assert awards["最佳组织单位奖"] == (None, Decimal(0))
    assert len(awards) == 6
    assert sum(a.total_yuan for a in hs2021.award_categories.all()) == Decimal(800000)
    assert (hs2021.subsidy_rate, hs2021.subsidy_cap_yuan) == (Decimal("0.3"), Decimal(500000))


def test_load_preset_twice_changes_nothing(hs2021):
    updated_at = hs2021.updated_at
    entries = AuditEntry.objects.count()

    result = load_preset(presets.read("hs2021"))

    assert result.created is False
    assert result.changes == {}
    assert AuditEntry.objects.count() == entries
    hs2021.refresh_from_db()
    assert hs2021.updated_at == updated_at


def test_load_preset_changed_quota_updates_only_that_and_audits_it(hs2021, tmp_path):
    data = _hs2021_data()
    data["districts"][6]["demand_target"] = 45  # 相城区
    path = tmp_path / "hs2021.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    result = load_preset(presets.read(path))

    assert result.changes == {"districts.xiangcheng.demand_target": [40, 45]}
    entry = AuditEntry.objects.for_object(hs2021).first()
    assert entry.action == "campaign.preset_loaded"
    assert entry.changes == {"districts.xiangcheng.demand_target": [40, 45]}
    assert District.objects.get(campaign=hs2021, code="xiangcheng").demand_target == 45


def test_load_preset_removed_district_is_deleted(hs2021, tmp_path):
    data = _hs2021_data()
    data["districts"] = [d for d in data["districts"] if d["code"] != "gusu"]
    path = tmp_path / "fewer.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    result = load_preset(presets.read(path))

    assert result.changes == {
        "districts.gusu": ["deleted", None],
        "districts.sip.position": [8, 7],
        "districts.snd.position": [9, 8],
    }
    assert hs2021.districts.count() == 9


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_export_preset_round_trips(hs2021, tmp_path, suffix):
    path = tmp_path / f"next{suffix}"
    call_command("export_preset", "hs2021", "-o", str(path))
    text = path.read_text(encoding="utf-8").replace("slug: hs2021", "slug: hs2022")
    text = text.replace('"slug": "hs2021"', '"slug": "hs2022"')
    path.write_text(text, encoding="utf-8")

    call_command("load_preset", str(path))

    copy = Campaign.objects.get(slug="hs2022")
    assert export_preset(copy).model_dump(exclude={"slug"}) == export_preset(hs2021).model_dump(
        exclude={"slug"}
    )


def test_other_city_edition_runs_from_a_preset_file_alone(db, client):
    call_command("load_preset", str(DATA / "hangzhou2023.yaml"))

    body = client.get("/api/v1/campaigns/hz2023").json()

    assert [(d["name"], d["demand_target"], d["leading_max"]) for d in body["districts"]] == [
        ("上城区", 25, 4),
        ("滨江区", 60, 8),
        ("余杭区", 35, 3),
    ]
    assert [f["name"] for f in body["industry_fields"]] == ["生物医药", "集成电路", "其他"]
    assert body["subsidy"] == {
        "rate": "0.200",
        "cap_yuan": "1000000.00",
        "region": "杭州市",
        "region_en": "Hangzhou",
    }
    assert body["prize_total_yuan"] == "515000.00"


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["windows"].pop("final"), "windows: missing final"),
        (
            lambda d: d["districts"][0].update(leading_min=6),
            "districts.0: leading_max is smaller than leading_min",
        ),
        (lambda d: d["districts"][1].update(code="zhangjiagang"), "districts: code repeated: zhangjiagang"),
        (lambda d: d["districts"][2].update(demand_target=-1), "districts.2.demand_target"),
        (lambda d: d.update(starts_on="2021-13-01"), "starts_on"),
        (lambda d: d.update(colour="red"), "colour"),
        (lambda d: d["awards"][0].update(basis="lottery"), "awards.0.basis"),
        (lambda d: d["windows"]["collection"].update(ends_on="2021-05-01"), "windows.collection"),
    ],
)
def test_invalid_preset_names_the_mistake_and_saves_nothing(db, tmp_path, mutate, expected):
    data = _hs2021_data()
    mutate(data)
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, default_flow_style=False), encoding="utf-8")

    with pytest.raises(CommandError) as error:
        call_command("load_preset", str(path))

    assert expected in str(error.value)
    assert Campaign.objects.count() == 0


def test_unknown_preset_name_lists_the_bundled_ones(db):
    with pytest.raises(CommandError, match="bundled: hs2021"):
        call_command("load_preset", "hs2099")


def test_unreadable_preset_file_is_refused(db, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("slug: [unclosed", encoding="utf-8")

    with pytest.raises(CommandError, match="not a readable YAML or JSON file"):
        call_command("load_preset", str(path))


def test_export_preset_unknown_campaign_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="no campaign 'nope'"):
        call_command("export_preset", "nope", "-o", str(tmp_path / "x.yaml"))
