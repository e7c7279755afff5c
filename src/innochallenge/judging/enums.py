from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Stage(models.TextChoices):
    SPECIAL = "special", _("Special competition")
    FINAL = "final", _("Final")


class RoundState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("judging session", "In preparation")
    OPEN = "open", _("Scoring open")
    CLOSED = "closed", pgettext_lazy("judging session", "Closed")


#: A session is prepared, scored, then closed for good: closed scores never change.
ROUND_TRANSITIONS: dict[str, set[str]] = {
    RoundState.DRAFT: {RoundState.OPEN},
    RoundState.OPEN: {RoundState.CLOSED},
    RoundState.CLOSED: set(),
}


class EntryState(models.TextChoices):
    """In the final each solution is presented, scored and closed in turn; the results board shows the
    closed ones. In the special competition entries close with the session."""

    WAITING = "waiting", _("Waiting")
    SCORING = "scoring", _("Being scored")
    CLOSED = "closed", pgettext_lazy("judging entry", "Closed")


#: In the final each entry is opened for scoring when it is presented, then closed for good.
ENTRY_TRANSITIONS: dict[str, set[str]] = {
    EntryState.WAITING: {EntryState.SCORING},
    EntryState.SCORING: {EntryState.CLOSED},
    EntryState.CLOSED: set(),
}


class JudgeKind(models.TextChoices):
    DEMAND_SIDE = "demand_side", _("Demand side")
    TECHNICAL = "technical", _("Technical expert")
    TECH_TRANSFER = "tech_transfer", _("Technology-transfer expert")
    FINANCE = "finance", _("S&T finance expert")


class ConflictKind(models.TextChoices):
    ORGANISATION = "organisation", _("Works for a party")
    PAST_EMPLOYER = "past_employer", _("Past employer of a party")
    RELATION = "relation", _("Declared relation with a party")
    CONTRACT = "contract", _("Prior contract with a party")
    BROKER = "broker", _("Broker link with the demand")
    ABSTAINED = "abstained", _("Abstained")
    DEMAND_SIDE = "demand_side", _("Demand side of this entry (by design)")


#: Every kind of conflict keeps the judge off the entry, except the demand side's seat on its own
#: demand's panel, which SPEC §4.7 wants and the results show openly.
BLOCKING = frozenset(set(ConflictKind) - {ConflictKind.DEMAND_SIDE})


class AggregationMethod(models.TextChoices):
    """How the judges' totals for an entry become its aggregate (defined in `judging.aggregate`); the
    campaign's `judging.method` says which one ranks."""

    MEAN = "mean", _("Mean")
    TRIMMED_MEAN = "trimmed_mean", _("Trimmed mean")
    ZSCORE = "zscore", _("Z-score")
