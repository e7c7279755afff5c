import datetime as dt

from django.contrib.auth import authenticate

from innochallenge.accounts.enums import Role
from innochallenge.accounts.models import User
from innochallenge.campaigns import queries
from innochallenge.campaigns.models import Campaign
from innochallenge.site.demo import DEMO_PASSWORD, set_up_demo


def test_demo_edition_has_collection_open_today_and_copies_hs2021(db):
    today = dt.date(2026, 11, 25)

    demo = set_up_demo(today=today)

    assert [w.stage for w in queries.running_stages(demo, today)] == ["collection", "diagnosis"]
    hs2021 = Campaign.objects.get(slug="hs2021")
    assert demo.districts.count() == hs2021.districts.count() == 10
    collection, original = demo.windows.get(stage="collection"), hs2021.windows.get(stage="collection")
    assert (collection.ends_on - collection.starts_on) == (original.ends_on - original.starts_on)


def test_demo_has_an_account_for_every_role_that_can_log_in(db):
    set_up_demo(today=dt.date(2026, 11, 25))

    roles = {u.role for u in User.objects.all() if authenticate(username=u.username, password=DEMO_PASSWORD)}

    assert roles == set(Role)
    assert User.objects.get(role=Role.LIAISON).district.campaign.slug == "demo"


def test_demo_set_up_twice_moves_the_windows_and_duplicates_nothing(db):
    set_up_demo(today=dt.date(2026, 11, 25))
    users = User.objects.count()

    demo = set_up_demo(today=dt.date(2026, 12, 25))

    assert User.objects.count() == users
    assert Campaign.objects.count() == 2
    assert demo.windows.get(stage="collection").starts_on == dt.date(2026, 12, 23)


def test_demo_shows_the_review_and_a_masked_public_catalog(db, client):
    from innochallenge.publication import search

    search.reset()
    set_up_demo(today=dt.date(2026, 11, 25))
    set_up_demo(today=dt.date(2026, 11, 26))
    items = client.get("/api/v1/public/demands").json()["items"]
    assert len(items) == 3
    names = {i["company_name"] for i in items}
    assert names == {"苏州示例精密机械有限公司", "某企业"}
    english = client.get("/api/v1/public/demands", {"lang": "en", "q": "backlash"}).json()["items"]
    assert english[0]["title"] == "High-precision, low-backlash harmonic reducer"
    assert client.get("/feeds/all.json", {"outlet": "shanghai-mall"}).status_code == 200
    search.reset()


def test_demo_provider_is_verified_and_has_handed_in_a_solution_with_its_plan(db):
    from innochallenge.solutions.models import Solution

    set_up_demo(today=dt.date(2026, 11, 25))
    set_up_demo(today=dt.date(2026, 11, 26))

    provider = User.objects.get(username="provider")
    assert provider.organisation.provider_profile.status == "verified"
    solution = Solution.objects.get(provider=provider.organisation)
    assert solution.status == "submitted" and solution.demand.status == "published"
    assert solution.attachments.get().kind == "pdf"
    enterprise = User.objects.get(organisation=solution.demand.organisation, role="enterprise")
    assert enterprise.has_perm("solutions.decide_solution", solution)
