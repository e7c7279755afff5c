"""Each role's home (工作台): what waits for the signed-in person, one line per kind of work, each a count
and the page where it is done. The figures come from each app's own queries and rules, so that a line
counts what its page lists; a line with one thing waiting links to that thing itself."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innochallenge.accounts.enums import Role
from innochallenge.campaigns.models import Campaign
from innochallenge.campaigns.queries import liaison_overview
from innochallenge.contracts.enums import SubsidyState
from innochallenge.contracts.models import SubsidyApplication
from innochallenge.contracts.queries import contracts_visible_to
from innochallenge.contracts.subsidies import contract_verdict
from innochallenge.core.text import join_list
from innochallenge.demands.enums import DemandStatus, LeadingStatus
from innochallenge.demands.models import LeadingEnterprise
from innochallenge.demands.queries import quota_progress, visible_demands, visible_districts
from innochallenge.diagnosis.enums import ANSWERING, Decision, ProposalStatus
from innochallenge.diagnosis.models import Diagnosis
from innochallenge.diagnosis.queries import work_queue
from innochallenge.events.enums import TAKES_REQUESTS, MeetingState, RequestState
from innochallenge.events.models import Meeting, MeetingRequest
from innochallenge.judging.enums import EntryState, RoundState
from innochallenge.judging.models import JudgeProfile, Round, Score
from innochallenge.judging.queries import decisions_waiting_for, entries_for
from innochallenge.judging.services import short_of_judges
from innochallenge.solutions.enums import ProviderStatus, SolutionStatus
from innochallenge.solutions.models import Message, ProviderProfile
from innochallenge.solutions.queries import visible_solutions

#: How far ahead the organiser is told of a stage's last day.
DEADLINE_DAYS = 7


@dataclass(frozen=True)
class Waiting:
    """One line of the home: `count` things of kind `key` wait for the user at `url`."""

    key: str
    label: str
    count: int
    url: str
    detail: str = ""


def _url(name: str, *args, query: dict | None = None) -> str:
    url = reverse(name, args=args)
    return f"{url}?{urlencode(query)}" if query else url


def _line(key: str, label, items: QuerySet, list_url: str, item_url: Callable[[object], str]) -> Waiting:
    """A line whose link opens the item itself when there is one, else the page that lists them."""
    first = list(items[:2])
    count = items.count() if len(first) > 1 else len(first)
    return Waiting(key, label, count, item_url(first[0]) if count == 1 else list_url)


def _in_one(ids, one: Callable[[int], str], fallback: str) -> str:
    """The page of the one event (or session) all the items belong to, else the list of them all."""
    ids = set(ids)
    return one(ids.pop()) if len(ids) == 1 else fallback


def _demand_page(demand) -> str:
    return _url("demands:detail", demand.pk)


def _solution_page(solution) -> str:
    return _url("solutions:detail", solution.pk)


def _awaiting_reply_from(solutions: QuerySet, side: str) -> QuerySet:
    """The solutions whose thread ends with a message of the other side: `side` owes the answer."""

    last = Message.objects.filter(solution=OuterRef("pk")).order_by("-created_at", "-pk").values("side")[:1]
    return (
        solutions.annotate(last_side=Subquery(last)).filter(last_side__isnull=False).exclude(last_side=side)
    )


def _meeting_requests(user) -> Waiting:

    pending = MeetingRequest.objects.filter(
        recipient__organisation_id=user.organisation_id,
        state=RequestState.PENDING,
        event__state__in=TAKES_REQUESTS,
    )
    url = _in_one(
        pending.values_list("event_id", flat=True),
        lambda pk: _url("events:requests", pk),
        _url("events:list"),
    )
    return Waiting("meeting_requests", _("Meeting requests to answer"), pending.count(), url)


def _liaison(user, today: dt.date, campaign: Campaign | None) -> list[Waiting]:
    if user.district_id is None:
        return []
    campaign = user.district.campaign  # a liaison works for one district of one campaign
    districts = visible_districts(user, campaign)
    submitted = visible_demands(user, campaign).filter(status=DemandStatus.SUBMITTED)
    missing = [row.district for row in liaison_overview(campaign, today, districts) if row.missing]
    shortfall = sum(max(0, row.target - row.publishable) for row in quota_progress(campaign, districts))
    declared = LeadingEnterprise.objects.filter(
        campaign=campaign, district__in=districts, status=LeadingStatus.DECLARED
    )
    return [
        Waiting(
            "demands_to_assign",
            _("Submitted demands to assign to a broker"),
            submitted.count(),
            _url("demands:list", query={"campaign": campaign.slug, "status": DemandStatus.SUBMITTED}),
        ),
        Waiting(
            "liaison_record",
            _("Liaison record of your district to fill in"),
            len(missing),
            _url("campaigns:liaison-edit", campaign.slug, missing[0].code) if missing else "",
        ),
        Waiting(
            "quota_shortfall",
            _("Publishable demands still short of the district's quota"),
            shortfall,
            _url("demands:quota", campaign.slug),
        ),
        Waiting(
            "leading_to_confirm",
            _("Leading-enterprise declarations to confirm"),
            declared.count(),
            _url("demands:leading", query={"campaign": campaign.slug}),
        ),
    ]


def _broker(user, today: dt.date, campaign: Campaign | None) -> list[Waiting]:
    queue = work_queue(user, today).filter(demand__status=DemandStatus.UNDER_DIAGNOSIS)
    url = reverse("diagnosis:queue")
    # Under diagnosis again after a "revise" decision: the enterprise has answered and handed it back.
    answered = queue.filter(Exists(_revise_decisions()))
    return [
        Waiting("diagnoses_due", _("Diagnoses due"), queue.filter(due_on__gte=today).count(), url),
        Waiting("diagnoses_overdue", _("Overdue diagnoses"), queue.filter(due_on__lt=today).count(), url),
        Waiting("revisions_answered", _("Revisions handed back by the enterprise"), answered.count(), url),
    ]


def _revise_decisions():

    return Diagnosis.objects.filter(demand=OuterRef("demand"), decision=Decision.REVISE)


def _best_solution_to_confirm(user) -> Waiting | None:
    """After a final, the demand side confirms the best solution: judging's own query says where."""

    steps = decisions_waiting_for(user)  # (final session, demand) pairs
    url = _url("judging:decide", steps[0][0].pk, steps[0][1].pk) if steps else reverse("solutions:list")
    return Waiting("best_solution", _("Best solution to confirm after the final"), len(steps), url)


