"""What providers, enterprises and the organiser do with solutions: one function per step, transactional
and audited, used by the pages and the API alike."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from innochallenge.accounts.enums import Role
from innochallenge.accounts.models import Organisation
from innochallenge.audit import services as audit
from innochallenge.campaigns.models import Campaign
from innochallenge.demands.enums import DemandStatus
from innochallenge.demands.models import Demand
from innochallenge.notifications.models import Notification
from innochallenge.notifications.services import notify
from innochallenge.solutions.enums import EDITABLE, ProviderStatus, SolutionStatus, solution_may_go
from innochallenge.solutions.errors import SolutionError
from innochallenge.solutions.errors import conflict as _conflict
from innochallenge.solutions.files import UploadError, check_upload
from innochallenge.solutions.forms import ProviderForm, SolutionForm
from innochallenge.solutions.lifecycle import audience, set_solution_state, tell
from innochallenge.solutions.models import (
    Attachment,
    Message,
    ProviderProfile,
    Solution,
    SolutionVersion,
    TermsAcceptance,
)

if TYPE_CHECKING:
    from innochallenge.accounts.models import User

CONTENT = [
    "title",
    "summary",
    "approach",
    "indicators",
    "timeline",
    "cost_wan",
    "cooperation_mode_id",
    "team",
    "ip_status",
    "ip_note",
]
_PROFILE = [
    "provider_type",
    "country",
    "expertise",
    "keywords",
    "website",
    "contact_name",
    "contact_email",
    "contact_phone",
    "status",
]


def _invalid(form) -> SolutionError:
    return SolutionError(
        _("Please correct the fields marked below."),
        {name: [str(m) for m in messages] for name, messages in form.errors.items()},
    )


# --- providers ------------------------------------------------------------------------------------------


def _name_taken(organisation: Organisation, *, from_chinese: bool) -> tuple[str, str]:
    """The name (and its form field) another organisation of the kind already goes by: the Chinese name
    exactly, the English one whatever its capitals and spaces; ("", "") when both are free."""
    others = Organisation.objects.filter(kind=organisation.kind).exclude(pk=organisation.pk)
    if others.filter(name=organisation.name).exists():
        return organisation.name, "name" if from_chinese else "name_en"
    english = " ".join(organisation.name_en.split())
    if english and others.filter(Q(name_en__iexact=english) | Q(name__iexact=english)).exists():
        return english, "name_en"
    return "", ""


@transaction.atomic
def save_profile(organisation: Organisation, data: dict, *, by: User) -> ProviderProfile:
    """A provider says who it is; a new or renamed provider waits for the organiser's verification."""
    profile = ProviderProfile.objects.filter(organisation=organisation).first()
    before = audit.snapshot(profile, _PROFILE) if profile else {}
    before_names = (organisation.name, organisation.name_en)
    form = ProviderForm(data, instance=profile or ProviderProfile(organisation=organisation))
    if not form.is_valid():
        raise _invalid(form)
    profile = form.save(commit=False)
    name, name_en = (
        (form.cleaned_data.get("name") or "").strip(),
        (form.cleaned_data.get("name_en") or "").strip(),
    )
    organisation.name, organisation.name_en = name or name_en, name_en
    taken, field = _name_taken(organisation, from_chinese=bool(name))
    if taken:
        message = _("“%(name)s” is already registered. Ask the organiser if it is yours.") % {"name": taken}
        raise SolutionError(message, {field: [message]})
    organisation.country = str(profile.country.name)
    if (
        organisation.name,
        organisation.name_en,
    ) != before_names and profile.status == ProviderStatus.VERIFIED:
        profile.status = ProviderStatus.PENDING  # a new name is verified anew
    organisation.save()
    profile.save()
    audit.record(
        actor=by,
        action="provider.profile_saved",
        obj=profile,
        changes=audit.diff(before, audit.snapshot(profile, _PROFILE)),
    )
    return profile


@transaction.atomic
def review_provider(profile: ProviderProfile, *, verified: bool, by: User, note: str = "") -> ProviderProfile:
    """The organiser verifies a provider (its solutions then reach enterprises, which are told of those
    handed in meanwhile) or not."""
    profile = ProviderProfile.objects.select_for_update().get(pk=profile.pk)
    before = profile.status
    profile.status = ProviderStatus.VERIFIED if verified else ProviderStatus.REJECTED
    profile.review_note, profile.reviewed_by, profile.reviewed_at = note.strip(), by, timezone.now()
    profile.save()
    audit.record(
        actor=by,
        action=f"provider.{profile.status}",
        obj=profile,
        changes={"status": [before, profile.status]},
        note=note,
    )
    members = get_user_model().objects.filter(organisation=profile.organisation, role=Role.PROVIDER)
    notify(members, f"provider.{profile.status}", {"note": profile.review_note}, reverse("solutions:profile"))
    if profile.status == ProviderStatus.VERIFIED and before != ProviderStatus.VERIFIED:
        _announce(profile.organisation)
    return profile


# --- confidentiality ---------------------------------------------------------------------------------------


