"""Each role's home (工作台): what waits for the person first, each line a count and a link that opens for
them; a menu grouped by stage with the role's own entries only; a log-in page that says how to register."""

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.utils import timezone, translation
from django.utils.html import escape

from innochallenge.accounts.enums import OrganisationKind
from innochallenge.accounts.models import Organisation, User
from innochallenge.campaigns.models import Campaign
from innochallenge.contracts import services as contracts
from innochallenge.demands import services as demands
from innochallenge.demands.enums import PUBLISHABLE
from innochallenge.demands.models import Demand
from innochallenge.diagnosis.models import Assignment
from innochallenge.events import services as events
from innochallenge.events.enums import EventState
from innochallenge.judging import services as judging
from innochallenge.judging.enums import EntryState, RoundState
from innochallenge.judging.models import Entry, Panelist, Round
from innochallenge.privacy.models import Consent
from innochallenge.privacy.notice import current_version
from innochallenge.site.demo import DEMO_PASSWORD, set_up_demo
from innochallenge.solutions import services as solutions
from innochallenge.solutions.models import ProviderProfile, Solution
from tests.factories.demands import FORM_VALUES

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> Campaign:
    return set_up_demo(today=timezone.localdate())


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _home(client, username: str):
    """Log in as the demo user (with the demo password, as a visitor would) and open the home."""
    assert client.login(username=username, password=DEMO_PASSWORD)
    response = client.get("/", headers={"accept-language": "en"})
    assert response.status_code == 200
    return response


def _counts(response) -> dict[str, int]:
    return {line.key: line.count for line in response.context["waiting"] + response.context["nothing"]}


def _check_shown_and_links_open(client, response) -> None:
    """Every line with something waiting shows its count and links to a page that opens for the user; the
    others are listed, without a link, under "Nothing waiting"."""
    page = response.content.decode()
    for line in response.context["waiting"]:
        shown = f'<span class="count">{line.count}</span> <span><a href="{escape(line.url)}">'
        assert shown in page, line.key
        assert client.get(line.url).status_code == 200, (line.key, line.url)
    if response.context["nothing"]:
        assert "Nothing waiting" in page
        with translation.override("en"):
            for line in response.context["nothing"]:
                assert f"<li>{escape(line.label)}</li>" in page, line.key


def _shortlistable(demo) -> Solution:
    return Solution.objects.get(provider=_user("provider").organisation)


def _event(campaign, *, days: int):
    organiser = _user("organiser")
    event = events.create_event(
        campaign,
        kind="regional",
        subject=campaign.districts.get(code="xiangcheng"),
        date=timezone.localdate() + dt.timedelta(days=days),
        venue="相城区会议中心",
        organising_unit="相城区科学技术局",
        tables=4,
        slots=6,
        first_slot_at=dt.time(9, 0),
        registration_deadline=timezone.now() + dt.timedelta(days=days - 1),
        by=organiser,
    )
    event = events.set_event_state(event, EventState.OPEN, by=organiser)
    return event, events.register(event, _user("enterprise")), events.register(event, _user("provider"))


def _contract(demo, number: str):
    solution = _shortlistable(demo)
    return contracts.register_contract(
        demo,
        demand=solution.demand,
        solution=solution,
        number=number,
        amount_yuan="800000",
        signed_on=timezone.localdate(),
        by=_user("enterprise"),
    )


# --- the waiting lines of each role ----------------------------------------------------------------------


def test_organiser_home_counts_providers_subsidies_sessions_deadlines_and_liaisons(demo, client):
    organiser = _user("organiser")
    lab = Organisation.objects.create(kind=OrganisationKind.PROVIDER, name="新注册的研究所")
    ProviderProfile.objects.create(
        organisation=lab,
        provider_type="institute",
        country="CN",
        expertise="传感器",
        contact_name="赵工",
        contact_email="zhao@lab.example",
    )
    contract = _contract(demo, "HT-2026-001")
    contracts.add_payment(contract, amount_yuan="200000", paid_on=timezone.localdate(), by=organiser)
    from innochallenge.contracts import subsidies

    subsidies.apply(contract, by=_user("enterprise"))
    session = judging.create_round(demo, stage="final", name="现场决赛", by=organiser)
    today = timezone.localdate()
    ending = [w for w in demo.windows.all() if today <= w.ends_on <= today + dt.timedelta(days=6)]
    overdue = demo.districts.filter(liaison__isnull=True).count() if today > demo.liaison_due_date else 0

    response = _home(client, "organiser")

    assert _counts(response) == {
        "providers": 1,
        "subsidies": 1,
        "sessions": 1,
        "deadlines": len(ending),
        "liaisons_overdue": overdue,
    }
    assert (
        next(w for w in response.context["waiting"] if w.key == "sessions").url == f"/judging/{session.pk}/"
    )
    _check_shown_and_links_open(client, response)


