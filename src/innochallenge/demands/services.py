"""What can be done with demands: one function per use case, transactional and audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from innochallenge.accounts.enums import OrganisationKind, Role
from innochallenge.accounts.models import Organisation
from innochallenge.audit import services as audit
from innochallenge.campaigns.enums import Stage
from innochallenge.campaigns.models import Campaign, District
from innochallenge.demands.enums import (
    EDITABLE,
    Channel,
    DemandStatus,
    LeadingStatus,
    Source,
    demand_may_go,
)
from innochallenge.demands.errors import DemandError
from innochallenge.demands.lifecycle import set_demand_state
from innochallenge.demands.models import Demand, LeadingEnterprise, WindowExtension
from innochallenge.demands.validation import validate_demand

if TYPE_CHECKING:
    from innochallenge.accounts.models import User

#: Model fields set from the form's clean values (the many-to-many one is set apart).
FORM_FIELDS = (
    "company_name",
    "district",
    "contact_name",
    "contact_phone",
    "contact_title",
    "contact_email",
    "company_profile",
    "sales_bracket",
    "title",
    "budget_wan",
    "industry_field",
    "industry_field_other",
    "description",
    "cooperation_other",
    "broker_name",
    "broker_phone",
    "is_leading_enterprise",
)
_AUDITED = [f if f not in ("district", "sales_bracket", "industry_field") else f"{f}_id" for f in FORM_FIELDS]


@dataclass(frozen=True)
class Window:
    starts_on: dt.date
    ends_on: dt.date
    extended: bool = False

    def contains(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on


def collection_window(campaign: Campaign, district: District | None) -> Window | None:
    """When enterprises of `district` may submit: the campaign's collection window, or the district's
    extension when an organiser granted one."""
    window = campaign.windows.filter(stage=Stage.COLLECTION).first()
    if window is None:
        return None
    extension = WindowExtension.objects.filter(district=district).first() if district else None
    if extension and extension.ends_on > window.ends_on:
        return Window(window.starts_on, extension.ends_on, extended=True)
    return Window(window.starts_on, window.ends_on)


def bound_by_window(user) -> bool:
    """Enterprises submit inside the window; organisers, liaisons and the command line (no user) file
    paper forms whenever they arrive."""
    return user is not None and getattr(user, "role", None) not in (Role.ORGANISER, Role.LIAISON)


def check_window(campaign: Campaign, district: District | None, today: dt.date) -> None:
    window = collection_window(campaign, district)
    if window is None or window.contains(today):
        return
    params = {
        "district": district.display_name if district else campaign.display_name,
        "start": formats.date_format(window.starts_on, "DATE_FORMAT"),
        "end": formats.date_format(window.ends_on, "DATE_FORMAT"),
    }
    if today < window.starts_on:
        message = _("Demand collection for %(district)s opens on %(start)s (until %(end)s).") % params
    else:
        message = (
            _(
                "Demand collection for %(district)s ran from %(start)s to %(end)s and is closed now. "
                "Your draft is kept; ask your district's liaison if you still need to file it."
            )
            % params
        )
    raise DemandError(message, {"__all__": [message]}, conflict=True)


def values_of(demand: Demand, *, key: str = "name") -> dict:
    """The demand's form values as raw input (`key` = "name" for files, "code" for the page's widgets)."""
    values = {name: getattr(demand, name) for name in FORM_FIELDS}
    for name in ("district", "sales_bracket", "industry_field"):
        option = values[name]
        values[name] = getattr(option, key) if option else ""
    values["budget_wan"] = "" if demand.budget_wan is None else format(demand.budget_wan.normalize(), "f")
    values["cooperation_modes"] = (
        [getattr(m, key) for m in demand.cooperation_modes.all()] if demand.pk else []
    )
    return values


def _snapshot(demand: Demand) -> dict:
    values = audit.snapshot(demand, [*_AUDITED, "status", "channel"])
    values["cooperation_modes"] = sorted(demand.cooperation_modes.values_list("code", flat=True))
    return values


def _plain(data) -> dict:
    """A dict of raw values, also from a posted QueryDict (whose dict() would hold lists)."""
    if hasattr(data, "getlist"):
        return {k: data.getlist(k) if k == "cooperation_modes" else data.get(k) for k in data}
    return dict(data)


def _validated(campaign: Campaign, data: dict, *, complete: bool) -> dict:
    checked = validate_demand(campaign, data, complete=complete)
    if not checked.ok:
        raise DemandError(
            _("Please correct the fields marked below.") if complete else _("The draft cannot be saved."),
            checked.errors,
        )
    return checked.cleaned


def may_file_in(by, district: District | None) -> bool:
    """A liaison files and moves demands of his own district only (the web form, the API and the
    importers alike); the others file in any district."""
    return getattr(by, "role", None) != Role.LIAISON or district is None or district.pk == by.district_id


def _check_district(by, clean: dict) -> None:
    if not may_file_in(by, clean.get("district")):
        message = _("You may file demands only of your own district.")
        raise DemandError(message, {"district": [message]})


def _apply(demand: Demand, clean: dict) -> None:
    for name in FORM_FIELDS:
        if name in clean:
            setattr(demand, name, clean[name])


def _next_number(campaign: Campaign) -> int:
    # Lock the campaign row so two requests never take the same number (SQLite serialises writers).
    list(Campaign.objects.select_for_update().filter(pk=campaign.pk).values_list("pk", flat=True))
    return (Demand.objects.filter(campaign=campaign).aggregate(n=Max("number"))["n"] or 0) + 1


def enterprise_for(company_name: str) -> Organisation | None:
    """The enterprise an imported or staff-filed demand belongs to, created on first sight of its name."""
    name = company_name.strip()
    if not name:
        return None
    organisation, _created = Organisation.objects.get_or_create(kind=OrganisationKind.ENTERPRISE, name=name)
    return organisation


def channel_of(demand: Demand) -> str:
    if (
        demand.organisation_id
        and LeadingEnterprise.objects.filter(
            campaign=demand.campaign_id, organisation=demand.organisation_id, status=LeadingStatus.CONFIRMED
        ).exists()
    ):
        return Channel.LEADING
    return Channel.FIELD


@transaction.atomic
def create_demand(
    campaign: Campaign,
    data: dict,
    *,
    by: User,
    source: str = Source.ONLINE,
    source_district: District | None = None,
    source_file: str = "",
    submit: bool = False,
    today: dt.date | None = None,
    submission_key: str = "",
    consented: bool = False,
) -> Demand:
    """File a demand: a draft, or (with `submit`) a complete demand handed in at once. A demand with the
    same `submission_key` already filed makes this raise IntegrityError and save nothing.
    `consented`: the privacy notice was accepted on the intake form; the consent is recorded with the
    demand (for an enterprise user, as theirs; for staff filing for an enterprise, with the demand)."""
    clean = _validated(campaign, data, complete=submit)
    _check_district(by, clean)
    demand = Demand(
        campaign=campaign,
        source=source,
        source_district=source_district,
        created_by=by,
        submission_key=submission_key,
    )
    _apply(demand, clean)
    if getattr(by, "role", None) == Role.ENTERPRISE:
        demand.organisation = by.organisation
    else:
        demand.organisation = enterprise_for(demand.company_name)
    demand.source_file = source_file
    if source == Source.IMPORT:
        demand.imported_by = by
    if submit and bound_by_window(by):
        check_window(campaign, demand.district, today or timezone.localdate())
    demand.number = _next_number(campaign)
    demand.save()
    demand.cooperation_modes.set(clean.get("cooperation_modes") or [])
    audit.record(actor=by, action="demand.created", obj=demand, changes=audit.diff({}, _snapshot(demand)))
    if consented:
        from innochallenge.privacy import services as privacy  # noqa: PLC0415 - privacy builds on demands

        own = getattr(by, "role", None) == Role.ENTERPRISE
        privacy.record_consent(context="intake", user=by if own else None, demand=demand, by=by)
    if submit:
        # A batch of paper forms is not news to anyone: the importer's report says what arrived.
        _mark_submitted(demand, by=by, quiet=source == Source.IMPORT)
    return demand


@transaction.atomic
def update_demand(demand: Demand, data: dict, *, by: User, partial: bool = False) -> Demand:
    """Change a draft (or a demand sent back for revision). `partial` keeps the fields not given."""
    demand = Demand.objects.select_for_update().get(pk=demand.pk)
    if demand.status not in EDITABLE:
        raise DemandError(
            _("A demand that is %(status)s cannot be changed.") % {"status": demand.get_status_display()},
            conflict=True,
        )
    values = values_of(demand, key="code") | _plain(data) if partial else _plain(data)
    clean = _validated(demand.campaign, values, complete=False)
    _check_district(by, clean)
    before = _snapshot(demand)
    _apply(demand, clean)
    if getattr(by, "role", None) != Role.ENTERPRISE and demand.organisation is None:
        demand.organisation = enterprise_for(demand.company_name)
    demand.save()
    demand.cooperation_modes.set(clean.get("cooperation_modes") or [])
    changes = audit.diff(before, _snapshot(demand))
    if changes:
        audit.record(actor=by, action="demand.updated", obj=demand, changes=changes)
    return demand


@transaction.atomic
def submit_demand(demand: Demand, *, by: User, today: dt.date | None = None) -> Demand:
    """Hand a draft in: every rule of the form must hold, and (for enterprises) the window be open."""
    demand = Demand.objects.select_for_update().get(pk=demand.pk)
    if demand.status not in EDITABLE:
        raise DemandError(
            _("A demand that is %(status)s cannot be submitted.") % {"status": demand.get_status_display()},
            conflict=True,
        )
    _validated(demand.campaign, values_of(demand, key="code"), complete=True)
    if bound_by_window(by):
        check_window(demand.campaign, demand.district, today or timezone.localdate())
    _mark_submitted(demand, by=by)
    return demand


def _mark_submitted(demand: Demand, *, by: User, quiet: bool = False) -> None:
    before = _snapshot(demand)
    # A revision handed back goes straight to the broker who asked for it.
    resubmitted = demand.status == DemandStatus.NEEDS_REVISION and hasattr(demand, "assignment")
    demand.submitted_at = timezone.now()
    if demand.is_leading_enterprise and demand.organisation_id and demand.district_id:
        LeadingEnterprise.objects.get_or_create(
            campaign=demand.campaign,
            organisation=demand.organisation,
            defaults={"district": demand.district, "declared_by": by},
        )
    demand.channel = channel_of(demand)
    set_demand_state(
        demand,
        DemandStatus.UNDER_DIAGNOSIS if resubmitted else DemandStatus.SUBMITTED,
        by=by,
        fields=("submitted_at", "channel"),
        changes=audit.diff(before, _snapshot(demand)),
        quiet=quiet,
    )


@transaction.atomic
def withdraw_demand(demand: Demand, *, by: User, reason: str = "") -> Demand:
    demand = Demand.objects.select_for_update().get(pk=demand.pk)
    if not demand_may_go(demand.status, DemandStatus.WITHDRAWN):
        raise DemandError(_("This demand can no longer be withdrawn."), conflict=True)
    return set_demand_state(demand, DemandStatus.WITHDRAWN, by=by, reason=reason)


@transaction.atomic
def declare_leading(
    campaign: Campaign, organisation: Organisation, district: District, *, by: User
) -> LeadingEnterprise:
    """An enterprise says it is a 创新型龙头企业; its district's liaison will confirm or not."""
    declaration, created = LeadingEnterprise.objects.get_or_create(
        campaign=campaign, organisation=organisation, defaults={"district": district, "declared_by": by}
    )
    if not created and declaration.status == LeadingStatus.REFUSED:
        declaration.status, declaration.district, declaration.declared_by = (
            LeadingStatus.DECLARED,
            district,
            by,
        )
        declaration.decided_at = declaration.decided_by = None
        declaration.save()
    audit.record(
        actor=by, action="leading.declared", obj=declaration, changes={"status": [None, declaration.status]}
    )
    return declaration