def _contract_steps(user) -> list[Waiting]:

    contracts = contracts_visible_to(user)
    list_url = reverse("contracts:contracts")

    def contract_page(contract) -> str:
        return _url("contracts:contract", contract.pk)

    unpaid = contracts.filter(payments__isnull=True)
    paid = contracts.filter(payments__isnull=False, subsidy__isnull=True).distinct()
    to_apply = [c for c in paid if contract_verdict(c).eligible]
    return [
        _line(
            "contracts_unpaid",
            _("Contracts without an R&D payment recorded"),
            unpaid,
            list_url,
            contract_page,
        ),
        Waiting(
            "subsidy_to_apply",
            _("Eligible contracts to apply for the subsidy"),
            len(to_apply),
            contract_page(to_apply[0]) if len(to_apply) == 1 else list_url,
        ),
    ]


def _enterprise(user, today: dt.date, campaign: Campaign | None) -> list[Waiting]:

    if user.organisation_id is None:
        return []
    demands = visible_demands(user)
    revise = demands.filter(status=DemandStatus.NEEDS_REVISION)
    proposals = demands.filter(status__in=ANSWERING, proposed_edits__status=ProposalStatus.PENDING).distinct()
    solutions = visible_solutions(user)
    lines = [
        _line(
            "revisions_asked",
            _("Demands sent back for revision"),
            revise,
            _url("demands:list", query={"status": DemandStatus.NEEDS_REVISION}),
            _demand_page,
        ),
        _line(
            "proposals", _("Changes proposed by the broker"), proposals, reverse("demands:list"), _demand_page
        ),
        _line(
            "solutions_to_answer",
            _("Solutions to answer"),
            solutions.filter(status=SolutionStatus.SUBMITTED),
            reverse("solutions:list"),
            _solution_page,
        ),
        _line(
            "questions",
            _("Questions from providers"),
            _awaiting_reply_from(solutions, "enterprise"),
            reverse("solutions:list"),
            _solution_page,
        ),
        _meeting_requests(user),
    ]
    best = _best_solution_to_confirm(user)
    return [*lines, *([best] if best else []), *_contract_steps(user)]


