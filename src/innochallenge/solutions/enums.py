from django.db import models
from django.utils.translation import gettext_lazy as _


class ProviderType(models.TextChoices):
    UNIVERSITY = "university", _("University")
    INSTITUTE = "institute", _("Research institute")
    ENTERPRISE = "enterprise", _("Enterprise")
    TEAM = "team", _("Team or individual")


class ProviderStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Not verified")


class SolutionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


_S = SolutionStatus
#: The allowed steps of a solution's life; `set_solution_state` (solutions/lifecycle.py) refuses the rest.
#: The enterprise shortlists or declines a submitted solution (and may decline one it shortlisted, or
#: shortlist it again with a new message); the provider may withdraw it until it is declined.
SOLUTION_TRANSITIONS: dict[str, frozenset[str]] = {
    _S.DRAFT: frozenset({_S.SUBMITTED, _S.WITHDRAWN}),
    _S.SUBMITTED: frozenset({_S.SHORTLISTED, _S.DECLINED, _S.WITHDRAWN}),
    _S.SHORTLISTED: frozenset({_S.SHORTLISTED, _S.DECLINED, _S.WITHDRAWN}),
    _S.DECLINED: frozenset(),
    _S.WITHDRAWN: frozenset(),
}
del _S


def solution_may_go(status: str, new: str) -> bool:
    return new in SOLUTION_TRANSITIONS.get(status, frozenset())


#: Solutions that count for the demand (and for the special competition's two-or-more rule).
COUNTED = frozenset({SolutionStatus.SUBMITTED, SolutionStatus.SHORTLISTED, SolutionStatus.DECLINED})
#: The provider may still change its solution (an edit after submission keeps the old version).
EDITABLE = frozenset({SolutionStatus.DRAFT, SolutionStatus.SUBMITTED, SolutionStatus.SHORTLISTED})
#: The enterprise sees these (never drafts or withdrawn ones).
SEEN_BY_ENTERPRISE = COUNTED


class IPStatus(models.TextChoices):
    PATENT_GRANTED = "patent_granted", _("Granted patents")
    PATENT_PENDING = "patent_pending", _("Patent applications")
    KNOW_HOW = "know_how", _("Know-how, not patented")
    LICENSED = "licensed", _("Licensed from a third party")
    TO_DEVELOP = "to_develop", _("To be developed in the project")


class DeclineReason(models.TextChoices):
    """Why an enterprise declines a solution; shown to the provider with the enterprise's own words."""

    NOT_RELEVANT = "not_relevant", _("Does not address the demand")
    INDICATORS = "indicators", _("Falls short of the target indicators")
    COST = "cost", _("Cost above the budget")
    TIMELINE = "timeline", _("Timeline too long")
    MATURITY = "maturity", _("Technology not mature enough")
    IP = "ip", _("Intellectual-property concerns")
    CHOSE_OTHER = "chose_other", _("Another solution was chosen")
    OTHER = "other", _("Other")