def test_liaison_home_counts_demands_to_assign_the_missing_record_the_shortfall_and_declarations(
    demo, client
):
    district = demo.districts.get(code="xiangcheng")
    demands.create_demand(demo, FORM_VALUES | {"district": district.name}, by=_user("organiser"), submit=True)
    newcomer = Organisation.objects.create(kind=OrganisationKind.ENTERPRISE, name="苏州新晋龙头有限公司")
    demands.declare_leading(demo, newcomer, district, by=_user("organiser"))
    publishable = Demand.objects.filter(district=district, status__in=PUBLISHABLE).count()

    response = _home(client, "liaison")

    assert _counts(response) == {
        "demands_to_assign": 1,
        "liaison_record": 1,
        "quota_shortfall": district.demand_target - publishable,
        "leading_to_confirm": 1,
    }
    lines = {w.key: w.url for w in response.context["waiting"]}
    assert lines["liaison_record"] == "/campaigns/demo/liaisons/xiangcheng/"
    assert client.get(lines["demands_to_assign"]).context["page"].paginator.count == 1
    _check_shown_and_links_open(client, response)


def test_broker_home_counts_due_overdue_and_answered_revisions(demo, client):
    queue = Assignment.objects.filter(broker=_user("broker"), demand__status="under_diagnosis")
    late = queue.order_by("demand__number").first()
    Assignment.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - dt.timedelta(days=1))
    sent_back = Demand.objects.get(campaign=demo, status="needs_revision")
    demands.submit_demand(sent_back, by=_user("enterprise"))
    assert Demand.objects.get(pk=sent_back.pk).status == "under_diagnosis"

    response = _home(client, "broker")

    # Three under diagnosis: the late one, one on time and the revision handed back (also on time).
    assert _counts(response) == {"diagnoses_due": 2, "diagnoses_overdue": 1, "revisions_answered": 1}
    _check_shown_and_links_open(client, response)


def test_enterprise_home_counts_revisions_solutions_questions_requests_and_contract_steps(demo, client):
    solution = _shortlistable(demo)
    solutions.post_message(solution, "柔轮寿命试验在哪个实验室做？", by=_user("provider"))
    event, _ours, theirs = _event(demo, days=20)
    enterprise_registration = event.registrations.get(organisation=_user("enterprise").organisation)
    events.request_meeting(theirs, enterprise_registration, by=_user("provider"))
    paid = _contract(demo, "HT-2026-002")
    contracts.add_payment(paid, amount_yuan="100000", paid_on=timezone.localdate(), by=_user("enterprise"))
    _contract(demo, "HT-2026-003")

    response = _home(client, "enterprise")

    counts = _counts(response)
    assert counts.pop("best_solution", 0) == 0  # no final has closed
    assert counts == {
        "revisions_asked": 1,
        "proposals": 1,
        "solutions_to_answer": 1,
        "questions": 1,
        "meeting_requests": 1,
        "contracts_unpaid": 1,
        "subsidy_to_apply": 1,
    }
    lines = {w.key: w.url for w in response.context["waiting"]}
    assert lines["solutions_to_answer"] == lines["questions"] == f"/solutions/{solution.pk}/"
    assert lines["meeting_requests"] == f"/events/{event.pk}/requests/"
    assert lines["subsidy_to_apply"] == f"/awards/contracts/{paid.pk}/"
    _check_shown_and_links_open(client, response)


def test_enterprise_question_answered_is_no_longer_waiting(demo, client):
    solution = _shortlistable(demo)
    solutions.post_message(solution, "柔轮寿命试验在哪个实验室做？", by=_user("provider"))
    solutions.post_message(solution, "在我司的台架上做。", by=_user("enterprise"))

    assert _counts(_home(client, "enterprise"))["questions"] == 0


