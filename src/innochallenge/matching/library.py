"""The achievement library (科技成果库): the rules of one achievement and the operations on the library.

One place for the import files, the command line, the API and the admin alike. An achievement is known by
its normalised title and owner (`dedupe_key`): saving the same achievement again updates it, so a library
can be re-imported every month from a technology-transfer office's export without growing duplicates.
Saving is all or nothing: one invalid row and nothing is written, the errors say row and field.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from innochallenge.audit import services as audit
from innochallenge.core.errors import StepRefused
from innochallenge.core.validators import validate_phone, validate_text
from innochallenge.demands.fields import squash
from innochallenge.matching.enums import AchievementKind, Maturity
from innochallenge.matching.models import Achievement
from innochallenge.matching.signals import achievements_changed
from innochallenge.solutions.enums import IPStatus

if TYPE_CHECKING:
    from innochallenge.accounts.models import User

#: Rows per batch: big enough for 100,000 rows in seconds, small enough for SQLite's limits.
CHUNK = 1000
#: Keys looked up per `IN (…)` query (SQLite allows 999 parameters on old builds).
LOOKUP_CHUNK = 900
KEYWORD_SEPARATORS = re.compile(r"[，,;；、\n]+")
_SPACES = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[。！？!?；;]|\.(?!\d)")

#: Labels of the fields as the importer's report and the pages name them ("title" alone is ambiguous).
LABELS = {
    "title": pgettext_lazy("achievement", "Title"),
    "abstract": pgettext_lazy("achievement", "Abstract"),
    "keywords": pgettext_lazy("achievement", "Keywords"),
    "field": pgettext_lazy("achievement", "Technology field"),
    "owner": pgettext_lazy("achievement", "Owner institution"),
    "kind": pgettext_lazy("achievement", "Kind"),
    "maturity": pgettext_lazy("achievement", "Maturity"),
    "ip_status": pgettext_lazy("achievement", "Intellectual property"),
    "contact_office": pgettext_lazy("achievement", "Technology-transfer office"),
    "contact_name": pgettext_lazy("achievement", "Contact person"),
    "contact_email": pgettext_lazy("achievement", "Contact e-mail"),
    "contact_phone": pgettext_lazy("achievement", "Contact phone"),
    "external_id": pgettext_lazy("achievement", "Identifier at the source"),
}
FIELDS = tuple(LABELS)
#: The texts of several lines; the rest are one line (keywords are joined into one).
MULTILINE = frozenset({"abstract"})
CONTACT_FIELDS = ("contact_office", "contact_name", "contact_email", "contact_phone")
_TEXT_FIELDS = ("title", "abstract", "field", "owner", "external_id", *CONTACT_FIELDS)
_MAX_LENGTH = {name: Achievement._meta.get_field(name).max_length for name in (*_TEXT_FIELDS, "keywords")}

#: Other spellings people use for the choices, besides the code and the Chinese and English labels.
SPELLINGS = {
    "kind": {
        AchievementKind.PATENT: ("专利", "发明专利", "实用新型", "实用新型专利", "patents"),
        AchievementKind.PAPER: ("论文", "文章", "期刊论文", "article", "papers"),
        AchievementKind.PROJECT: ("项目", "课题", "科研项目", "projects"),
        AchievementKind.PRODUCT: ("产品", "样机", "新产品", "products"),
    },
    "maturity": {
        Maturity.CONCEPT: ("概念", "概念阶段", "构想", "理论研究", "idea"),
        Maturity.LAB: ("实验室", "实验室阶段", "小试", "研发阶段", "lab", "laboratory stage"),
        Maturity.PILOT: ("中试", "中试阶段", "试生产", "pilot stage"),
        Maturity.INDUSTRIAL: ("产业化", "已产业化", "量产", "批量生产", "industrialised", "commercial"),
    },
    "ip_status": {
        IPStatus.PATENT_GRANTED: ("已授权", "授权专利", "专利已授权", "granted"),
        IPStatus.PATENT_PENDING: ("专利申请中", "已申请专利", "申请中", "pending"),
        IPStatus.KNOW_HOW: ("技术秘密", "专有技术", "未申请专利", "know-how"),
        IPStatus.LICENSED: ("第三方许可", "已许可", "licensed"),
        IPStatus.TO_DEVELOP: ("待开发", "项目中开发", "to develop"),
    },
}
CHOICES = {"kind": AchievementKind, "maturity": Maturity, "ip_status": IPStatus}


def normalise(text: str) -> str:
    """NFKC (full-width → half-width), case-folded, runs of white space as one space, trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text or "").casefold()).strip()


def dedupe_key(title: str, owner: str) -> str:
    """What makes two achievements the same: their normalised title and owner."""
    return hashlib.sha256(f"{normalise(title)}\x1f{normalise(owner)}".encode()).hexdigest()


def title_from_abstract(abstract: str, limit: int = 60) -> str:
    """A stand-in title for records that have none (papers of the evaluation sets): the abstract's first
    sentence, cut to `limit` characters. A decimal point ("P<0.05") does not end a sentence."""
    text = _SPACES.sub(" ", (abstract or "").strip())
    first = _SENTENCE_END.split(text, maxsplit=1)[0].strip() or text
    return first[:limit].strip()


