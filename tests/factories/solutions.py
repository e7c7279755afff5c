"""Solution providers and `SolutionFactory(status=…)`: a provider's answer to a published demand at any point
of its life, as `solutions.services` leaves it:
- a draft is started, never handed in;
- submitted: `submitted_at`, and the enterprise's answer due after the campaign's response days;
- shortlisted or declined: also `decided_at` and the enterprise's message (a reason code to decline);
- withdrawn: handed in, then withdrawn by the provider (a draft cannot be withdrawn).

The provider (`created_by`, a provider user, and its organisation) is verified unless
`provider_status="pending"`: the enterprise sees only verified providers' solutions."""

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from innochallenge.accounts.enums import Role
from innochallenge.demands.enums import DemandStatus
from innochallenge.solutions.enums import (
    DeclineReason,
    IPStatus,
    ProviderStatus,
    ProviderType,
    SolutionStatus,
)
from innochallenge.solutions.models import ProviderProfile, Solution
from tests.factories.accounts import UserFactory
from tests.factories.campaigns import option
from tests.factories.demands import DemandFactory

_S = SolutionStatus
#: States the provider handed the solution in from (solutions.services.submit_solution).
HANDED_IN = frozenset({_S.SUBMITTED, _S.SHORTLISTED, _S.DECLINED, _S.WITHDRAWN})
#: States the enterprise decided (solutions.services.decide).
DECIDED = frozenset({_S.SHORTLISTED, _S.DECLINED})
del _S


class ProviderProfileFactory(DjangoModelFactory):
    """The profile of a provider organisation; verified by the organiser unless `status=` says otherwise."""

    class Meta:
        model = ProviderProfile
        django_get_or_create = ("organisation",)

    organisation = factory.SubFactory("tests.factories.accounts.OrganisationFactory", kind="provider")
    provider_type = ProviderType.INSTITUTE
    country = "DE"
    expertise = "polymer films\nthermal stability"
    keywords = "polyimide, shrinkage"
    contact_name = "Anna Weber"
    contact_email = factory.Sequence(lambda n: f"lab{n}@institute.example")
    contact_phone = "+49 89 1234567"
    status = ProviderStatus.VERIFIED
    reviewed_at = factory.LazyAttribute(
        lambda o: None if o.status == ProviderStatus.PENDING else timezone.now()
    )


def provider_user(*, status: str = ProviderStatus.VERIFIED, **user):
    """A provider user whose organisation has a profile (verified by default)."""
    member = UserFactory(role=Role.PROVIDER, **user)
    ProviderProfileFactory(organisation=member.organisation, status=status)
    return member


class SolutionFactory(DjangoModelFactory):
    """`SolutionFactory(status="shortlisted")`: a complete solution by a (verified) provider to a published
    demand of hs2021 (`demand=` for another), in the state asked (see the module's docstring)."""

    class Meta:
        model = Solution
        skip_postgeneration_save = True

    class Params:
        provider_status = ProviderStatus.VERIFIED

    demand = factory.SubFactory(DemandFactory, status=DemandStatus.PUBLISHED)
    created_by = factory.SubFactory(UserFactory, role=Role.PROVIDER)
    provider = factory.SelfAttribute("created_by.organisation")
    status = SolutionStatus.DRAFT
    title = factory.Sequence(lambda n: f"Cross-linked polyimide film {n}")
    summary = "A cross-linked polyimide that keeps its shape at 150 °C."
    approach = "Thermal imidisation with a cross-linker; roll-to-roll casting."
    indicators = "Shrinkage 0.05% at 150 °C (target 0.1%); thickness 25 µm."
    timeline = "Six months to samples, twelve to a pilot line."
    cost_wan = 120
    cooperation_mode = factory.LazyAttribute(
        lambda o: option(o.demand.campaign.cooperation_modes, "合作开发")
    )
    team = "Dr. Weber and four engineers."
    ip_status = IPStatus.PATENT_GRANTED
    ip_note = "EP 1234567"
    submitted_at = factory.LazyAttribute(lambda o: timezone.now() if o.status in HANDED_IN else None)
    decision_due_on = factory.LazyAttribute(
        lambda o: (
            timezone.localdate() + dt.timedelta(days=o.demand.campaign.solution_response_days)
            if o.status in HANDED_IN
            else None
        )
    )
    decided_at = factory.LazyAttribute(lambda o: timezone.now() if o.status in DECIDED else None)
    decline_reason = factory.LazyAttribute(
        lambda o: DeclineReason.COST if o.status == SolutionStatus.DECLINED else ""
    )
    decision_message = factory.LazyAttribute(
        lambda o: {
            SolutionStatus.SHORTLISTED: "请来现场交流。",
            SolutionStatus.DECLINED: "费用超出预算。",
        }.get(o.status, "")
    )

    #: The provider's profile (kept when it has one already).
    profile = factory.RelatedFactory(
        ProviderProfileFactory,
        organisation=factory.SelfAttribute("..provider"),
        status=factory.SelfAttribute("..provider_status"),
    )