def test_provider_home_counts_questions_decisions_requests_and_agenda(demo, client):
    solution = _shortlistable(demo)
    solutions.post_message(solution, "能否先做一台样机？", by=_user("enterprise"))
    solutions.decide(solution, shortlist=True, by=_user("enterprise"))
    held, ours, theirs = _event(demo, days=20)
    request = events.request_meeting(ours, theirs, priority=3, by=_user("enterprise"))
    events.answer_request(request, accept=True, by=_user("provider"))
    events.schedule(held, time_limit=5, by=_user("organiser"))
    later, ours, theirs = _event(demo, days=30)
    events.request_meeting(ours, theirs, by=_user("enterprise"))

    response = _home(client, "provider")

    assert _counts(response) == {"questions": 1, "decisions": 1, "meeting_requests": 1, "agenda": 1}
    lines = {w.key: w.url for w in response.context["waiting"]}
    assert lines["agenda"] == f"/events/{held.pk}/agenda/"
    assert lines["meeting_requests"] == f"/events/{later.pk}/requests/"
    _check_shown_and_links_open(client, response)


def test_judge_home_counts_entries_to_score_and_the_declaration(demo, client):
    judge = _user("judge")
    demand = Demand.objects.filter(campaign=demo, status="published").first()
    session = Round.objects.create(campaign=demo, stage="special", name="专项赛评审", state=RoundState.OPEN)
    Panelist.objects.create(round=session, judge=judge)
    entry = Entry.objects.create(round=session, demand=demand, order=1, state=EntryState.SCORING)
    Entry.objects.create(round=session, demand=demand, solution=_shortlistable(demo), order=2)  # waiting

    response = _home(client, "judge")

    # Before the declaration only the declaration waits: entries show once conflicts are known.
    assert _counts(response) == {"entries_to_score": 0, "declaration": 1}
    assert {w.key: w.url for w in response.context["waiting"]}["declaration"] == "/judging/me/"
    _check_shown_and_links_open(client, response)

    judging.declare(judge, kind="technical", affiliation="苏州大学", by=judge)
    response = _home(client, "judge")

    assert _counts(response) == {"entries_to_score": 1, "declaration": 0}
    lines = {w.key: w.url for w in response.context["waiting"]}
    assert lines["entries_to_score"] == f"/judging/{session.pk}/entries/{entry.pk}/"
    _check_shown_and_links_open(client, response)


def test_judge_with_nothing_waiting_sees_it_said(demo, client):
    judging.declare(_user("judge"), kind="technical", affiliation="苏州大学", by=_user("judge"))

    response = _home(client, "judge")

    assert response.context["waiting"] == []
    assert "Nothing waiting" in response.content.decode()


def test_home_in_chinese_calls_it_the_workbench(demo, client):
    client.login(username="liaison", password=DEMO_PASSWORD)

    page = client.get("/").content.decode()

    assert "<h1>工作台 · 地区联络员</h1>" in page
    assert "待办事项" in page and "暂无待办" in page


def test_home_without_any_campaign_still_opens_for_every_role(db, client):
    from innochallenge.site.demo import DEMO_ACCOUNTS

    for username, role, _name, _org in DEMO_ACCOUNTS:
        organisation = Organisation.objects.create(kind=_org[0], name=_org[1]) if _org else None
        user = User.objects.create_user(username=username, role=role, organisation=organisation)
        Consent.objects.create(user=user, notice_version=current_version(), context="registration")
        client.force_login(user)
        assert client.get("/").status_code == 200, username


def test_visitors_still_get_the_campaign_dashboard_at_the_root(demo, client):
    response = client.get("/")

    assert response.templates[0].name == "campaigns/dashboard.html"


# --- the menu --------------------------------------------------------------------------------------------


class _Menu(HTMLParser):
    """The main menu as shown: an entry's label, or (group, its entries) for a group that opens."""

    def __init__(self):
        super().__init__()
        self.inside, self.tag, self.group = False, None, None
        self.rows, self.links = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and attrs.get("class") == "main-nav":
            self.inside = True
        elif self.inside and tag == "details":
            self.group = ["", []]
        elif self.inside and tag in ("summary", "a"):
            self.tag = tag
            if tag == "a":
                self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "nav":
            self.inside = False
        elif tag == "details" and self.group is not None:
            self.rows.append((self.group[0], tuple(self.group[1])))
            self.group = None
        elif tag == self.tag:
            self.tag = None

    def handle_data(self, data):
        text = re.sub(r" \(\d+\)$", "", data.strip())  # "Notifications (2)": the unread count aside
        if not (self.inside and self.tag and text):
            return
        if self.tag == "summary":
            self.group[0] = text
        elif self.group is not None:
            self.group[1].append(text)
        else:
            self.rows.append(text)


