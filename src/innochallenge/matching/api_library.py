"""The achievement library over HTTP: bulk upsert, list, read, change and delete.

The bulk route is how a technology-transfer office's system (or the evaluation harness) fills the library:
up to 5000 achievements per call, all or nothing, errors keyed `items.<n>.<field>`. Contacts are personal
data and come back null for callers who may not see them.
"""

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from innochallenge.accounts.api import ErrorOut, bearer
from innochallenge.api_pagination import Pagination
from innochallenge.api_types import RowId
from innochallenge.core.schemas import InputSchema
from innochallenge.matching import library
from innochallenge.matching.models import Achievement

achievements_router = Router(tags=["achievements"], auth=bearer)
_RESPONSES = {403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
MAX_ITEMS = 5000


class AchievementIn(InputSchema):
    """One achievement as given: choices by code, Chinese or English name; fields left out stay as they
    are when the achievement (same title and owner) is already in the library."""

    MULTILINE = frozenset({"abstract"})

    external_id: str | None = Field(None, description="The achievement's id in the source system.")
    title: str | None = Field(None, description="Required; at most 300 characters.")
    abstract: str | None = None
    keywords: str | list[str] | None = Field(None, description="A list, or one text separated by ，,;；、")
    field: str | None = Field(None, description="Technology field.")
    owner: str | None = Field(None, description="Owner institution; with the title it identifies the item.")
    kind: str | None = Field(None, description="patent, paper, project or product (or 专利, 论文, …).")
    maturity: str | None = Field(None, description="concept, lab, pilot or industrial (or 概念, 中试, …).")
    ip_status: str | None = Field(
        None, description="patent_granted, patent_pending, know_how, licensed or to_develop."
    )
    contact_office: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None


class BulkIn(InputSchema):
    items: list[AchievementIn]


class BulkOut(Schema):
    created: int
    updated: int
    unchanged: int = Field(description="Already in the library with the same values.")
    duplicates: int = Field(description="Items repeated later in the same call (the later one counts).")
    ids: list[int] = Field(description="The id of each item kept, in the order given.")


def _contact(obj: Achievement, context, name: str) -> str | None:
    request = context["request"] if context else None
    if request is None or not request.user.has_perm("matching.view_achievement_contact"):
        return None
    return getattr(obj, name)


class AchievementOut(Schema):
    id: int
    external_id: str
    title: str
    abstract: str
    keywords: str = Field(description="Separated by ，")
    field: str
    owner: str
    kind: str
    maturity: str
    ip_status: str
    contact_office: str | None = Field(description="Personal data: null unless the caller may see it.")
    contact_name: str | None
    contact_email: str | None
    contact_phone: str | None
    source: str
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_contact_office(obj, context):
        return _contact(obj, context, "contact_office")

    @staticmethod
    def resolve_contact_name(obj, context):
        return _contact(obj, context, "contact_name")

    @staticmethod
    def resolve_contact_email(obj, context):
        return _contact(obj, context, "contact_email")

    @staticmethod
    def resolve_contact_phone(obj, context):
        return _contact(obj, context, "contact_phone")


class AchievementFilter(InputSchema):
    field: str | None = Field(None, description="Technology field, exactly.")
    kind: str | None = Field(None, description="patent, paper, project or product.")
    maturity: str | None = None
    owner: str | None = Field(None, description="Part of the owner institution's name.")

    def apply(self, achievements):
        lookups = {
            "field__iexact": self.field,
            "kind": self.kind,
            "maturity": self.maturity,
            "owner__icontains": self.owner,
        }
        return achievements.filter(**{k: v for k, v in lookups.items() if v})


def _require(request, perm: str, message: str) -> None:
    if not request.user.has_perm(perm):
        raise HttpError(403, message)


def _library(request):
    _require(request, "matching.view_achievements", _("Only the organiser and brokers see the library."))
    return Achievement.objects.all()


@achievements_router.post(
    "", response={200: BulkOut} | _RESPONSES, summary="Add or update achievements (bulk, all or nothing)"
)
def bulk_save(request, payload: BulkIn):
    _require(request, "matching.import_achievements", _("Only the organiser fills the library."))
    if len(payload.items) > MAX_ITEMS:
        message = _("At most %(n)s achievements per request.") % {"n": MAX_ITEMS}
        raise HttpError(422, message)
    rows = [item.dict(exclude_unset=True) for item in payload.items]
    try:
        report = library.save_achievements(rows, by=request.user, source="api")
    except library.AchievementsInvalid as exc:
        errors: dict[str, list[str]] = {}
        for e in exc.row_errors:
            errors.setdefault(f"items.{e.index}.{e.field}", []).append(e.message)
        raise library.LibraryError(exc.message, errors) from None  # named as the API's fields
    return {
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "duplicates": len(report.duplicates),
        "ids": report.ids,
    }


@achievements_router.get(
    "", response={200: list[AchievementOut], 403: ErrorOut}, summary="The library (organiser, brokers)"
)
@paginate(Pagination, page_size=50)
def list_achievements(request, filters: Query[AchievementFilter]):
    return filters.apply(_library(request)).order_by("-updated_at", "-pk")


@achievements_router.get("/{achievement_id}", response={200: AchievementOut} | _RESPONSES, summary="One")
def get_achievement(request, achievement_id: RowId):
    return get_object_or_404(_library(request), pk=achievement_id)


@achievements_router.patch(
    "/{achievement_id}", response={200: AchievementOut} | _RESPONSES, summary="Change an achievement"
)
def update_achievement(request, achievement_id: RowId, payload: AchievementIn):
    achievement = get_object_or_404(_library(request), pk=achievement_id)
    _require(request, "matching.change_achievement", _("Only the organiser changes the library."))
    return library.update_achievement(achievement, payload.dict(exclude_unset=True), by=request.user)


@achievements_router.delete(
    "/{achievement_id}", response={204: None} | _RESPONSES, summary="Remove an achievement"
)
def delete_achievement(request, achievement_id: RowId):
    achievement = get_object_or_404(_library(request), pk=achievement_id)
    _require(request, "matching.delete_achievement", _("Only the organiser changes the library."))
    library.delete_achievement(achievement, by=request.user)
    return Status(204, None)
