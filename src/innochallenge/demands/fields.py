"""The fields of the official demand form (attachment 3 of the notice), shared by page, API, importers
and exporters.

A field's `name` is its API name (DESIGN.md). `zh` is the label printed on the official form, `en` the
English label; `aliases` are other spellings people really type in sheet headers and Word forms. The
layout below is the form's label/value grid: a pair of fields on one row, or one field on a long row whose
value cell spans three columns.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class FormField:
    name: str
    zh: str
    en: str
    aliases: tuple[str, ...] = field(default=())
    #: The option lists of a campaign this field chooses from ("" when it is free text).
    choices: str = ""
    many: bool = False
    #: The field that holds the text of an "other" option.
    other: str = ""
    #: Hint printed in the value cell of a blank form.
    hint: str = ""

    @property
    def label(self):
        return _LABELS[self.name]


_LABELS = {
    "company_name": _("Company name"),
    "district": _("District"),
    "contact_name": _("Contact person"),
    "contact_phone": _("Contact phone"),
    "contact_title": _("Department and title"),
    "contact_email": _("E-mail"),
    "company_profile": _("Company profile"),
    "sales_bracket": _("Sales last year"),
    "title": _("Demand title"),
    "budget_wan": _("Budget (10k CNY)"),
    "industry_field": _("Industry field"),
    "industry_field_other": _("Industry field (other)"),
    "description": _("Demand description"),
    "cooperation_modes": _("Cooperation modes"),
    "cooperation_other": _("Cooperation mode (other)"),
    "broker_name": _("Technology broker"),
    "broker_phone": _("Broker phone"),
    "is_leading_enterprise": _("Leading innovative enterprise"),
}

#: The free texts of several lines (text areas on the page); every other text is one line.
MULTILINE = frozenset({"company_profile", "description"})

FIELDS: tuple[FormField, ...] = (
    FormField("company_name", "企业名称", "Company name", ("单位名称", "企业（单位）名称", "Company")),
    FormField("district", "所属地区", "District", ("地区", "所在地区", "City/District"), choices="districts"),
    FormField("contact_name", "联系人", "Contact person", ("Contact", "Contact name")),
    FormField("contact_phone", "联系方式", "Contact phone", ("联系人电话", "Phone", "Tel")),
    FormField(
        "contact_title", "所属部门及职务", "Department and title", ("部门及职务", "Job title", "Position")
    ),
    FormField("contact_email", "E-mail", "E-mail", ("邮箱", "电子邮箱", "Email")),
    FormField(
        "company_profile",
        "企业简介",
        "Company profile",
        ("Profile", "Company introduction"),
        hint="（介绍企业基本信息、主要产品及发展方向等，300字以内）",
    ),
    FormField(
        "sales_bracket",
        "企业上年度销售额",
        "Sales last year",
        ("上年度销售额", "Last-year sales", "Annual sales"),
        choices="sales_brackets",
    ),
    FormField("title", "技术需求名称", "Demand title", ("需求名称", "Title of the demand", "Demand name")),
    FormField(
        "budget_wan",
        "拟投入合作经费",
        "Budget (10k CNY)",
        ("拟投入合作经费（必填）", "合作经费", "Budget", "Budget (RMB 10k)"),
        hint="万元",
    ),
    FormField(
        "industry_field",
        "该需求所属产业领域",
        "Industry field",
        ("所属产业领域", "产业领域", "Field"),
        choices="industry_fields",
        other="industry_field_other",
    ),
    FormField(
        "description",
        "技术需求描述",
        "Demand description",
        ("技术需求描述（不少于50个字）", "需求描述", "Description"),
        hint="（精准描述所要解决的技术需求、预期达到的技术指标、规格等目标）",
    ),
    FormField(
        "cooperation_modes",
        "希望的合作方式",
        "Cooperation modes",
        ("合作方式", "Preferred cooperation", "Cooperation mode"),
        choices="cooperation_modes",
        many=True,
        other="cooperation_other",
    ),
    FormField("broker_name", "技术经纪人姓名", "Technology broker", ("技术经纪人", "Broker", "Broker name")),
    FormField("broker_phone", "联系电话", "Broker phone", ("技术经纪人电话", "经纪人联系电话")),
)

#: Only in sheets and the API (the paper form has no such box): the "other" texts and the leading flag.
EXTRA_FIELDS: tuple[FormField, ...] = (
    FormField("industry_field_other", "产业领域（其他）", "Industry field (other)", ("其他产业领域",)),
    FormField("cooperation_other", "合作方式（其它）", "Cooperation mode (other)", ("其它合作方式",)),
    FormField(
        "is_leading_enterprise",
        "创新型龙头企业",
        "Leading innovative enterprise",
        ("是否创新型龙头企业", "龙头企业", "Leading enterprise"),
    ),
)

BY_NAME: dict[str, FormField] = {f.name: f for f in FIELDS + EXTRA_FIELDS}

#: The rows of the official form: two fields side by side, or one field over the whole row.
FORM_ROWS: tuple[tuple[str, ...], ...] = (
    ("company_name", "district"),
    ("contact_name", "contact_phone"),
    ("contact_title", "contact_email"),
    ("company_profile",),
    ("sales_bracket",),
    ("title",),
    ("budget_wan",),
    ("industry_field",),
    ("description",),
    ("cooperation_modes",),
    ("broker_name", "broker_phone"),
)

#: Column order of sheets (xlsx/csv): the form's order, then the sheet-only fields.
SHEET_COLUMNS: tuple[str, ...] = tuple(f.name for f in FIELDS) + tuple(f.name for f in EXTRA_FIELDS)

#: Personal data: shown and exported only to roles allowed to see a demand's contacts.
CONTACT_FIELDS = frozenset(
    {"contact_name", "contact_phone", "contact_title", "contact_email", "broker_phone"}
)

_BRACKETS = re.compile(r"[（(【\[].*?[）)】\]]")
_NOISE = re.compile(r"[\s:：*＊]+")


def squash(text: str) -> str:
    """Fold a label or an option for comparison: NFKC (full-width → half-width), no spaces, colons,
    asterisks, lower case."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text or "")).lower()


def label_key(text: str) -> str:
    """Fold a label, also dropping bracketed notes such as （必填） or （不少于50个字）."""
    return squash(_BRACKETS.sub("", unicodedata.normalize("NFKC", text or "")))


# API names first, so that "title" is the demand's title whatever the aliases say.
_LOOKUP: dict[str, str] = {_f.name: _f.name for _f in FIELDS + EXTRA_FIELDS}
for _f in FIELDS + EXTRA_FIELDS:
    for _spelling in (_f.zh, _f.en, *_f.aliases):
        _LOOKUP.setdefault(label_key(_spelling), _f.name)
        _LOOKUP.setdefault(squash(_spelling), _f.name)
# 联系电话 on the form's last row is the broker's phone; on its own elsewhere it is the contact's.
_LOOKUP[label_key("联系电话")] = "broker_phone"


def field_for_label(text: str) -> str | None:
    """The field a label or a header names (Chinese, English or the API name), or None."""
    return _LOOKUP.get(squash(text)) or _LOOKUP.get(label_key(text))