def terms_digest(campaign: Campaign) -> str:
    return hashlib.sha256(
        (campaign.confidentiality_terms + "\n" + campaign.confidentiality_terms_en).encode()
    ).hexdigest()


def has_accepted_terms(campaign: Campaign, organisation_id: int | None) -> bool:
    return bool(
        organisation_id
        and TermsAcceptance.objects.filter(
            campaign=campaign, provider_id=organisation_id, terms_sha256=terms_digest(campaign)
        ).exists()
    )


def is_confidential(demand: Demand) -> bool:
    publication = getattr(demand, "publication", None)
    return bool(publication is not None and publication.confidential)


def terms_pending(demand: Demand, organisation_id: int | None) -> bool:
    """The demand is confidential and this provider organisation has not accepted the terms as worded now:
    it may not read the details, start or change a solution to it."""
    return is_confidential(demand) and not has_accepted_terms(demand.campaign, organisation_id)


@transaction.atomic
def accept_terms(campaign: Campaign, organisation: Organisation, *, by: User) -> TermsAcceptance:
    """The provider accepts the campaign's confidentiality terms as worded now; recorded with the time."""
    digest = terms_digest(campaign)
    acceptance, created = TermsAcceptance.objects.get_or_create(
        campaign=campaign, provider=organisation, defaults={"accepted_by": by, "terms_sha256": digest}
    )
    if not created and acceptance.terms_sha256 != digest:
        acceptance.terms_sha256, acceptance.accepted_by, acceptance.accepted_at = digest, by, timezone.now()
        acceptance.save()
        created = True
    if created:
        audit.record(
            actor=by,
            action="provider.terms_accepted",
            obj=acceptance,
            changes={"terms_sha256": [None, digest]},
        )
    return acceptance


# --- solutions ---------------------------------------------------------------------------------------------


def _check_answerable(demand: Demand, organisation: Organisation) -> None:
    if demand.status != DemandStatus.PUBLISHED:
        raise _conflict(_("This demand is not open for solutions."))
    if terms_pending(demand, organisation.pk):
        raise _conflict(_("This demand is confidential: accept the campaign's confidentiality terms first."))


def _content(solution: Solution) -> dict:
    return audit.snapshot(solution, CONTENT)


def _validated(demand: Demand, data: dict, *, instance: Solution, complete: bool) -> Solution:
    form = SolutionForm(data, instance=instance, campaign=demand.campaign, complete=complete)
    if not form.is_valid():
        raise _invalid(form)
    return form.save(commit=False)


@transaction.atomic
def create_solution(demand: Demand, organisation: Organisation, data: dict, *, by: User) -> Solution:
    """A provider starts a solution to a published demand (a draft)."""
    demand = Demand.objects.select_related("campaign", "publication").get(pk=demand.pk)
    _check_answerable(demand, organisation)
    solution = _validated(
        demand, data, instance=Solution(demand=demand, provider=organisation, created_by=by), complete=False
    )
    solution.save()
    audit.record(
        actor=by, action="solution.created", obj=solution, changes=audit.diff({}, _content(solution))
    )
    return solution


def _keep_version(solution: Solution, *, by: User) -> None:
    """Before an edit after submission: copy the text and the files as they are into a version."""
    if solution.status == SolutionStatus.DRAFT:
        return
    SolutionVersion.objects.create(
        solution=solution,
        number=solution.version,
        content=_content(solution),
        attachment_ids=list(solution.attachments.filter(current=True).values_list("pk", flat=True)),
        created_by=by,
    )
    solution.version += 1


def _locked(solution: Solution) -> Solution:
    return (
        Solution.objects.select_for_update().select_related("demand", "demand__campaign").get(pk=solution.pk)
    )


def _check_editable(solution: Solution) -> None:
    if solution.status not in EDITABLE:
        raise _conflict(
            _("A solution that is %(status)s cannot be changed.") % {"status": solution.get_status_display()}
        )


@transaction.atomic
def update_solution(solution: Solution, data: dict, *, by: User) -> Solution:
    """Change a solution. After submission the previous text is kept as a version, and the enterprise sees
    the new one."""
    solution = _locked(solution)
    _check_editable(solution)
    demand = solution.demand
    if terms_pending(demand, solution.provider_id):
        raise _conflict(_("This demand is confidential: accept the campaign's confidentiality terms first."))
    before = _content(solution)
    complete = solution.status != SolutionStatus.DRAFT
    updated = _validated(
        solution.demand, data, instance=Solution.objects.get(pk=solution.pk), complete=complete
    )
    after = _content(updated)
    if after == before:
        return solution
    _keep_version(solution, by=by)
    updated.version = solution.version
    updated.save()
    audit.record(actor=by, action="solution.updated", obj=updated, changes=audit.diff(before, after))
    return updated


