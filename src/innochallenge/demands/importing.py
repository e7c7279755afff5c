"""Import demand forms: Word files of the official form, Excel and CSV sheets with one demand per row.

Each file is all or nothing: if any demand in it has an error, none is saved and the report lists every
row, field and message. A demand whose company and title are already filed is reported and skipped, never
duplicated. Imported demands arrive submitted, recording who imported them and from which file.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from innochallenge.campaigns.models import Campaign
from innochallenge.core.uploads import UploadError, zip_parts
from innochallenge.demands import once, services
from innochallenge.demands.enums import DemandStatus, Source
from innochallenge.demands.fields import squash
from innochallenge.demands.io import FormFileError
from innochallenge.demands.io.docx_form import read_forms
from innochallenge.demands.io.options import Option, Options
from innochallenge.demands.io.sheets import read_sheet
from innochallenge.demands.models import Demand
from innochallenge.demands.validation import validate_demand

if TYPE_CHECKING:
    from innochallenge.accounts.models import User

SUFFIXES = (".docx", ".xlsx", ".csv")


@dataclass
class Problem:
    row: int | None
    field: str
    label: str
    message: str


@dataclass
class FileReport:
    name: str
    #: "imported", "refused" (errors, nothing saved) or "unreadable"
    outcome: str = "imported"
    #: what a problem's `row` counts: "row" of a sheet, or "form" of a Word file (which may hold several)
    unit: str = "row"
    created: list[str] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.outcome == "imported"

    def as_dict(self) -> dict:
        return asdict(self) | {"ok": self.ok}


def campaign_options(campaign: Campaign) -> Options:
    """The campaign's option lists in the form the file readers match against."""

    def options(queryset, with_text: bool = False) -> list[Option]:
        return [
            Option(
                name=o.name,
                spellings=tuple(s for s in (o.name_en, o.code) if s),
                requires_text=bool(getattr(o, "requires_text", False)) if with_text else False,
            )
            for o in queryset
        ]

    return {
        "districts": options(campaign.districts.all()),
        "sales_brackets": options(campaign.sales_brackets.all()),
        "industry_fields": options(campaign.industry_fields.all(), True),
        "cooperation_modes": options(campaign.cooperation_modes.all(), True),
    }


def read_file(name: str, data: bytes, options: Options) -> list[tuple[int, dict]]:
    """The raw demands of one file with their row numbers (sheet rows; form numbers in a Word file)."""
    suffix = Path(name).suffix.lower()
    if suffix in (".docx", ".xlsx"):
        try:  # the pages refuse a bomb at upload; files given to the command line and the worker too
            zip_parts(io.BytesIO(data))
        except UploadError as exc:
            raise FormFileError(f"{name}: {exc}") from None
    if suffix == ".docx":
        return list(enumerate(read_forms(data, options), start=1))
    if suffix in (".xlsx", ".csv"):
        return read_sheet(data, name)
    raise FormFileError(
        _("%(name)s: only .docx forms and .xlsx or .csv sheets can be imported.") % {"name": name}
    )


def where(unit: str, number: int) -> str:
    """Where in the file, as the person who sent it counts: 第 3 行 of a sheet, 第 2 份征集表 of a Word file.
    The report pages word it in their template; this is for the command line."""
    if unit == "form":
        return _("Form %(n)s") % {"n": number}
    return _("Row %(n)s") % {"n": number}


def _key(company: str, title: str) -> tuple[str, str]:
    return squash(company), squash(title)


