"""A campaign's option lists as the file readers see them, and how a typed or ticked option is found."""

import re
import unicodedata
from dataclasses import dataclass

from innochallenge.demands.fields import squash


@dataclass(frozen=True)
class Option:
    name: str  # the canonical (Chinese) name
    spellings: tuple[str, ...] = ()  # other accepted spellings: the English name, the code
    requires_text: bool = False  # the "other" option, whose own text goes to a separate field

    @property
    def all_spellings(self) -> tuple[str, ...]:
        return (self.name, *self.spellings)


#: Keyed like FormField.choices: "districts", "sales_brackets", "industry_fields", "cooperation_modes".
Options = dict[str, list[Option]]


def match_option(text: str, options: list[Option]) -> Option | None:
    key = squash(text)
    return next((o for o in options if key in {squash(s) for s in o.all_spellings}), None)


def spelling_pattern(spelling: str) -> re.Pattern:
    """A spelling found in running text whatever the spaces inside it ("1000 万以下" = "1000万以下")."""
    chars = [re.escape(c) for c in unicodedata.normalize("NFKC", spelling) if not c.isspace()]
    return re.compile(r"\s*".join(chars), re.IGNORECASE)