#: What each role's menu holds, in English: an entry, or (group, its entries) when the group has several.
MENUS = {
    "organiser": [
        "Dashboard",
        ("Demand collection", ("Demands", "Quota progress", "Liaisons")),
        ("Diagnosis and publication", ("Diagnosis queue", "Outlets")),
        ("Solutions and matching", ("Providers", "Solutions", "Achievement library")),
        "Matchmaking events",
        "Judging",
        ("Awards", ("Contracts", "Awards", "Subsidies")),
        ("Administration", ("Campaign dashboard", "Reports", "Jobs", "Load a preset", "Administration")),
        "Published demands",
        "Notifications",
    ],
    "liaison": [
        "Dashboard",
        ("Demand collection", ("Demands", "Quota progress", "Liaisons")),
        "Diagnosis queue",
        "Matchmaking events",
        ("Administration", ("Reports", "Jobs")),
        "Published demands",
        "Notifications",
    ],
    "broker": [
        "Dashboard",
        "Demands",
        "Diagnosis queue",
        ("Solutions and matching", ("Solutions", "Achievement library")),
        "Matchmaking events",
        "Contracts",
        "Jobs",
        "Published demands",
        "Notifications",
    ],
    "enterprise": [
        "Dashboard",
        ("Demand collection", ("My demands", "File a demand")),
        "Solutions",
        "Matchmaking events",
        "Contracts",
        "Published demands",
        "Notifications",
    ],
    "provider": [
        "Dashboard",
        ("Solutions and matching", ("My profile", "My solutions", "Pushed to me")),
        "Matchmaking events",
        "Contracts",
        "Published demands",
        "Notifications",
    ],
    "judge": [
        "Dashboard",
        ("Judging", ("Judging", "Declaration of interests")),
        "Published demands",
        "Notifications",
    ],
}


@pytest.mark.parametrize("username", list(MENUS))
def test_menu_is_grouped_by_stage_and_holds_only_the_roles_pages(demo, client, username):
    response = _home(client, username)
    menu = _Menu()
    menu.feed(response.content.decode())

    assert menu.rows == MENUS[username]
    for url in menu.links:
        assert client.get(url).status_code == 200, (username, url)


def test_organiser_menu_fits_in_ten_places_instead_of_nineteen(demo, client):
    menu = _Menu()
    menu.feed(_home(client, "organiser").content.decode())

    assert len(menu.rows) == 10
    assert len(menu.links) == 21  # the 19 pages still there, the campaign dashboard and subsidies added


def test_menu_group_of_the_page_shown_is_marked(demo, client):
    client.login(username="organiser", password=DEMO_PASSWORD)

    page = client.get("/reports/").content.decode()

    assert '<details class="nav-group current" data-nav-group="admin">' in page
    assert '<a href="/reports/" aria-current="page">' in page


# --- the log-in page -------------------------------------------------------------------------------------


def test_login_page_says_what_it_is_for_and_how_to_register(db, client):
    page = client.get("/accounts/login/", headers={"accept-language": "en"}).content.decode()

    assert "enterprises file the technology they need" in page
    assert '<a href="/accounts/register/?role=enterprise">Register as an enterprise</a>' in page
    assert '<a href="/accounts/register/?role=provider">Register as a solution provider</a>' in page
    assert "get their accounts from the organiser" in page
    assert "You scanned" not in page


@pytest.mark.parametrize("role", ["enterprise", "provider"])
def test_login_page_register_links_open_the_form_with_the_role_chosen(db, client, role):
    response = client.get(f"/accounts/register/?role={role}")

    assert response.status_code == 200
    assert response.context["form"]["role"].value() == role


def test_qr_visitor_lands_on_the_login_page_told_what_the_code_does(demo, client):
    response = client.get("/q/demo/xiangcheng", follow=True, headers={"accept-language": "zh-hans"})

    assert response.redirect_chain[-1][0].startswith("/accounts/login/?next=")
    page = response.content.decode()
    assert "您扫描的是地区的需求征集二维码" in page
    assert "请用企业账号登录" in page
    assert 'href="/accounts/register/?role=enterprise"' in page
