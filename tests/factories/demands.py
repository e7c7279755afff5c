"""A complete, valid demand as a person would type it (choices by their Chinese names), and
`DemandFactory(status=…)`: a demand at any point of its life, with the rows the services would have left.

What each state holds, as `demands.services`, `diagnosis.services` and `publication.services` leave it:
- every state but a draft was handed in (`submitted_at`);
- from under diagnosis on (approved, published, closed, needs revision, rejected, long-term) a broker of a
  service team is assigned (`Assignment`, due a week ahead);
- a decided demand has the `Diagnosis` whose decision took it there (a reason unless approved);
- a published or closed demand has its `Publication` (published by the broker, its search terms cut);
- a withdrawn demand was withdrawn after it was handed in, before anyone took it up.

Tune the parts through factory-boy's double underscores: `assignment__broker=…`, `diagnosis__reason=…`,
`publication__show_company_name=True`, `publication__title_en=""` (English pending)."""

import datetime as dt
from decimal import Decimal

import factory
from django.db.models import Max
from django.utils import timezone
from factory.django import DjangoModelFactory

from innochallenge.accounts.enums import Role
from innochallenge.demands.enums import DemandStatus
from innochallenge.demands.models import Demand
from innochallenge.diagnosis.enums import Decision
from innochallenge.diagnosis.models import Assignment, Diagnosis
from innochallenge.publication import search
from innochallenge.publication.enums import BudgetDisplay
from innochallenge.publication.models import Publication
from innochallenge.publication.public import search_text
from tests.factories.accounts import UserFactory
from tests.factories.campaigns import hs2021, option

#: 50 characters (full-width punctuation counts), the shortest description the form accepts.
DESCRIPTION_50 = "需要耐高温聚酰亚胺薄膜，在150℃下长期工作，热收缩率低于0.1%，厚度25微米，可卷对卷连续生产。"
assert len(DESCRIPTION_50) == 50

FORM_VALUES = {
    "company_name": "苏州恒新材料科技有限公司",
    "district": "相城区",
    "contact_name": "王磊",
    "contact_phone": "13912345678",
    "contact_title": "研发部 经理",
    "contact_email": "wanglei@hengxin.example.cn",
    "company_profile": "专注于高分子功能薄膜的研发与生产，主要产品为光学膜和绝缘膜。",
    "sales_bracket": "5000万-1亿",
    "title": "耐高温低收缩聚酰亚胺薄膜",
    "budget_wan": "150",
    "industry_field": "新材料",
    "industry_field_other": "",
    "description": DESCRIPTION_50,
    "cooperation_modes": ["合作开发", "技术转让"],
    "cooperation_other": "",
    "broker_name": "李敏",
    "broker_phone": "0512-65246015",
}

_S = DemandStatus
#: States in which a broker has the demand (diagnosis.services.assign).
ASSIGNED = frozenset(
    {_S.UNDER_DIAGNOSIS, _S.NEEDS_REVISION, _S.APPROVED, _S.PUBLISHED, _S.CLOSED, _S.REJECTED, _S.LONG_TERM}
)
#: The decision that took a demand to each state (diagnosis.services.OUTCOME, read backwards).
DECIDED_BY = {
    _S.NEEDS_REVISION: Decision.REVISE,
    _S.APPROVED: Decision.APPROVE,
    _S.PUBLISHED: Decision.APPROVE,
    _S.CLOSED: Decision.APPROVE,
    _S.REJECTED: Decision.REJECT,
    _S.LONG_TERM: Decision.LONG_TERM,
}
#: States with a publication (publication.services.publish; closing keeps it).
PUBLISHED = frozenset({_S.PUBLISHED, _S.CLOSED})
del _S


def _next_number(campaign) -> int:
    return (Demand.objects.filter(campaign=campaign).aggregate(n=Max("number"))["n"] or 0) + 1


def _broker_of(demand: Demand):
    assignment = Assignment.objects.filter(demand=demand).select_related("broker").first()
    return assignment.broker if assignment else None


class AssignmentFactory(DjangoModelFactory):
    """A broker of a service team holds the demand, due a week ahead (the assignment form's default)."""

    class Meta:
        model = Assignment

    demand = None  # given by DemandFactory
    broker = factory.SubFactory(UserFactory, role=Role.BROKER)
    service_team = factory.SelfAttribute("broker.organisation")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=7))


