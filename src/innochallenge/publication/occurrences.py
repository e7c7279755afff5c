"""Where a hidden company name still appears in a demand's own text, for the broker who publishes it: each
field with a short excerpt around each occurrence, the variant marked. Publishing blots every one of them
(see `publication.names`); the list lets the broker rewrite the text rather than leave 某企业 in it."""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from innochallenge.demands.models import Demand
from innochallenge.publication.models import Publication
from innochallenge.publication.names import Variants, hidden_name

#: Characters of context either side of an occurrence.
CONTEXT = 20


@dataclass
class Occurrence:
    field: str
    snippets: list[SafeString]


def snippet(text: str, start: int, end: int, width: int = CONTEXT) -> SafeString:
    """`text[start:end]` marked, with `width` characters either side, escaped."""
    left, right = max(0, start - width), min(len(text), end + width)
    before = ("…" if left else "") + text[left:start]
    after = text[end:right] + ("…" if right < len(text) else "")
    return mark_safe(f"{escape(before)}<mark>{escape(text[start:end])}</mark>{escape(after)}")


def _fields(demand: Demand, publication: Publication | None) -> list[tuple[str, str]]:
    meta = Demand._meta
    fields = [
        (str(meta.get_field(name).verbose_name), getattr(demand, name))
        for name in ("title", "description", "industry_field_other", "cooperation_other")
    ]
    if publication is not None:
        pmeta = Publication._meta
        fields[2:2] = [
            (str(pmeta.get_field(name).verbose_name), getattr(publication, name))
            for name in ("title_en", "description_en")
        ]
    return fields


def occurrences(demand: Demand, names: Variants | None = None) -> list[Occurrence]:
    """Every field of `demand` (and of its publication, in English) where a variant of its hidden name
    appears; nothing when the name is shown publicly."""
    names = hidden_name(demand) if names is None else names
    if not names:
        return []
    publication = Publication.objects.filter(demand=demand).first()
    found = []
    for label, text in _fields(demand, publication):
        text = " ".join((text or "").split())
        matches = names.find(text)
        if matches:
            found.append(Occurrence(label, [snippet(text, start, end) for start, end in matches]))
    return found
