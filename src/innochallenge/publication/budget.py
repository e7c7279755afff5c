"""Budget bands: what the public sees of a budget shown "as a range", and what the budget filter uses,
so filtering never tells more than the band."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _


def _millions(wan: Decimal) -> str:
    return f"{wan / 100:g}"


def amount_label(wan: Decimal) -> str:
    """An exact budget as readers expect it: 120万元 in Chinese, CNY 1,200,000 in English."""
    return _("CNY %(yuan)s") % {"yuan": f"{wan * 10000:,.0f}", "wan": format(wan.normalize(), "f")}


@dataclass(frozen=True)
class Band:
    low: Decimal
    high: Decimal | None  # None: no upper end

    @property
    def code(self) -> str:
        return f"{self.low:f}-{'' if self.high is None else f'{self.high:f}'}"

    @property
    def label(self) -> str:
        """Chinese readers get 万元 (`low`, `high`), the others millions of CNY (`low_m`, `high_m`): every
        message gets both and its translation picks."""
        params = {"low": self.low, "high": self.high, "low_m": _millions(self.low)}
        params["high_m"] = None if self.high is None else _millions(self.high)
        if not self.low:
            return _("under CNY %(high_m)s million") % params
        if self.high is None:
            return _("CNY %(low_m)s million and more") % params
        return _("CNY %(low_m)s–%(high_m)s million") % params

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
