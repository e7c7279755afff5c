"""Small pieces of wording that differ between Chinese and English beyond the words themselves: how a
list of names is joined, how a label meets its value, how an aside is bracketed, how sentences follow
each other, how a rate reads.

Each separator comes from the catalog (a `pgettext` context of its own), so the Chinese forms — 、, ：,
（）, no space between sentences — sit with the other translations and a page, an export and a message
all write them the same way. The template filters of the same names are in `core.templatetags.words`."""

from collections.abc import Iterable
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext_noop, pgettext

#: Django's forms put `_(":")` after every label, and Django's own Chinese catalog answers ":" — an ASCII
#: colon after 企业名称. Ours answers "：" and is read first (`LOCALE_PATHS`); marked here so that
#: makemessages keeps the entry.
FORM_LABEL_SUFFIX = gettext_noop(":")


def join_list(items: Iterable) -> str:
    """Names in a list as the reader's language writes them: 甲、乙、丙 in Chinese, "a, b, c" in English."""
    return pgettext("list separator", ", ").join(str(item) for item in items)


def label(text) -> str:
    """A label before its value: "编号：" in Chinese, "Reference number: " in English."""
    return pgettext("label before its value", "%(label)s: ") % {"label": text}


def bracketed(text) -> str:
    """An aside after what it qualifies: " (Xiangcheng District)" in English, "（相城区）" in Chinese."""
    return pgettext("in brackets", " (%(text)s)") % {"text": text}


def join_sentences(*sentences) -> str:
    """Sentences one after the other: with a space in English, without one in Chinese (。 ends them).
    The catalog holds the pair "%(first)s %(second)s", not the bare space: an empty translation would
    read as a missing one."""
    kept = [str(s) for s in sentences if s]
    text = kept[0] if kept else ""
    for sentence in kept[1:]:
        text = pgettext("two sentences", "%(first)s %(second)s") % {"first": text, "second": sentence}
    return text


def percent(fraction, places: int | None = None) -> str:
    """A rate (a fraction of 1) as a percentage: 0.300 → "30%", 0.125 → "12.5%"; `places` fixes the
    decimals, else as many as the rate needs (at most two)."""
    if fraction is None or fraction == "":
        return ""
    value = Decimal(str(fraction)) * 100
    if places is None:
        value = value.quantize(Decimal("0.01")).normalize()
        places = max(0, -value.as_tuple().exponent)
    return f"{number_format(value, places)}%"
