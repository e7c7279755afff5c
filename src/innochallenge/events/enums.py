from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EventState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("event", "Draft")
    OPEN = "open", _("Open for registration")
    SCHEDULED = "scheduled", _("Meetings scheduled")
    CLOSED = "closed", pgettext_lazy("event", "Closed")


#: The allowed transitions of an event; scheduling again keeps it scheduled.
EVENT_TRANSITIONS: dict[str, set[str]] = {
    EventState.DRAFT: {EventState.OPEN},
    EventState.OPEN: {EventState.SCHEDULED, EventState.CLOSED},
    EventState.SCHEDULED: {EventState.SCHEDULED, EventState.CLOSED},
    EventState.CLOSED: set(),
}
#: Participants may register, ask for and answer meetings in these states.
TAKES_REQUESTS = frozenset({EventState.OPEN, EventState.SCHEDULED})


class Side(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    PROVIDER = "provider", _("Solution provider")


class Priority(models.IntegerChoices):
    MUST = 3, _("Must meet")
    SHOULD = 2, _("Should meet")
    NICE = 1, _("Nice to meet")


class RequestState(models.TextChoices):
    PENDING = "pending", pgettext_lazy("meeting request", "Awaiting an answer")
    ACCEPTED = "accepted", pgettext_lazy("meeting request", "Accepted")
    DECLINED = "declined", pgettext_lazy("meeting request", "Declined")
    EXPIRED = "expired", pgettext_lazy("meeting request", "Expired unanswered")


class MeetingState(models.TextChoices):
    SCHEDULED = "scheduled", pgettext_lazy("meeting", "Scheduled")
    CANCELLED = "cancelled", pgettext_lazy("meeting", "Cancelled")
    HELD = "held", pgettext_lazy("meeting", "Held")
    NO_SHOW = "no_show", pgettext_lazy("meeting", "No-show")


class OutcomeResult(models.TextChoices):
    NO_INTEREST = "no_interest", _("No interest")
    FOLLOW_UP = "follow_up", _("Follow-up planned")
    INTENTION = "intention", _("Intention to cooperate")
    CONTRACT_EXPECTED = "contract_expected", _("Contract expected")


class AskedAt(models.IntegerChoices):
    """When a side is asked for the result: on the day, then 30, 90 and 180 days later."""

    ON_THE_DAY = 0, _("On the day")
    DAYS_30 = 30, _("After 30 days")
    DAYS_90 = 90, _("After 90 days")
    DAYS_180 = 180, _("After 180 days")
