import datetime as dt
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from innochallenge.campaigns.enums import EventKind
from innochallenge.events.enums import (
    AskedAt,
    EventState,
    MeetingState,
    OutcomeResult,
    Priority,
    RequestState,
    Side,
)


class Event(models.Model):
    """A regional or industry matchmaking session of a campaign, with its room plan: `tables` tables
    (the first `interpreter_tables` of them with an interpreter) and `slots` meeting slots a day."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    district = models.ForeignKey(
        "campaigns.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    industry_field = models.ForeignKey(
        "campaigns.IndustryField",
        verbose_name=_("industry field"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("name (Chinese)"), max_length=250)
    name_en = models.CharField(_("name (English)"), max_length=250, blank=True)
    organising_unit = models.CharField(
        pgettext_lazy("event", "organising unit"),
        max_length=200,
        help_text=_("Counts as evidence for the organiser award."),
    )
    date = models.DateField(_("date"))
    venue = models.CharField(_("venue"), max_length=200)
    tables = models.PositiveSmallIntegerField(_("tables"), validators=[MinValueValidator(1)])
    interpreter_tables = models.PositiveSmallIntegerField(_("tables with an interpreter"), default=0)
    first_slot_at = models.TimeField(_("first meeting starts at"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("meeting length (minutes)"), default=20, validators=[MinValueValidator(5), MaxValueValidator(240)]
    )
    break_minutes = models.PositiveSmallIntegerField(_("break between meetings (minutes)"), default=5)
    slots = models.PositiveSmallIntegerField(
        _("meeting slots"), validators=[MinValueValidator(1), MaxValueValidator(48)]
    )
    registration_deadline = models.DateTimeField(_("registration deadline"))
    state = models.CharField(_("state"), max_length=20, choices=EventState.choices, default=EventState.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("matchmaking event")
        verbose_name_plural = _("matchmaking events")
        constraints = [
            models.CheckConstraint(
                condition=Q(interpreter_tables__lte=F("tables")), name="event_interpreters_within_tables"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if (get_language() or "").startswith("en") and self.name_en:
            return self.name_en
        return self.name

    def slot_start(self, slot: int) -> dt.datetime:
        """When meeting slot `slot` (from 0) starts, in the site's time zone (Asia/Shanghai)."""
        first = dt.datetime.combine(self.date, self.first_slot_at, tzinfo=timezone.get_default_timezone())
        return first + dt.timedelta(minutes=slot * (self.slot_minutes + self.break_minutes))

    def slot_end(self, slot: int) -> dt.datetime:
        return self.slot_start(slot) + dt.timedelta(minutes=self.slot_minutes)

    def slot_times(self) -> list[tuple[int, dt.datetime, dt.datetime]]:
        return [(s, self.slot_start(s), self.slot_end(s)) for s in range(self.slots)]

    def due_ask(self, today: dt.date) -> int | None:
        """Which ask for outcomes is open on `today`: the day's from the event on, then 30, 90 and 180
        days after."""
        if today < self.date:
            return None
        days = (today - self.date).days
        return max(a for a in AskedAt.values if a <= days)


class Registration(models.Model):
    """An enterprise (with the demands it brings) or a solution provider taking part in an event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    side = models.CharField(_("side"), max_length=20, choices=Side.choices)
    demands = models.ManyToManyField(
        "demands.Demand", verbose_name=_("demands brought"), blank=True, related_name="+"
    )
    token = models.UUIDField(_("check-in code"), default=uuid.uuid4, unique=True, editable=False)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    no_show = models.BooleanField(_("did not come"), default=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        ordering = ["event", "side", "organisation__name"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "organisation"], name="registration_once_per_event")
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class Unavailable(models.Model):
    """A slot a participant cannot attend."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="unavailable")
    slot = models.PositiveSmallIntegerField(_("slot"))

    class Meta:
        ordering = ["registration", "slot"]
        verbose_name = _("unavailable slot")
        verbose_name_plural = _("unavailable slots")
        constraints = [models.UniqueConstraint(fields=["registration", "slot"], name="unavailable_once")]

    def __str__(self) -> str:
        return f"{self.registration} · {self.slot}"


class MeetingRequest(models.Model):
    """One side asks the other for a 1:1 meeting; the other accepts or declines (declining is final)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="requests")
    sender = models.ForeignKey(
        Registration, verbose_name=_("from"), on_delete=models.CASCADE, related_name="sent_requests"
    )
    recipient = models.ForeignKey(
        Registration, verbose_name=_("to"), on_delete=models.CASCADE, related_name="received_requests"
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.SHOULD
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    needs_interpreter = models.BooleanField(_("needs an interpreter"), default=False)
    state = models.CharField(
        _("state"), max_length=20, choices=RequestState.choices, default=RequestState.PENDING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["event", "created_at", "pk"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [
            models.UniqueConstraint(
                "event",
                Least("sender", "recipient"),
                Greatest("sender", "recipient"),
                name="request_pair_once",
            ),
            models.CheckConstraint(condition=~Q(sender=F("recipient")), name="request_not_to_self"),
        ]

    def __str__(self) -> str:
        return f"{self.sender} → {self.recipient}"


class Meeting(models.Model):
    """An accepted request placed at a table in a slot by the scheduler."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meetings")
    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    slot = models.PositiveSmallIntegerField(_("slot"))
    table = models.PositiveSmallIntegerField(_("table"))
    state = models.CharField(
        _("state"), max_length=20, choices=MeetingState.choices, default=MeetingState.SCHEDULED
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["event", "slot", "table"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "slot", "table"],
                condition=Q(state="scheduled"),
                name="meeting_one_per_table_and_slot",
            )
        ]

    def __str__(self) -> str:
        return f"{self.request} · {self.slot}/{self.table}"

    @property
    def table_number(self) -> int:
        """Tables are numbered from 1 for people."""
        return self.table + 1

    @property
    def starts_at(self) -> dt.datetime:
        return self.event.slot_start(self.slot)

    @property
    def ends_at(self) -> dt.datetime:
        return self.event.slot_end(self.slot)


class Outcome(models.Model):
    """What one side says came of a meeting, on the day and again 30, 90 and 180 days later."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="outcomes")
    side = models.CharField(_("side"), max_length=20, choices=Side.choices)
    result = models.CharField(_("result"), max_length=20, choices=OutcomeResult.choices)
    asked_at_days = models.PositiveSmallIntegerField(_("asked after (days)"), choices=AskedAt.choices)
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "asked_at_days", "side"]
        verbose_name = _("meeting outcome")
        verbose_name_plural = _("meeting outcomes")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "side", "asked_at_days"], name="outcome_once_per_ask")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.get_side_display()} · {self.get_result_display()}"
