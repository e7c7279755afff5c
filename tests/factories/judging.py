"""Judges and `RoundFactory(state=…)` (or `status=`; `SessionFactory` is the same): a judging session of
hs2021 at any point of its life, as `judging.services` and `judging.scoring` leave it:
- every session has its entries and a panel (`judges=3` judges who declared independent affiliations, the
  campaign's minimum), the conflicts found from the data as `judging.services.invite` finds them;
  the special competition (the default stage) takes a candidate demand (published, two solutions handed
  in), the final (`stage="final"`) that demand's two solutions, presented in turn;
- draft: in preparation, entries waiting;
- open: `opened_at`; the special competition's entries are being scored, the final's wait to be
  presented (`set_entry_state` opens each);
- closed: also `closed_at`, every entry closed, each judge's scores on each criterion saved.

Pass `entries=[demand, …]` (special) or `entries=[solution, …]` (final), and `judges=N` or a list of judge
users, to choose them."""

import itertools

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from innochallenge.accounts.enums import Role
from innochallenge.demands.enums import DemandStatus
from innochallenge.judging import queries, services
from innochallenge.judging.config import criteria
from innochallenge.judging.enums import EntryState, JudgeKind, RoundState, Stage
from innochallenge.judging.models import Entry, JudgeProfile, Panelist, Round, Score
from innochallenge.solutions.enums import SolutionStatus
from tests.factories.accounts import UserFactory
from tests.factories.campaigns import hs2021
from tests.factories.demands import DemandFactory
from tests.factories.solutions import SolutionFactory

_names = itertools.count(1)


class JudgeProfileFactory(DjangoModelFactory):
    class Meta:
        model = JudgeProfile
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory, role=Role.JUDGE)
    kind = JudgeKind.TECHNICAL
    affiliation = factory.LazyFunction(lambda: f"独立专家{next(_names)}")
    declared_at = factory.LazyFunction(timezone.now)


def judge(**profile):
    """A judge user who has declared his interests (an independent expert unless `affiliation=` says who)."""
    return JudgeProfileFactory(**profile).user


def _entries_of(round: Round) -> list:
    """A candidate demand (special competition) or its two solutions (final)."""
    demand = DemandFactory(status=DemandStatus.PUBLISHED, campaign=round.campaign)
    solutions = [SolutionFactory(demand=demand, status=SolutionStatus.SUBMITTED) for _ in range(2)]
    return solutions if round.stage == Stage.FINAL else [demand]


#: Each session's entries take these states in each state of the session.
ENTRY_STATE = {
    (RoundState.DRAFT, Stage.SPECIAL): EntryState.WAITING,
    (RoundState.DRAFT, Stage.FINAL): EntryState.WAITING,
    (RoundState.OPEN, Stage.SPECIAL): EntryState.SCORING,
    (RoundState.OPEN, Stage.FINAL): EntryState.WAITING,
    (RoundState.CLOSED, Stage.SPECIAL): EntryState.CLOSED,
    (RoundState.CLOSED, Stage.FINAL): EntryState.CLOSED,
}


class RoundFactory(DjangoModelFactory):
    """See the module's docstring; `state=` and `status=` are the same (the model's field is `state`)."""

    class Meta:
        model = Round
        skip_postgeneration_save = True

    class Params:
        status = RoundState.DRAFT

    campaign = factory.LazyFunction(hs2021)
    stage = Stage.SPECIAL
    name = factory.LazyAttribute(lambda o: "决赛" if o.stage == Stage.FINAL else "企业专场赛")
    state = factory.SelfAttribute("status")
    opened_at = factory.LazyAttribute(lambda o: None if o.state == RoundState.DRAFT else timezone.now())
    closed_at = factory.LazyAttribute(lambda o: timezone.now() if o.state == RoundState.CLOSED else None)

    @factory.post_generation
    def entries(obj, create, extracted, **kwargs):
        if not create:
            return
        state = ENTRY_STATE[(obj.state, obj.stage)]
        closed_at = obj.closed_at if state == EntryState.CLOSED else None
        for order, item in enumerate(extracted if extracted is not None else _entries_of(obj), 1):
            solution = item if obj.stage == Stage.FINAL else None
            demand = item.demand if solution is not None else item
            Entry.objects.create(
                round=obj, demand=demand, solution=solution, order=order, state=state, closed_at=closed_at
            )

    @factory.post_generation
    def judges(obj, create, extracted, **kwargs):
        if not create:
            return
        panel = [judge() for _ in range(3)] if extracted is None else extracted
        if isinstance(panel, int):
            panel = [judge() for _ in range(panel)]
        for member in panel:
            Panelist.objects.create(round=obj, judge=member)
        services.find_conflicts(obj)
        if obj.state == RoundState.CLOSED:
            _score(obj)


def _score(round: Round) -> None:
    """Every judge free to judge an entry scores it on every criterion, a little differently each."""
    codes = [c.code for c in criteria(round.campaign, round.stage)]
    eligible = queries.eligibility(round)
    for n, entry in enumerate(round.entries.all()):
        for k, member in enumerate(eligible[entry.pk]):
            Score.objects.bulk_create(
                [Score(entry=entry, judge=member, criterion=code, value=6 + (n + k) % 4) for code in codes]
            )


SessionFactory = RoundFactory
