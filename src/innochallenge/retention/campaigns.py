"""A campaign's own personal data once its retention period is over: the contact persons and brokers
on its demands, its districts' liaison records (names, phones, WeChat, QQ) and the contacts of its
financing-meeting registrations are erased, whoever they
are and whether they asked or not (PIPL art. 47: the period agreed has ended). Accounts are not: a
person may take part in later campaigns; their account is erased on their request (services.py)."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from innochallenge.audit import services as audit
from innochallenge.audit.models import ERASED_TEXT, AuditEntry, labels_of
from innochallenge.campaigns.models import Campaign, Liaison
from innochallenge.demands.models import Demand
from innochallenge.reports.models import FinancingRegistration
from innochallenge.retention.enums import Trigger
from innochallenge.retention.models import Erasure
from innochallenge.retention.queries import kept_until

#: The personal fields of a campaign's demands and what they read afterwards.
CAMPAIGN_DEMAND_FIELDS = {
    "contact_name": ERASED_TEXT,
    "contact_phone": "",
    "contact_email": "",
    "contact_title": "",
    "broker_name": "",
    "broker_phone": "",
    "source_file": "",
}
FINANCING_FIELDS = {"contact_name": ERASED_TEXT, "contact_phone": "", "contact_email": ""}
LIAISON_FIELDS = {"name": ERASED_TEXT, "title": "", "office_phone": "", "mobile": "", "wechat": "", "qq": ""}


def expired_campaigns(today=None) -> list[Campaign]:
    """Campaigns past their retention period whose personal data is not erased yet."""
    today = today or timezone.localdate()
    done = Erasure.objects.filter(campaign__isnull=False).values("campaign_id")
    open_ = Campaign.objects.exclude(pk__in=done).prefetch_related("windows")
    return [c for c in open_ if today > kept_until(c)]


def erase_campaign(campaign: Campaign) -> Erasure:
    """Erase the campaign's contact data and the audit values about those rows, once; audited."""
    with transaction.atomic():
        items, about = [], Q(pk__in=[])
        for queryset, fields in (
            (Demand.objects.filter(campaign=campaign), CAMPAIGN_DEMAND_FIELDS),
            (Liaison.objects.filter(district__campaign=campaign), LIAISON_FIELDS),
            (FinancingRegistration.objects.filter(campaign=campaign), FINANCING_FIELDS),
        ):
            ids = list(queryset.values_list("pk", flat=True))
            label = queryset.model._meta.label_lower
            queryset.model.objects.filter(pk__in=ids).update(**fields)
            items.append({"model": label, "fields": list(fields), "count": len(ids)})
            about |= Q(object_type__in=labels_of(label), object_id__in=[str(i) for i in ids])
        emptied = audit.erase_entries(AuditEntry.objects.filter(about))
        erasure = Erasure.objects.create(
            campaign=campaign, trigger=Trigger.CAMPAIGN, items=items, audit_entries=len(emptied)
        )
        audit.record(
            actor=None,
            action=audit.ERASURE_ACTION,
            obj=erasure,
            changes={"items": items, "files_deleted": 0, "audit_entries": emptied},
        )
    return erasure
