"""Acceptance 2: nothing the enterprise hid appears on any public page, API answer, feed, sitemap or
search snippet — not its name (nor the name written into its own text), contacts, profile or budget."""

import pytest

from innochallenge.publication.models import Outlet

HIDDEN_BUDGET = "237.5"


@pytest.fixture
def anonymous(form_values, publish_demand):
    values = dict(
        form_values,
        budget_wan=HIDDEN_BUDGET,
        title="恒新材料的锂电池隔膜涂覆工艺",
        description="苏州恒新材料科技有限公司需要锂电池隔膜的陶瓷涂覆工艺，恒新材料现有产线热收缩率偏高，"
        "要求150℃下热收缩率低于3%，透气度不高于300秒每百毫升。",
    )
    return publish_demand(
        values, show_company_name=False, budget_display="hidden", title_en="Ceramic coating for separators"
    )


def _secrets(demand):
    return [
        demand.company_name,
        "恒新材料",
        demand.organisation.name,
        demand.company_profile,
        demand.contact_name,
        demand.contact_phone,
        demand.contact_email,
        demand.contact_title,
        demand.broker_phone,
        HIDDEN_BUDGET,
        "237.50",
    ]


def _public_answers(client, demand):
    yield "/catalog/", client.get("/catalog/")
    yield "/en/catalog/", client.get("/en/catalog/")
    for q in ("锂电池 隔膜", "涂覆", "separators", "enterprise"):
        yield f"/catalog/?q={q}", client.get("/catalog/", {"q": q})
        yield f"api q={q}", client.get("/api/v1/public/demands", {"q": q})
        yield f"api en q={q}", client.get("/api/v1/public/demands", {"q": q, "lang": "en"})
    for band in ("100-300", "0-50", "1000-"):
        yield f"budget {band}", client.get("/catalog/", {"budget": band})
    yield "detail zh", client.get(f"/catalog/hs2021/{demand.number}/")
    yield "detail en", client.get(f"/en/catalog/hs2021/{demand.number}/")
    yield "api detail", client.get(f"/api/v1/public/demands/{demand.pk}")
    yield "api detail en", client.get(f"/api/v1/public/demands/{demand.pk}", {"lang": "en"})
    yield "sitemap", client.get("/sitemap.xml")
    for channel in ("all", "field", "leading"):
        for fmt in ("json", "atom"):
            for lang in ("", "en"):
                yield f"feed {channel}.{fmt} {lang}", client.get(f"/feeds/{channel}.{fmt}", {"lang": lang})


def test_no_public_surface_shows_what_the_enterprise_hid(client, anonymous, form_values, publish_demand):
    shown = publish_demand(
        dict(
            form_values,
            company_name="上海明远智能装备有限公司",
            company_profile="明远装备专注于工业机器人减速器。",
            title="公开名称的需求",
            contact_name="赵六",
        ),
        show_company_name=True,
        budget_display="exact",
    )
    seen = 0
    for where, response in _public_answers(client, anonymous):
        assert response.status_code == 200, where
        text = response.content.decode()
        for secret in _secrets(anonymous):
            assert secret not in text, f"{secret!r} leaks through {where}"
        seen += 1
    assert seen > 30
    # The masked demand is there, under "某企业"; the other enterprise shows its name and exact budget.
    page = client.get("/catalog/", {"q": "锂电池 隔膜"}).content.decode()
    assert "某企业" in page and "<mark>锂电池</mark>" in page
    detail = client.get(f"/api/v1/public/demands/{shown.pk}").json()
    assert detail["company_name"] == shown.company_name and detail["budget"] == "150万元"
    assert detail["company_profile"] == shown.company_profile


def test_searching_for_a_hidden_detail_finds_nothing(client, anonymous):
    for q in ("恒新", "237.5", "王磊", "13912345678", "光学膜", "wanglei"):
        assert client.get("/api/v1/public/demands", {"q": q}).json()["count"] == 0, q
    assert client.get("/api/v1/public/demands", {"q": "涂覆"}).json()["count"] == 1


def test_the_excel_feed_hides_them_too(client, anonymous):
    import io

    from openpyxl import load_workbook

    response = client.get("/feeds/all.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    assert anonymous.title.replace("恒新材料", "某企业") in cells
    for secret in _secrets(anonymous):
        assert secret not in cells


def test_a_budget_filter_never_reveals_a_hidden_budget(client, anonymous):
    for band in ("0-50", "50-100", "100-300", "300-500", "500-1000", "1000-"):
        assert client.get("/api/v1/public/demands", {"budget": band}).json()["count"] == 0


def test_contacts_never_appear_even_when_the_name_is_shown(client, form_values, publish_demand):
    demand = publish_demand(form_values, show_company_name=True, budget_display="exact")
    outlet = Outlet.objects.create(name="苏州市科技成果转化平台", kind="platform", key="sz-platform")
    for url in (
        f"/catalog/hs2021/{demand.number}/",
        f"/api/v1/public/demands/{demand.pk}",
        "/feeds/all.json",
    ):
        text = client.get(url, {"outlet": outlet.key} if "feeds" in url else {}).content.decode()
        for secret in (demand.contact_name, demand.contact_phone, demand.contact_email, demand.broker_phone):
            assert secret not in text, url