def _provider(user, today: dt.date, campaign: Campaign | None) -> list[Waiting]:

    if user.organisation_id is None:
        return []
    org = user.organisation_id
    # The enterprise's decision reaches the provider as a notification; unread, it is news still waiting.
    decisions = user.notifications.filter(
        read_at__isnull=True, event__in=("solution.shortlisted", "solution.declined")
    )
    meetings = Meeting.objects.filter(
        Q(request__sender__organisation_id=org) | Q(request__recipient__organisation_id=org),
        state=MeetingState.SCHEDULED,
        event__date__gte=today,
    )
    agenda = _in_one(
        meetings.values_list("event_id", flat=True), lambda pk: _url("events:agenda", pk), _url("events:list")
    )
    return [
        _line(
            "questions",
            _("Questions from enterprises"),
            _awaiting_reply_from(visible_solutions(user), "provider"),
            reverse("solutions:list"),
            _solution_page,
        ),
        Waiting(
            "decisions",
            _("New decisions on your solutions"),
            decisions.count(),
            reverse("notifications:inbox"),
        ),
        _meeting_requests(user),
        Waiting("agenda", _("Meetings on your agenda"), meetings.count(), agenda),
    ]


def _judge(user, today: dt.date, campaign: Campaign | None) -> list[Waiting]:

    scored = Score.objects.filter(judge=user, entry=OuterRef("pk"))
    to_score = []
    for round in Round.objects.filter(panelists__judge=user, state=RoundState.OPEN):
        to_score += entries_for(user, round).filter(state=EntryState.SCORING).exclude(Exists(scored))
    if len(to_score) == 1:
        url = _url("judging:entry", to_score[0].round_id, to_score[0].pk)
    else:
        url = _in_one(
            (e.round_id for e in to_score), lambda pk: _url("judging:round", pk), reverse("judging:list")
        )
    declared = JudgeProfile.objects.filter(user=user, declared_at__isnull=False).exists()
    return [
        Waiting("entries_to_score", _("Entries to score"), len(to_score), url),
        Waiting(
            "declaration",
            _("Declaration of interests to sign"),
            0 if declared else 1,
            reverse("judging:declare"),
        ),
    ]


def _organiser(user, today: dt.date, campaign: Campaign | None) -> list[Waiting]:

    pending = ProviderProfile.objects.filter(status=ProviderStatus.PENDING)
    lines = [Waiting("providers", _("Providers to verify"), pending.count(), reverse("solutions:providers"))]
    if campaign is None:
        return lines
    subsidies = SubsidyApplication.objects.filter(
        contract__campaign=campaign, state__in=(SubsidyState.APPLIED, SubsidyState.UNDER_REVIEW)
    )
    drafts = Round.objects.filter(campaign=campaign, state=RoundState.DRAFT).select_related("campaign")
    stuck = [r for r in drafts if not r.entries.exists() or short_of_judges(r)]
    ending = [w for w in campaign.windows.all() if 0 <= (w.ends_on - today).days < DEADLINE_DAYS]
    overdue = [row for row in liaison_overview(campaign, today) if row.overdue]
    return [
        *lines,
        Waiting(
            "subsidies",
            _("Subsidy applications to review"),
            subsidies.count(),
            reverse("contracts:subsidies"),
        ),
        Waiting(
            "sessions",
            _("Judging sessions that cannot open yet"),
            len(stuck),
            _url("judging:round", stuck[0].pk) if len(stuck) == 1 else reverse("judging:list"),
        ),
        Waiting(
            "deadlines",
            _("Stages ending this week"),
            len(ending),
            _url("campaigns:dashboard", campaign.slug),
            join_list(f"{w.get_stage_display()} {w.ends_on:%m-%d}" for w in ending),
        ),
        Waiting(
            "liaisons_overdue",
            _("Districts overdue with their liaison record"),
            len(overdue),
            _url("campaigns:liaisons", campaign.slug),
        ),
    ]


BY_ROLE = {
    Role.LIAISON: _liaison,
    Role.BROKER: _broker,
    Role.ENTERPRISE: _enterprise,
    Role.PROVIDER: _provider,
    Role.JUDGE: _judge,
    Role.ORGANISER: _organiser,
}


def waiting_for(user, today: dt.date, campaign: Campaign | None = None) -> list[Waiting]:
    """Every line of `user`'s home in the order shown, those with nothing waiting included (count 0).
    `campaign` is the one running today (a liaison's is always its district's)."""
    build = BY_ROLE.get(getattr(user, "role", None))
    return build(user, today, campaign) if build else []
