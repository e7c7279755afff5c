from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EvidenceKind(models.TextChoices):
    INVOICE = "invoice", _("Invoice")
    BANK_VOUCHER = "bank_voucher", _("Bank voucher")
    OTHER = "other", pgettext_lazy("evidence", "Other")


class SubsidyState(models.TextChoices):
    APPLIED = "applied", _("Applied")
    UNDER_REVIEW = "under_review", _("Under review")
    APPROVED = "approved", pgettext_lazy("subsidy", "Approved")
    REJECTED = "rejected", pgettext_lazy("subsidy", "Rejected")
    PAID = "paid", pgettext_lazy("subsidy", "Paid")


#: What the organiser's button says to move an application into each state (a verb, not the state's name).
SUBSIDY_STEP = {
    SubsidyState.UNDER_REVIEW: pgettext_lazy("subsidy step", "Start the review"),
    SubsidyState.APPROVED: pgettext_lazy("subsidy step", "Approve"),
    SubsidyState.REJECTED: pgettext_lazy("subsidy step", "Refuse the subsidy"),
    SubsidyState.PAID: pgettext_lazy("subsidy step", "Record as paid"),
}

#: apply → review → approve → paid, or rejected during review.
SUBSIDY_TRANSITIONS: dict[str, set[str]] = {
    SubsidyState.APPLIED: {SubsidyState.UNDER_REVIEW, SubsidyState.REJECTED},
    SubsidyState.UNDER_REVIEW: {SubsidyState.APPROVED, SubsidyState.REJECTED},
    SubsidyState.APPROVED: {SubsidyState.PAID},
    SubsidyState.REJECTED: set(),
    SubsidyState.PAID: set(),
}

#: The money is promised from approval on.
COMMITTED = frozenset({SubsidyState.APPROVED, SubsidyState.PAID})