def _announce(organisation: Organisation) -> None:
    """A provider is verified: each enterprise now hears of the solutions the provider handed in while
    it waited, unless it was told of them already (a provider verified anew after a change of name)."""
    solutions = Solution.objects.filter(
        provider=organisation, status__in=(SolutionStatus.SUBMITTED, SolutionStatus.SHORTLISTED)
    ).select_related("demand", "demand__assignment", "provider__provider_profile")
    for solution in solutions:
        url = reverse("solutions:detail", args=[solution.pk])
        told = set(
            Notification.objects.filter(event="solution.submitted", url=url).values_list(
                "recipient_id", flat=True
            )
        )
        users = [u for u in audience(solution, None, enterprise=True) if u.pk not in told]
        tell(solution, "solution.submitted", users, url=url)


@transaction.atomic
def submit_solution(solution: Solution, *, by: User, today: dt.date | None = None) -> Solution:
    """Hand a draft in: every field the enterprise needs must be there. The enterprise learns of it at
    once when the provider is verified, otherwise on the provider's verification (`review_provider`)."""
    solution = _locked(solution)
    if solution.status != SolutionStatus.DRAFT:
        raise _conflict(_("Only a draft can be submitted."))
    demand = Demand.objects.select_related("campaign", "publication").get(pk=solution.demand_id)
    _check_answerable(demand, solution.provider)
    values = {name.removesuffix("_id"): getattr(solution, name) for name in CONTENT}
    _validated(demand, values, instance=Solution.objects.get(pk=solution.pk), complete=True)
    today = today or timezone.localdate()
    solution.submitted_at = timezone.now()
    solution.decision_due_on = today + dt.timedelta(days=demand.campaign.solution_response_days)
    return set_solution_state(solution, SolutionStatus.SUBMITTED, by=by)


WITHDRAWN = SolutionStatus.WITHDRAWN


@transaction.atomic
def withdraw_solution(solution: Solution, *, by: User, reason: str = "") -> Solution:
    solution = _locked(solution)
    if solution.status == SolutionStatus.DRAFT or not solution_may_go(
        solution.status, SolutionStatus.WITHDRAWN
    ):
        raise _conflict(_("This solution can no longer be withdrawn."))
    return set_solution_state(solution, WITHDRAWN, by=by, reason=reason)


@transaction.atomic
def decide(solution: Solution, *, shortlist: bool, by: User, reason: str = "", message: str = "") -> Solution:
    """The enterprise shortlists a solution, or declines it with a reason code (and its own words)."""
    solution = _locked(solution)
    if solution.status not in (SolutionStatus.SUBMITTED, SolutionStatus.SHORTLISTED):
        raise _conflict(
            _("A solution that is %(status)s cannot be decided on.")
            % {"status": solution.get_status_display()}
        )
    if not shortlist and not reason:
        text = _("Tell the provider why: choose a reason.")
        raise SolutionError(text, {"reason": [text]})
    new = SolutionStatus.SHORTLISTED if shortlist else SolutionStatus.DECLINED
    solution.decline_reason = "" if shortlist else reason
    solution.decision_message = message.strip()
    solution.decided_at = timezone.now()
    return set_solution_state(
        solution,
        new,
        by=by,
        reason=solution.decision_message,
        changes={"decline_reason": [None, solution.decline_reason or None]},
    )


@transaction.atomic
def add_attachment(solution: Solution, upload, *, by: User) -> Attachment:
    """Attach a file: checked by its content and the campaign's size limit; refused files leave nothing."""
    solution = _locked(solution)
    _check_editable(solution)
    try:
        checked = check_upload(upload, solution.demand.campaign.attachment_max_mb * 1024 * 1024)
    except UploadError as exc:
        raise SolutionError(str(exc), {"file": [str(exc)]}) from None
    _keep_version(solution, by=by)
    solution.save()
    name = (upload.name or "file").replace("\\", "/").rsplit("/", 1)[-1][:200]
    attachment = Attachment(
        solution=solution,
        name=name,
        kind=checked.kind,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=by,
    )
    attachment.file.save(checked.kind, upload, save=False)
    try:
        attachment.save()
        audit.record(
            actor=by,
            action="solution.file_added",
            obj=solution,
            changes={"attachment": [None, attachment.name]},
        )
    except Exception:
        attachment.file.delete(save=False)  # nothing half-saved: no row, no file
        raise
    return attachment


@transaction.atomic
def remove_attachment(attachment: Attachment, *, by: User) -> None:
    """Take a file off the solution; it stays with the versions that had it."""
    solution = _locked(attachment.solution)
    _check_editable(solution)
    _keep_version(solution, by=by)
    solution.save()
    Attachment.objects.filter(pk=attachment.pk).update(current=False)
    audit.record(
        actor=by,
        action="solution.file_removed",
        obj=solution,
        changes={"attachment": [attachment.name, None]},
    )


@transaction.atomic
def post_message(solution: Solution, body: str, *, by: User) -> Message:
    """A question or an answer between the enterprise (or its broker) and the provider."""
    body = body.strip()
    if not body:
        text = _("Write a message.")
        raise SolutionError(text, {"body": [text]})
    side = "provider" if getattr(by, "role", None) == Role.PROVIDER else "enterprise"
    message = Message.objects.create(solution=solution, author=by, side=side, body=body[:4000])
    parties = {"enterprise": True, "broker": True} if side == "provider" else {"provider": True}
    tell(solution, "solution.message", audience(solution, by, **parties))
    return message
