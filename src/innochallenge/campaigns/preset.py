"""Campaign presets: the data file that makes an edition (schema, validation, load, export).

A preset is YAML (or JSON, which YAML reads too). Its schema is `PresetFile` below and is documented in
README.md. Loading is an idempotent upsert keyed by the campaign's slug and each item's code: loading
the same file twice changes nothing and writes no audit entry the second time.
"""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from innochallenge.campaigns.enums import AwardBasis, EventKind, OrganiserRole, Stage

PRESET_DIR = Path(__file__).resolve().parent / "presets"

Code = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=50)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Bilingual(Strict):
    zh: Text
    en: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] = ""


class Window(Strict):
    starts_on: dt.date
    ends_on: dt.date

    @model_validator(mode="after")
    def _ordered(self):
        if self.ends_on < self.starts_on:
            raise ValueError("ends_on is before starts_on")
        return self


class OrganiserIn(Bilingual):
    role: OrganiserRole


class Item(Bilingual):
    code: Code


class DistrictIn(Item):
    demand_target: int = Field(ge=0)
    leading_min: int = Field(ge=0)
    leading_max: int = Field(ge=0)
    min_demands_per_leading: int = Field(ge=0)
    #: Enterprises of this district may get the post-contract subsidy (inside the subsidy region).
    subsidised: bool = True

    @model_validator(mode="after")
    def _range(self):
        if self.leading_max < self.leading_min:
            raise ValueError("leading_max is smaller than leading_min")
        return self


class ChoiceIn(Item):
    requires_text: bool = False


class BracketIn(Item):
    lower_wan: Decimal | None = Field(default=None, ge=0)
    upper_wan: Decimal | None = Field(default=None, gt=0)


class AwardIn(Item):
    basis: AwardBasis
    count: int | None = Field(default=None, ge=0)
    prize_yuan: Decimal = Field(default=Decimal(0), ge=0, decimal_places=2)


class SubsidyIn(Strict):
    rate: Decimal = Field(ge=0, le=1, decimal_places=3)
    cap_yuan: Decimal = Field(ge=0, decimal_places=2)
    region: Bilingual


class DiagnosisIn(Strict):
    """How service teams rate a demand: authenticity aside, each assessment runs from 1 to `scale_max`."""

    scale_max: int = Field(default=5, ge=3, le=10)


class TermsIn(Strict):
    zh: Annotated[str, StringConstraints(strip_whitespace=True, max_length=20000)] = ""
    en: Annotated[str, StringConstraints(strip_whitespace=True, max_length=20000)] = ""


class SolutionsIn(Strict):
    """How solutions are taken: the largest attachment, the days an enterprise has to answer, and the
    confidentiality terms a provider accepts before reading a confidential demand."""

    attachment_max_mb: int = Field(default=20, ge=1, le=200)
    response_days: int = Field(default=30, ge=1, le=365)
    confidentiality_terms: TermsIn = TermsIn()


class PrivacyIn(Strict):
    """Personal information (PIPL): how many years after the awards (the end of the ceremony window) the
    campaign keeps people's personal data; the privacy notice states it and erase-expired erases after it."""

    retention_years: int = Field(default=3, ge=1, le=30)


class MatchingIn(Strict):
    """How the matching engine ranks for this edition: weights over the defaults of
    `matching/engine/ranking.py`, domain words the segmenter keeps whole, preferred provider regions."""

    weights: dict[
        Literal["lexical", "dense", "keywords", "smooth", "field", "mode", "budget", "maturity", "region"],
        Annotated[float, Field(ge=0, le=10)],
    ] = {}
    domain_words: list[
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=30)]
    ] = []
    preferred_regions: list[Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]] = []


class EventsIn(Strict):
    """Matchmaking events: what a meeting is worth to the scheduler, by priority."""

    weights: dict[Literal["must", "should", "nice"], Annotated[int, Field(ge=0, le=1000)]] = {}


class CriterionIn(Item):
    """One thing judges score, from 0 to `scale_max`, counting `weight` times in a judge's total."""

    weight: float = Field(default=1, ge=0, le=100)
    scale_max: int = Field(default=10, ge=1, le=100)


def _criteria(*rows: tuple[str, str, str]) -> list[CriterionIn]:
    return [CriterionIn(code=c, zh=zh, en=en) for c, zh, en in rows]


