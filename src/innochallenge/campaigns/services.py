from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Model, ProtectedError

from innochallenge.audit import services as audit
from innochallenge.campaigns import preset as presets
from innochallenge.campaigns.enums import Stage
from innochallenge.campaigns.models import (
    AwardCategory,
    Campaign,
    CooperationMode,
    District,
    EventNameTemplate,
    IndustryField,
    Liaison,
    Organiser,
    SalesBracket,
    StageWindow,
)

if TYPE_CHECKING:
    from innochallenge.accounts.models import User


@dataclass
class LoadResult:
    campaign: Campaign
    created: bool
    changes: dict = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return self.created or bool(self.changes)


def _campaign_values(p: presets.PresetFile) -> dict:
    return {
        "name": p.name.zh,
        "name_en": p.name.en,
        "theme": p.theme.zh if p.theme else "",
        "theme_en": p.theme.en if p.theme else "",
        "starts_on": p.starts_on,
        "ends_on": p.ends_on,
        "liaison_due_date": p.liaison_due_date,
        "leading_channel_name": p.leading_channel.zh,
        "leading_channel_name_en": p.leading_channel.en,
        "subsidy_rate": p.subsidy.rate,
        "subsidy_cap_yuan": p.subsidy.cap_yuan,
        "subsidy_region": p.subsidy.region.zh,
        "subsidy_region_en": p.subsidy.region.en,
        "diagnosis_scale_max": p.diagnosis.scale_max,
        "attachment_max_mb": p.solutions.attachment_max_mb,
        "solution_response_days": p.solutions.response_days,
        "confidentiality_terms": p.solutions.confidentiality_terms.zh,
        "confidentiality_terms_en": p.solutions.confidentiality_terms.en,
        "matching_weights": dict(p.matching.weights),
        "matching_words": list(p.matching.domain_words),
        "matching_regions": list(p.matching.preferred_regions),
        "meeting_weights": dict(p.events.weights),
        "judging": p.judging.model_dump(mode="json"),
        "privacy_retention_years": p.privacy.retention_years,
    }


def _item_values(item, position: int, **extra) -> dict:
    values = {"code": item.code, "name": item.zh, "name_en": item.en, "position": position}
    return values | extra


def _sync(campaign: Campaign, model: type[Model], key: str, rows: list[dict], label: str) -> dict:
    """Upsert `rows` (each with its `key`) into the campaign's `model` rows, delete the rest.

    Returns `{"<label>.<key>.<field>": [before, after]}` for every value that changed.
    """
    changes: dict = {}
    existing = {getattr(obj, key): obj for obj in model._default_manager.filter(campaign=campaign)}
    for values in rows:
        ident = values[key]
        obj = existing.pop(ident, None)
        if obj is None:
            model._default_manager.create(campaign=campaign, **values)
            changes[f"{label}.{ident}"] = [None, "created"]
            continue
        before = audit.snapshot(obj, list(values))
        for name, value in values.items():
            setattr(obj, name, value)
        after = audit.snapshot(obj, list(values))
        delta = audit.diff(before, after)
        if delta:
            obj.full_clean(exclude=["campaign"], validate_unique=False, validate_constraints=False)
            obj.save(update_fields=list(delta))
            changes.update({f"{label}.{ident}.{name}": pair for name, pair in delta.items()})
    for ident, obj in existing.items():
        try:
            obj.delete()
        except ProtectedError as exc:
            raise presets.PresetError(
                [f"{label}.{ident}: still in use, cannot be removed from the campaign"]
            ) from exc
        changes[f"{label}.{ident}"] = ["deleted", None]
    return changes


@transaction.atomic
def load_preset(preset: presets.PresetFile, *, by: User | None = None) -> LoadResult:
    """Create or update the campaign described by a validated preset. Idempotent."""
    values = _campaign_values(preset)
    campaign = Campaign.objects.select_for_update().filter(slug=preset.slug).first()
    created = campaign is None
    changes: dict = {}
    if campaign is None:
        campaign = Campaign.objects.create(slug=preset.slug, **values)
    else:
        before = audit.snapshot(campaign, list(values))
        for name, value in values.items():
            setattr(campaign, name, value)
        delta = audit.diff(before, audit.snapshot(campaign, list(values)))
        if delta:
            campaign.save(update_fields=[*delta, "updated_at"])
            changes.update(delta)

    parts = [
        (
            Organiser,
            "name",
            [
                {"name": o.zh, "name_en": o.en, "role": o.role, "position": i}
                for i, o in enumerate(preset.organisers)
            ],
            "organisers",
        ),
        (
            StageWindow,
            "stage",
            [
                {"stage": s.value, "starts_on": w.starts_on, "ends_on": w.ends_on}
                for s, w in preset.windows.items()
            ],
            "windows",
        ),
        (
            District,
            "code",
            [
                _item_values(
                    d,
                    i,
                    demand_target=d.demand_target,
                    leading_min=d.leading_min,
                    leading_max=d.leading_max,
                    min_demands_per_leading=d.min_demands_per_leading,
                    subsidised=d.subsidised,
                )
                for i, d in enumerate(preset.districts)
            ],
            "districts",
        ),
        (
            IndustryField,
            "code",
            [_item_values(f, i, requires_text=f.requires_text) for i, f in enumerate(preset.industry_fields)],
            "industry_fields",
        ),
        (
            SalesBracket,
            "code",
            [
                _item_values(b, i, lower_wan=b.lower_wan, upper_wan=b.upper_wan)
                for i, b in enumerate(preset.sales_brackets)
            ],
            "sales_brackets",
        ),
        (
            CooperationMode,
            "code",
            [
                _item_values(m, i, requires_text=m.requires_text)
                for i, m in enumerate(preset.cooperation_modes)
            ],
            "cooperation_modes",
        ),
        (
            AwardCategory,
            "code",
            [
                _item_values(a, i, basis=a.basis, count=a.count, prize_yuan=a.prize_yuan)
                for i, a in enumerate(preset.awards)
            ],
            "awards",
        ),
        (
            EventNameTemplate,
            "kind",
            [
                {"kind": k.value, "template": t.zh, "template_en": t.en}
                for k, t in preset.event_name_templates.items()
            ],
            "event_name_templates",
        ),
    ]
    for model, key, rows, label in parts:
        changes.update(_sync(campaign, model, key, rows, label))

    if created:
        audit.record(actor=by, action="campaign.created_from_preset", obj=campaign)
    elif changes:
        audit.record(actor=by, action="campaign.preset_loaded", obj=campaign, changes=changes)
    return LoadResult(campaign=campaign, created=created, changes=changes)