@cache
def _choice_lookup(name: str) -> dict[str, str]:
    enum = CHOICES[name]
    lookup: dict[str, str] = {}
    for member in enum:
        spellings = [member.value, *SPELLINGS[name].get(member, ())]
        for lang in ("en", "zh-hans"):
            with translation.override(lang):
                spellings.append(str(member.label))
        lookup.update(dict.fromkeys((squash(s) for s in spellings), member.value))
    return lookup


def choice_names(name: str) -> str:
    return "、".join(str(member.label) for member in CHOICES[name])


class LibraryError(StepRefused):
    """The library cannot take this: `errors` maps each field to its messages (`__all__` for the rest)."""


@dataclass
class RowError:
    index: int  # position of the row in what was given, from 0
    field: str
    message: str

    @property
    def label(self) -> str:
        return str(LABELS.get(self.field, ""))


class AchievementsInvalid(LibraryError):
    """Some rows of a batch are invalid, so none was saved. `row_errors` lists every one."""

    def __init__(self, row_errors: list[RowError]):
        errors: dict[str, list[str]] = {}
        for e in row_errors:
            errors.setdefault(f"{e.index}.{e.field}" if e.field else str(e.index), []).append(e.message)
        super().__init__(_("Nothing was saved: %(n)s errors.") % {"n": len(row_errors)}, errors)
        self.row_errors = row_errors


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool | dict | list | tuple):
        raise ValidationError(_("Give a text here."))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _keywords(value) -> str:
    items = value if isinstance(value, list | tuple) else KEYWORD_SEPARATORS.split(_text(value))
    words = [_text(v) for v in items]
    return "，".join(dict.fromkeys(w for w in words if w))


def _choice(value, name: str) -> str:
    text = _text(value)
    if not text:
        return ""
    found = _choice_lookup(name).get(squash(text))
    if found is None:
        raise ValidationError(
            _("“%(value)s” is not one of: %(choices)s.") % {"value": text, "choices": choice_names(name)}
        )
    return found


def _clean_value(name: str, value):
    if name == "keywords":
        text = _keywords(value)
    elif name in CHOICES:
        return _choice(value, name)
    else:
        text = _text(value)
    validate_text(text, multiline=name in MULTILINE)
    limit = _MAX_LENGTH[name]
    if limit and len(text) > limit:
        raise ValidationError(
            _("At most %(max)s characters are allowed; this has %(count)s.")
            % {"max": limit, "count": len(text)}
        )
    if name == "title" and not text:
        raise ValidationError(_("The title is required."))
    if text and name == "contact_email":
        try:
            validate_email(text)
        except ValidationError:
            raise ValidationError(_("Enter a valid e-mail address.")) from None
    if text and name == "contact_phone":
        validate_phone(text)
    return text


def clean_achievement(data: dict, *, partial: bool = False) -> tuple[dict, dict[str, list[str]]]:
    """Clean values of one achievement and the errors by field. Only the fields given are cleaned
    (a sheet without a contact column leaves the contacts alone); the title is required unless `partial`.
    """
    names = [n for n in FIELDS if n in data]
    if not partial and "title" not in data:
        names.insert(0, "title")
    clean, errors = {}, {}
    for name in names:
        try:
            clean[name] = _clean_value(name, data.get(name))
        except ValidationError as exc:
            errors[name] = [str(m) for m in exc.messages]
    return clean, errors


