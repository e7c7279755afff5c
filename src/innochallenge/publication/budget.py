"""Budget bands: what the public sees of a budget shown "as a range", and what the budget filter uses,
so filtering never tells more than the band."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Band:
    low: Decimal
    high: Decimal | None  # None: no upper end

    @property
    def code(self) -> str:
        return f"{self.low:f}-{'' if self.high is None else f'{self.high:f}'}"

    @property
    def label(self) -> str:
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