@transaction.atomic
def decide_leading(
    declaration: LeadingEnterprise, *, confirm: bool, by: User, note: str = ""
) -> LeadingEnterprise:
    """The district confirms (or not) a leading enterprise; its demands move to the matching channel."""
    declaration = LeadingEnterprise.objects.select_for_update().get(pk=declaration.pk)
    before = declaration.status
    declaration.status = LeadingStatus.CONFIRMED if confirm else LeadingStatus.REFUSED
    declaration.decided_at, declaration.decided_by, declaration.note = timezone.now(), by, note
    declaration.save()
    channel = Channel.LEADING if confirm else Channel.FIELD
    moved = (
        Demand.objects.filter(campaign=declaration.campaign, organisation=declaration.organisation)
        .exclude(status=DemandStatus.DRAFT)
        .exclude(channel=channel)
        .update(channel=channel)
    )
    audit.record(
        actor=by,
        action="leading.confirmed" if confirm else "leading.refused",
        obj=declaration,
        changes={"status": [before, declaration.status], "demands_moved": [0, moved]},
        note=note,
    )
    return declaration


def check_extension(district: District, ends_on: dt.date) -> None:
    window = district.campaign.windows.filter(stage=Stage.COLLECTION).first()
    if window and ends_on <= window.ends_on:
        message = _("The extension must end after the campaign's collection window (%(end)s).") % {
            "end": formats.date_format(window.ends_on, "DATE_FORMAT")
        }
        raise DemandError(message, {"ends_on": [message]})


@transaction.atomic
def extend_collection(district: District, ends_on: dt.date, *, reason: str, by: User) -> WindowExtension:
    """Let one district's enterprises submit until `ends_on`."""
    if not reason.strip():
        raise DemandError(_("Give a reason for the extension."), {"reason": [_("This field is required.")]})
    check_extension(district, ends_on)
    extension = WindowExtension.objects.filter(district=district).first()
    before = audit.snapshot(extension, ["ends_on", "reason"]) if extension else {}
    extension = extension or WindowExtension(district=district)
    extension.ends_on, extension.reason, extension.granted_by = ends_on, reason.strip(), by
    extension.save()
    audit.record(
        actor=by,
        action="collection.extended",
        obj=extension,
        changes=audit.diff(before, audit.snapshot(extension, ["ends_on", "reason"])),
    )
    return extension