@dataclass
class SaveReport:
    """What a batch did. `ids` follow the order of the rows kept (a repeated row keeps its last copy)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    #: (index of the row dropped, index of the later row that won)
    duplicates: list[tuple[int, int]] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)


def validate_rows(
    rows: Iterable[dict], progress: Callable | None = None
) -> tuple[list[dict], list[RowError]]:
    cleaned, problems = [], []
    rows = list(rows)
    for index, row in enumerate(rows):
        clean, errors = clean_achievement(row)
        cleaned.append(clean)
        problems.extend(RowError(index, name, m) for name, messages in errors.items() for m in messages)
        if progress and (index + 1) % CHUNK == 0:
            progress(index + 1, len(rows), _("Checked %(n)s rows") % {"n": index + 1})
    return cleaned, problems


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


@transaction.atomic
def save_achievements(
    rows: Iterable[dict], *, by: User, source: str, progress: Callable | None = None
) -> SaveReport:
    """Add or update a batch of achievements, all or nothing.

    Rows are raw values (strings as found in a file, JSON from the API). Raises `AchievementsInvalid` when
    any row is invalid. A row whose title and owner match an achievement already in the library updates it
    (only the fields the row gives); a row repeated later in the batch gives way to the later one.
    One audit entry records the batch; `achievements_changed` is sent with the new and changed ids.
    """
    cleaned, problems = validate_rows(rows, progress)
    if problems:
        raise AchievementsInvalid(problems)
    report = SaveReport()
    last: dict[str, int] = {}
    for index, clean in enumerate(cleaned):
        key = dedupe_key(clean["title"], clean.get("owner", ""))
        if key in last:
            report.duplicates.append((last[key], index))
        last[key] = index
    kept = sorted(last.items(), key=lambda item: item[1])
    ids: dict[str, int] = {}
    changed_ids: list[int] = []
    now = timezone.now()
    done = 0
    for chunk in _chunks(kept, CHUNK):
        existing = {
            row["dedupe_key"]: row
            for part in _chunks([k for k, _i in chunk], LOOKUP_CHUNK)
            for row in Achievement.objects.filter(dedupe_key__in=part).values("pk", "dedupe_key", *FIELDS)
        }
        new, updates = [], {}
        for key, index in chunk:
            clean = cleaned[index]
            if key not in existing:
                new.append(Achievement(dedupe_key=key, source=source[:200], **clean))
                continue
            old = existing[key]
            ids[key] = old["pk"]
            if all(clean[n] == old[n] for n in clean):
                report.unchanged += 1
                continue
            given = tuple(n for n in FIELDS if n in clean)  # one group per file: the columns it has
            updates.setdefault(given, []).append(
                Achievement(pk=old["pk"], updated_at=now, source=source[:200], **clean)
            )
            changed_ids.append(old["pk"])
        Achievement.objects.bulk_create(new, batch_size=CHUNK)
        if any(a.pk is None for a in new):  # pragma: no cover - databases that return no ids
            fresh = Achievement.objects.filter(dedupe_key__in=[a.dedupe_key for a in new])
            new = list(fresh.only("pk", "dedupe_key"))
        ids.update((a.dedupe_key, a.pk) for a in new)
        changed_ids.extend(a.pk for a in new)
        report.created += len(new)
        for given, objects in updates.items():
            _update_many(objects, [*given, "source", "updated_at"])
            report.updated += len(objects)
        done += len(chunk)
        if progress:
            progress(done, len(kept), _("Saved %(n)s achievements") % {"n": done})
    report.ids = [ids[key] for key, _i in kept]
    _record_batch(report, changed_ids, by=by, source=source)
    _announce(changed_ids)
    return report


def _update_many(achievements: list[Achievement], names: list[str]) -> None:
    """One prepared UPDATE run for every row. `bulk_update` builds a CASE per field and row in Python,
    a millisecond a row: 100,000 changed achievements took two minutes; this takes seconds."""
    meta, quote = Achievement._meta, connection.ops.quote_name
    fields = [meta.get_field(name) for name in names]
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"
    params = [
        [f.get_db_prep_save(getattr(a, f.attname), connection) for f in fields] + [a.pk] for a in achievements
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


class _Library:
    """Stands for the whole library in the audit trail: a batch touches many achievements at once."""

    _meta = Achievement._meta
    pk = ""

    def __init__(self, source: str):
        self.source = source

    def __str__(self) -> str:
        return self.source


def _record_batch(report: SaveReport, changed_ids: list[int], *, by: User, source: str) -> None:
    changes = {
        "created": [None, report.created],
        "updated": [None, report.updated],
        "unchanged": [None, report.unchanged],
        "duplicates": [None, len(report.duplicates)],
        # The first thousand ids: enough to follow a monthly import, not a megabyte per entry.
        "ids": [None, changed_ids[:1000]],
    }
    audit.record(actor=by, action="achievements.imported", obj=_Library(source), changes=changes)


def _announce(ids: list[int]) -> None:
    if ids:
        ids = list(ids)
        transaction.on_commit(lambda: achievements_changed.send(sender=Achievement, ids=ids))


def _snapshot(achievement: Achievement) -> dict:
    return audit.snapshot(achievement, [*FIELDS, "owner_user_id", "source"])


@transaction.atomic
def update_achievement(achievement: Achievement, data: dict, *, by: User) -> Achievement:
    """Change the fields given. A new title or owner is checked against the rest of the library."""
    clean, errors = clean_achievement(data, partial=True)
    if errors:
        raise LibraryError(_("The achievement is not valid."), errors)
    if "owner_user" in data:  # who receives pushes: set by the organiser, not read from files
        clean["owner_user"] = data["owner_user"]
    before = _snapshot(achievement)
    for name, value in clean.items():
        setattr(achievement, name, value)
    key = dedupe_key(achievement.title, achievement.owner)
    if Achievement.objects.filter(dedupe_key=key).exclude(pk=achievement.pk).exists():
        message = _("The library already holds an achievement with this title and owner.")
        raise LibraryError(message, {"title": [message]})
    achievement.dedupe_key = key
    changes = audit.diff(before, _snapshot(achievement))
    if changes:
        achievement.save(update_fields=[*clean, "dedupe_key", "updated_at"])
        audit.record(actor=by, action="achievement.updated", obj=achievement, changes=changes)
        _announce([achievement.pk])
    return achievement


@transaction.atomic
def delete_achievement(achievement: Achievement, *, by: User) -> None:
    """Remove an achievement from the library; the audit entry keeps what it said."""
    pk = achievement.pk
    audit.record(actor=by, action="achievement.deleted", obj=achievement, changes=_snapshot(achievement))
    achievement.delete()
    _announce([pk])