class DiagnosisFactory(DjangoModelFactory):
    """The assigned broker's diagnosis, with the decision that led to the demand's state."""

    class Meta:
        model = Diagnosis

    demand = None  # given by DemandFactory
    diagnosed_by = factory.LazyAttribute(lambda o: _broker_of(o.demand))
    decision = factory.LazyAttribute(lambda o: DECIDED_BY[o.demand.status])
    reason = factory.LazyAttribute(
        lambda o: "" if o.decision == Decision.APPROVE else "请写明可检测的目标指标。"
    )
    site_visit_done = True
    site_visit_on = factory.LazyFunction(timezone.localdate)
    technical_advancement = 4
    solvability = 4
    funding_capacity = 3
    indicators_stated = True
    field_right = True
    budget_credible = True
    solvable_as_written = True


class PublicationFactory(DjangoModelFactory):
    """The demand in the public catalog: the company hidden, the budget as a band (the model's defaults),
    an English version, its search terms cut as `publication.services.publish` cuts them."""

    class Meta:
        model = Publication
        skip_postgeneration_save = True

    demand = None  # given by DemandFactory
    show_company_name = False
    budget_display = BudgetDisplay.RANGE
    title_en = "Heat-resistant low-shrinkage polyimide film"
    description_en = (
        "A polyimide film for long service at 150 °C with thermal shrinkage below 0.1%, 25 µm thick, "
        "made roll to roll."
    )
    published_at = factory.LazyFunction(timezone.now)
    published_by = factory.LazyAttribute(lambda o: _broker_of(o.demand))

    @factory.post_generation
    def search_terms(obj, create, extracted, **kwargs):
        obj.demand.publication = obj
        obj.search_terms = (
            extracted if extracted is not None else " ".join(search.terms(search_text(obj.demand)))
        )
        if create:
            obj.save(update_fields=["search_terms"])


class DemandFactory(DjangoModelFactory):
    """`DemandFactory(status="published")`: a demand of hs2021 (or `campaign=`) filed online by an
    enterprise user (`created_by`, whose organisation owns it), in the state asked, with the assignment,
    diagnosis and publication that state implies (see the module's docstring)."""

    class Meta:
        model = Demand
        skip_postgeneration_save = True

    class Params:
        assigned = factory.LazyAttribute(lambda o: o.status in ASSIGNED)
        diagnosed = factory.LazyAttribute(lambda o: o.status in DECIDED_BY)
        public = factory.LazyAttribute(lambda o: o.status in PUBLISHED)

    campaign = factory.LazyFunction(hs2021)
    number = factory.LazyAttribute(lambda o: _next_number(o.campaign))
    status = DemandStatus.DRAFT
    created_by = factory.SubFactory(UserFactory, role=Role.ENTERPRISE)
    organisation = factory.SelfAttribute("created_by.organisation")
    company_name = FORM_VALUES["company_name"]
    district = factory.LazyAttribute(lambda o: option(o.campaign.districts, FORM_VALUES["district"]))
    contact_name = FORM_VALUES["contact_name"]
    contact_phone = FORM_VALUES["contact_phone"]
    contact_title = FORM_VALUES["contact_title"]
    contact_email = FORM_VALUES["contact_email"]
    company_profile = FORM_VALUES["company_profile"]
    sales_bracket = factory.LazyAttribute(
        lambda o: option(o.campaign.sales_brackets, FORM_VALUES["sales_bracket"])
    )
    title = FORM_VALUES["title"]
    budget_wan = Decimal(FORM_VALUES["budget_wan"])
    industry_field = factory.LazyAttribute(
        lambda o: option(o.campaign.industry_fields, FORM_VALUES["industry_field"])
    )
    description = DESCRIPTION_50
    broker_name = FORM_VALUES["broker_name"]
    broker_phone = FORM_VALUES["broker_phone"]
    submitted_at = factory.LazyAttribute(lambda o: None if o.status == DemandStatus.DRAFT else timezone.now())

    @factory.post_generation
    def cooperation_modes(obj, create, extracted, **kwargs):
        if not create:
            return
        names = FORM_VALUES["cooperation_modes"]
        obj.cooperation_modes.set(
            extracted if extracted is not None else [option(obj.campaign.cooperation_modes, n) for n in names]
        )

    assignment = factory.Maybe(
        "assigned", factory.RelatedFactory(AssignmentFactory, factory_related_name="demand")
    )
    diagnosis = factory.Maybe(
        "diagnosed", factory.RelatedFactory(DiagnosisFactory, factory_related_name="demand")
    )
    publication = factory.Maybe(
        "public", factory.RelatedFactory(PublicationFactory, factory_related_name="demand")
    )