def _bilingual(zh: str, en: str) -> dict:
    return {"zh": zh, "en": en}


def export_preset(campaign: Campaign) -> presets.PresetFile:
    """The campaign as a preset, so next year's edition can start from this year's."""

    def items(qs, *extra_fields):
        return [
            {"code": o.code, **_bilingual(o.name, o.name_en), **{k: getattr(o, k) for k in extra_fields}}
            for o in qs
        ]

    data = {
        "slug": campaign.slug,
        "name": _bilingual(campaign.name, campaign.name_en),
        "theme": _bilingual(campaign.theme, campaign.theme_en) if campaign.theme else None,
        "starts_on": campaign.starts_on,
        "ends_on": campaign.ends_on,
        "liaison_due_date": campaign.liaison_due_date,
        "leading_channel": _bilingual(campaign.leading_channel_name, campaign.leading_channel_name_en),
        "organisers": [{"role": o.role, **_bilingual(o.name, o.name_en)} for o in campaign.organisers.all()],
        "windows": {
            w.stage: {"starts_on": w.starts_on, "ends_on": w.ends_on} for w in campaign.windows.all()
        },
        "districts": items(
            campaign.districts.all(),
            "demand_target",
            "leading_min",
            "leading_max",
            "min_demands_per_leading",
            "subsidised",
        ),
        "industry_fields": items(campaign.industry_fields.all(), "requires_text"),
        "sales_brackets": items(campaign.sales_brackets.all(), "lower_wan", "upper_wan"),
        "cooperation_modes": items(campaign.cooperation_modes.all(), "requires_text"),
        "awards": items(campaign.award_categories.all(), "basis", "count", "prize_yuan"),
        "subsidy": {
            "rate": campaign.subsidy_rate,
            "cap_yuan": campaign.subsidy_cap_yuan,
            "region": _bilingual(campaign.subsidy_region, campaign.subsidy_region_en),
        },
        "diagnosis": {"scale_max": campaign.diagnosis_scale_max},
        "solutions": {
            "attachment_max_mb": campaign.attachment_max_mb,
            "response_days": campaign.solution_response_days,
            "confidentiality_terms": {
                "zh": campaign.confidentiality_terms,
                "en": campaign.confidentiality_terms_en,
            },
        },
        "matching": {
            "weights": campaign.matching_weights,
            "domain_words": campaign.matching_words,
            "preferred_regions": campaign.matching_regions,
        },
        "events": {"weights": campaign.meeting_weights},
        "judging": campaign.judging or {},
        "privacy": {"retention_years": campaign.privacy_retention_years},
        "event_name_templates": {
            t.kind: _bilingual(t.template, t.template_en) for t in campaign.event_name_templates.all()
        },
    }
    return presets.validate(data)


LIAISON_FIELDS = ["name", "title", "office_phone", "mobile", "wechat", "qq"]


@transaction.atomic
def save_liaison(district: District, *, by: User, **values) -> Liaison:
    """Create or update the district's liaison record (attachment 4), audited field by field."""
    found = Liaison.objects.select_for_update().filter(district=district).first()
    created = found is None
    liaison = found or Liaison(district=district)
    before = {} if created else audit.snapshot(liaison, LIAISON_FIELDS)
    for name in LIAISON_FIELDS:
        if name in values:
            setattr(liaison, name, values[name])
    liaison.updated_by = by
    liaison.full_clean()
    after = audit.snapshot(liaison, LIAISON_FIELDS)
    delta = audit.diff(before, after)
    if created or delta:
        liaison.save()
        audit.record(
            actor=by, action="liaison.created" if created else "liaison.updated", obj=liaison, changes=delta
        )
    return liaison


def shifted_preset(source: presets.PresetFile, *, slug: str, name_prefix: tuple[str, str], today: dt.date):
    """A copy of `source` under another slug with every date moved so collection opened 2 days ago."""
    delta = today - dt.timedelta(days=2) - source.windows[Stage.COLLECTION].starts_on

    def move(day: dt.date) -> dt.date:
        return day + delta

    data = source.model_dump()
    data["slug"] = slug
    data["name"] = {"zh": name_prefix[0] + source.name.zh, "en": name_prefix[1] + source.name.en}
    for key in ("starts_on", "ends_on", "liaison_due_date"):
        data[key] = move(data[key])
    for window in data["windows"].values():
        window["starts_on"] = move(window["starts_on"])
        window["ends_on"] = move(window["ends_on"])
    return presets.validate(data)