class JudgingIn(Strict):
    """The special competition and the final (SPEC §4.6–4.7): criteria with weights and scales, how
    many demands reach the final, the fewest non-conflicted judges per entry, how many highest and lowest
    totals the trimmed mean drops, which aggregate ranks (all three are shown side by side), and whether
    experts pre-screen solutions without the providers' names.
    The number of solutions of a demand is computed, never scored."""

    special_criteria: list[CriterionIn] = Field(
        default_factory=lambda: _criteria(
            ("funding", "资金实力", "Funding capacity"),
            ("innovation", "创新性", "Innovativeness"),
            ("completeness", "完整性", "Completeness"),
            ("clarity", "清晰度", "Clarity"),
            ("representativeness", "行业代表性", "Industry representativeness"),
        ),
        min_length=1,
    )
    final_criteria: list[CriterionIn] = Field(
        default_factory=lambda: _criteria(
            ("completeness", "完整性", "Completeness"),
            ("feasibility", "可行性", "Feasibility"),
            ("fit", "与企业需求的契合度", "Fit with the enterprise"),
        ),
        min_length=1,
    )
    finalists: int = Field(default=10, ge=1, le=1000)
    min_judges: int = Field(default=3, ge=1, le=50)
    trim: int = Field(default=1, ge=0, le=10)
    method: Literal["mean", "trimmed_mean", "zscore"] = "zscore"
    anonymous_prescreen: bool = False

    @model_validator(mode="after")
    def _unique_codes(self):
        for key in ("special_criteria", "final_criteria"):
            codes = [c.code for c in getattr(self, key)]
            dupes = sorted({c for c in codes if codes.count(c) > 1})
            if dupes:
                raise ValueError(f"{key}: code repeated: {', '.join(dupes)}")
        return self


class PresetFile(Strict):
    """The whole preset; `format` lets a future version change the layout without guessing."""

    format: Literal[1] = 1
    slug: Code
    name: Bilingual
    theme: Bilingual | None = None
    starts_on: dt.date
    ends_on: dt.date
    liaison_due_date: dt.date
    leading_channel: Bilingual
    organisers: list[OrganiserIn] = []
    windows: dict[Stage, Window]
    districts: list[DistrictIn] = Field(min_length=1)
    industry_fields: list[ChoiceIn] = Field(min_length=1)
    sales_brackets: list[BracketIn] = Field(min_length=1)
    cooperation_modes: list[ChoiceIn] = Field(min_length=1)
    awards: list[AwardIn] = []
    subsidy: SubsidyIn
    diagnosis: DiagnosisIn = DiagnosisIn()
    solutions: SolutionsIn = SolutionsIn()
    matching: MatchingIn = MatchingIn()
    events: EventsIn = EventsIn()
    judging: JudgingIn = JudgingIn()
    privacy: PrivacyIn = PrivacyIn()
    event_name_templates: dict[EventKind, Bilingual] = {}

    @model_validator(mode="after")
    def _consistent(self):
        problems = []
        if self.ends_on < self.starts_on:
            problems.append("ends_on is before starts_on")
        missing = [s.value for s in Stage if s not in self.windows]
        if missing:
            problems.append("windows: missing " + ", ".join(missing))
        for key in ("districts", "industry_fields", "sales_brackets", "cooperation_modes", "awards"):
            items = getattr(self, key)
            for attr in ("code", "zh"):
                seen = [getattr(i, attr) for i in items]
                dupes = sorted({v for v in seen if seen.count(v) > 1})
                if dupes:
                    problems.append(f"{key}: {attr} repeated: {', '.join(dupes)}")
        if problems:
            raise ValueError("; ".join(problems))
        return self


class PresetError(ValueError):
    """A preset that cannot be read or loaded. `problems` lists one line per mistake, field first."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def _location(loc: tuple) -> str:
    return ".".join(str(part) for part in loc) or "(file)"


def validate(data: object) -> PresetFile:
    try:
        return PresetFile.model_validate(data)
    except ValidationError as exc:
        raise PresetError(
            [f"{_location(err['loc'])}: {err['msg'].removeprefix('Value error, ')}" for err in exc.errors()]
        ) from exc


def read(source: str | Path) -> PresetFile:
    """A bundled preset by name (`hs2021`) or a preset file by path, validated."""
    path = Path(source)
    if not path.exists() and (PRESET_DIR / f"{source}.yaml").exists():
        path = PRESET_DIR / f"{source}.yaml"
    if not path.exists():
        bundled = ", ".join(sorted(p.stem for p in PRESET_DIR.glob("*.yaml")))
        raise PresetError([f"{source}: no such file and no bundled preset of that name (bundled: {bundled})"])
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise PresetError([f"{path.name}: not a readable YAML or JSON file ({exc})"]) from exc
    return validate(data)


def dump(preset: PresetFile, path: Path) -> None:
    """Write a preset as JSON when the name ends in .json, else as YAML."""
    data = preset.model_dump(mode="json", exclude_defaults=False)
    if path.suffix.lower() == ".json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    path.write_text(text, encoding="utf-8")


def bundled_names() -> list[str]:
    return sorted(p.stem for p in PRESET_DIR.glob("*.yaml"))
