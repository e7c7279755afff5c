"""Export → import gives back a district's demands unchanged (.docx, .xlsx, .csv); exports follow the
reader's role; blank templates are accepted back."""

import pytest

from innochallenge.campaigns import preset as presets
from innochallenge.campaigns.services import load_preset, shifted_preset
from innochallenge.demands import exporting, importing, services
from innochallenge.demands.enums import DemandStatus, Source
from innochallenge.demands.models import Demand
from innochallenge.demands.services import values_of

COMPANIES = [
    ("苏州恒新材料科技有限公司", "新材料", ["合作开发", "技术转让"], "150", ""),
    ("苏州示例生物科技有限公司", "其他", ["其它"], "12.5", "生物医药"),
    ("苏州（相城）智能装备有限公司", "装备制造", ["股权投资", "合作兴办新企业"], "1200.75", ""),
]


@pytest.fixture
def filed(hs2021, organiser, form_values):
    """Three varied demands of 相城区 and one of 吴中区, one of them from a leading enterprise."""
    demands = []
    for i, (company, field, modes, budget, other) in enumerate(COMPANIES):
        values = dict(
            form_values,
            company_name=company,
            title=f"{company[:6]}的技术需求",
            industry_field=field,
            industry_field_other=other,
            cooperation_modes=modes,
            cooperation_other="专利作价入股" if "其它" in modes else "",
            budget_wan=budget,
            contact_phone=["13912345678", "+852 2345 6789", "0512-65246015"][i],
            company_profile="主要产品：光学膜、绝缘膜；\n发展方向：柔性显示材料。",
            is_leading_enterprise=i == 0,
        )
        demands.append(services.create_demand(hs2021, values, by=organiser, submit=True))
    services.create_demand(
        hs2021, dict(form_values, district="吴中区", title="吴中区的需求"), by=organiser, submit=True
    )
    return demands


@pytest.fixture
def twin(hs2021):
    """A second campaign with the same districts and options, to import the export into."""
    return load_preset(
        shifted_preset(
            presets.read("hs2021"), slug="twin", name_prefix=("副本", "Copy"), today=hs2021.starts_on
        )
    ).campaign


def comparable(demand: Demand) -> dict:
    values = values_of(demand, key="code")
    return values | {"budget_wan": demand.budget_wan}  # a Decimal: 150 == 150.00


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "csv"])
def test_export_then_import_gives_the_same_demands(hs2021, twin, organiser, filed, fmt):
    demands = exporting.demands_for_export(organiser, hs2021, "xiangcheng")
    export = exporting.export(demands, fmt, user=organiser, campaign=hs2021, name="xiangcheng")
    assert export.filename.endswith(f".{fmt}")

    report = importing.import_file(twin, export.filename, export.content, by=organiser)

    assert report.ok, report.problems
    assert len(report.created) == 3
    imported = {d.company_name: d for d in Demand.objects.filter(campaign=twin)}
    for original in filed:
        copy = imported[original.company_name]
        assert comparable(copy) == comparable(original)
        assert (copy.status, copy.source, copy.source_file) == (
            DemandStatus.SUBMITTED,
            Source.IMPORT,
            export.filename,
        )
        assert copy.imported_by == organiser


def test_importing_the_same_file_again_reports_duplicates(hs2021, organiser, filed):
    export = exporting.export(
        exporting.demands_for_export(organiser, hs2021), "xlsx", user=organiser, campaign=hs2021
    )
    report = importing.import_file(hs2021, "again.xlsx", export.content, by=organiser)
    assert report.ok and report.created == []
    assert len(report.duplicates) == 4
    assert Demand.objects.filter(campaign=hs2021).count() == 4


def test_liaison_exports_only_their_district_and_brokers_get_no_contacts(
    hs2021, liaison_of, broker, filed, form_values
):
    liaison = liaison_of("wuzhong")
    rows = [
        exporting.raw_of(d, with_contacts=liaison.has_perm("demands.view_contacts", d))
        for d in exporting.demands_for_export(liaison, hs2021)
    ]
    assert [r["title"] for r in rows] == ["吴中区的需求"]
    assert rows[0]["contact_phone"] == form_values["contact_phone"]

    export = exporting.export(
        exporting.demands_for_export(broker, hs2021), "csv", user=broker, campaign=hs2021
    )
    text = export.content.decode("utf-8-sig")
    assert "吴中区的需求" in text and form_values["company_name"] in text
    assert form_values["contact_email"] not in text and "13912345678" not in text


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "csv"])
def test_blank_templates_are_read_back_empty(hs2021, organiser, fmt):
    template = exporting.blank_template(hs2021, fmt)
    report = importing.import_file(hs2021, template.filename, template.content, by=organiser)
    assert not report.ok  # an empty form is not a demand
    assert Demand.objects.count() == 0


def test_export_pages_download_files(hs2021, organiser, client, filed):
    client.force_login(organiser)
    response = client.get("/demands/export/?campaign=hs2021&format=xlsx&district=xiangcheng")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="hs2021-xiangcheng-')
    assert response.content[:2] == b"PK"
    one = client.get(f"/demands/{filed[0].pk}/form.docx")
    assert one.status_code == 200 and one.content[:2] == b"PK"
    assert client.get("/demands/template.csv?campaign=hs2021").content.startswith(b"\xef\xbb\xbf")