def import_file(
    campaign: Campaign,
    name: str,
    data: bytes,
    *,
    by: User,
    options: Options | None = None,
    existing: set[tuple[str, str]] | None = None,
) -> FileReport:
    """Import one file, all or nothing. `options` and `existing` may be passed in to share them across
    the files of a batch."""
    report = FileReport(name=name, unit="form" if Path(name).suffix.lower() == ".docx" else "row")
    options = options if options is not None else campaign_options(campaign)
    try:
        rows = read_file(name, data, options)
    except FormFileError as exc:
        report.outcome = "unreadable"
        report.problems.append(Problem(None, "", "", str(exc)))
        return report
    if not rows:
        report.outcome = "unreadable"
        report.problems.append(Problem(None, "", "", _("The file holds no demand.")))
        return report
    if existing is None:
        existing = existing_keys(campaign)
    seen: dict[tuple[str, str], int] = {}
    accepted: list[tuple[int, dict]] = []
    for row, raw in rows:
        checked = validate_demand(campaign, raw, complete=True)
        if not checked.ok:
            report.problems.extend(Problem(row, f, label, message) for f, label, message in checked.labelled)
            continue
        clean = checked.cleaned
        district = clean["district"]
        if not services.may_file_in(by, district):
            report.problems.append(
                Problem(
                    row,
                    "district",
                    checked.label("district"),
                    _("You may import only demands of your own district."),
                )
            )
            continue
        key = _key(clean["company_name"], clean["title"])
        if key in existing or key in seen:
            report.duplicates.append(
                {
                    "row": row,
                    "company_name": clean["company_name"],
                    "title": clean["title"],
                }
            )
            continue
        seen[key] = row
        accepted.append((row, raw))
    if report.problems:
        report.outcome = "refused"
        return report
    with transaction.atomic():
        for _row, raw in accepted:
            demand = services.create_demand(
                campaign, raw, by=by, source=Source.IMPORT, source_file=name, submit=True
            )
            report.created.append(demand.reference)
    existing.update(seen)
    return report


def read_one_form(campaign: Campaign, data: bytes) -> dict:
    """The one demand form in an enterprise's Word file; FormFileError when it cannot be read or holds
    several (a district imports those)."""
    found = read_forms(data, campaign_options(campaign))
    if len(found) != 1:
        raise FormFileError(
            _("This file holds %(n)s forms: upload one form at a time, or ask your district to import them.")
            % {"n": len(found)}
        )
    return found[0]


def draft_from_word(
    campaign: Campaign, raw: dict, name: str, *, by: User, submission_key: str = "", consented: bool = False
):
    """File an enterprise's own Word form as its draft. Returns (demand, outcome): "created"; "resent"
    when this page already filed it (the same upload sent twice, or twice at once); "filed" when the
    enterprise already filed a demand with the same company and title. DemandError as create_demand."""
    earlier = once.earlier_demand(by, submission_key)
    if earlier is not None:
        return earlier, "resent"
    filed = same_demand(campaign, by, raw)
    if filed is not None:
        return filed, "filed"
    try:
        demand = services.create_demand(
            campaign,
            raw,
            by=by,
            source=Source.WORD,
            source_file=name,
            submission_key=submission_key,
            consented=consented,
        )
    except IntegrityError:  # the other of two simultaneous uploads filed it
        earlier = once.earlier_demand(by, submission_key)
        if earlier is None:
            raise
        return earlier, "resent"
    return demand, "created"


def same_demand(campaign: Campaign, user, raw: dict) -> Demand | None:
    """A demand this user's organisation (or this user) already filed under the same company and title."""
    key = _key(str(raw.get("company_name", "")), str(raw.get("title", "")))
    mine = Demand.objects.filter(campaign=campaign).exclude(status=DemandStatus.WITHDRAWN)
    if getattr(user, "organisation_id", None):
        mine = mine.filter(organisation=user.organisation_id)
    else:
        mine = mine.filter(created_by=user)
    for demand in mine.only("pk", "number", "campaign", "company_name", "title", "status"):
        if _key(demand.company_name, demand.title) == key:
            return demand
    return None


def existing_keys(campaign: Campaign) -> set[tuple[str, str]]:
    return {
        _key(c, t) for c, t in Demand.objects.filter(campaign=campaign).values_list("company_name", "title")
    }


def import_files(
    campaign: Campaign,
    files: list[tuple[str, bytes]],
    *,
    by: User,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[FileReport]:
    """Import several files, each on its own; `progress(done, total, message)` after each one."""
    options = campaign_options(campaign)
    existing = existing_keys(campaign)
    reports = []
    for i, (name, data) in enumerate(files, start=1):
        reports.append(import_file(campaign, name, data, by=by, options=options, existing=existing))
        if progress:
            progress(i, len(files), name)
    return reports
