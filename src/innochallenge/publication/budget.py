"""Budget bands: what the public sees of a budget shown "as a range", and what the budget filter uses,
so filtering never tells more than the band."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _


def _english() -> bool:
    return (get_language() or "").startswith("en")


def _millions(wan: Decimal) -> str:
    return f"{wan / 100:g}"


def amount_label(wan: Decimal) -> str:
    """An exact budget as readers expect it: 120万元 in Chinese, CNY 1,200,000 in English."""
    if _english():
        return _("CNY %(yuan)s") % {"yuan": f"{wan * 10000:,.0f}"}
    return _("%(amount)s万元") % {"amount": format(wan.normalize(), "f")}


@dataclass(frozen=True)
class Band:
    low: Decimal
    high: Decimal | None  # None: no upper end

    @property
    def code(self) -> str:
        return f"{self.low:f}-{'' if self.high is None else f'{self.high:f}'}"

    @property
    def label(self) -> str:
        """In 万元 for Chinese readers, in millions of CNY for the others."""
        if _english():
            low, high = _millions(self.low), None if self.high is None else _millions(self.high)
            if not self.low:
                return _("under CNY %(high)s million") % {"high": high}
            if self.high is None:
                return _("CNY %(low)s million and more") % {"low": low}
            return _("CNY %(low)s–%(high)s million") % {"low": low, "high": high}
        if not self.low:
            return _("under %(high)s万元") % {"high": self.high}
        if self.high is None:
            return _("%(low)s万元 and more") % {"low": self.low}
        return _("%(low)s–%(high)s万元") % {"low": self.low, "high": self.high}

    def contains(self, amount: Decimal) -> bool:
        return amount >= self.low and (self.high is None or amount < self.high)

    def lookup(self, prefix: str = "budget_wan") -> Q:
        q = Q(**{f"{prefix}__gte": self.low})
        return q if self.high is None else q & Q(**{f"{prefix}__lt": self.high})


BANDS = tuple(
    Band(Decimal(low), None if high is None else Decimal(high))
    for low, high in ((0, 50), (50, 100), (100, 300), (300, 500), (500, 1000), (1000, None))
)


def band_of(amount: Decimal) -> Band:
    return next(b for b in BANDS if b.contains(amount)) if amount >= 0 else BANDS[0]


def band_by_code(code: str) -> Band | None:
    return next((b for b in BANDS if b.code == code), None)
