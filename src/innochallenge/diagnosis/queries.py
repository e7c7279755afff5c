"""A broker's work queue: the demands assigned to them, the earliest due first, overdue ones flagged."""

import datetime as dt

from django.db.models import QuerySet

from innochallenge.accounts.enums import Role
from innochallenge.demands.enums import DemandStatus
from innochallenge.diagnosis.models import Assignment

OPEN = (DemandStatus.UNDER_DIAGNOSIS, DemandStatus.NEEDS_REVISION)


def work_queue(user, today: dt.date) -> QuerySet[Assignment]:
    """Open assignments: a broker's own, a liaison's district's, all for organisers."""
    assignments = Assignment.objects.filter(demand__status__in=OPEN).select_related(
        "demand", "demand__campaign", "demand__district", "broker", "service_team"
    )
    if user.role == Role.BROKER:
        assignments = assignments.filter(broker=user)
    elif user.role == Role.LIAISON:
        assignments = assignments.filter(demand__district_id=user.district_id)
    elif user.role != Role.ORGANISER:
        return assignments.none()
    return assignments.order_by("due_on", "demand__number")
