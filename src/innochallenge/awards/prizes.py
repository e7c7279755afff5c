"""Confirming and withdrawing award winners, and the prize budget (SPEC §5). The committee confirms
winners one by one among the nominees (`awards.nominations`); a category never has more winners than its
quota (`AwardCategory.count`, no limit when empty): the category row is locked while its winners are
counted, so two organisers confirming at once cannot both take the last place."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from innochallenge.audit import services as audit
from innochallenge.awards.models import Winner
from innochallenge.awards.nominations import Nominee
from innochallenge.campaigns.models import AwardCategory
from innochallenge.core.errors import StepRefused

if TYPE_CHECKING:
    from innochallenge.accounts.models import User


class PrizeError(StepRefused):
    """Confirming or withdrawing a winner refused."""


def confirm_winner(category: AwardCategory, nominee: Nominee, *, by: User) -> Winner:
    with transaction.atomic():
        category = AwardCategory.objects.select_for_update().get(pk=category.pk)
        confirmed = Winner.objects.filter(category=category).count()
        if category.count is not None and confirmed >= category.count:
            raise PrizeError(
                ngettext(
                    "“%(award)s” has a quota of %(count)d winner and it is already taken.",
                    "“%(award)s” has a quota of %(count)d winners and all of them are already confirmed.",
                    category.count,
                )
                % {"award": category.name, "count": category.count},
                conflict=True,
            )
        fields = nominee.winner_fields()
        evidence = {"line": nominee.evidence, "score": nominee.score, **nominee.figures}
        try:
            with transaction.atomic():
                winner = Winner.objects.create(
                    category=category,
                    rank=nominee.rank,
                    evidence=audit.plain(evidence),
                    confirmed_by=by,
                    **fields,
                )
        except IntegrityError:
            raise PrizeError(
                _("%(name)s has already won “%(award)s”.") % {"name": nominee.name, "award": category.name},
                conflict=True,
            ) from None
        audit.record(
            actor=by,
            action="award.winner_confirmed",
            obj=winner,
            changes=audit.diff({}, audit.snapshot(winner)),
            note=nominee.evidence,
        )
    return winner


def withdraw_winner(winner: Winner, *, by: User, reason: str = "") -> None:
    """Take a confirmation back (a mistake, or a winner found ineligible); the place is free again."""
    with transaction.atomic():
        AwardCategory.objects.select_for_update().get(pk=winner.category_id)
        audit.record(
            actor=by,
            action="award.winner_withdrawn",
            obj=winner,
            changes=audit.diff(audit.snapshot(winner), {}),
            note=reason,
        )
        winner.delete()


@dataclass
class BudgetLine:
    category: AwardCategory
    count: int | None
    prize_yuan: Decimal
    total_yuan: Decimal  # count × prize: what the campaign sets aside
    confirmed: int
    confirmed_yuan: Decimal  # winners confirmed so far × prize


@dataclass
class Budget:
    lines: list[BudgetLine]

    @property
    def total_yuan(self) -> Decimal:
        """The prize money in all: each category's quota times its prize; a category without a fixed
        number (the organising-unit title) and a prize of 0 add nothing."""
        return sum((line.total_yuan for line in self.lines), Decimal(0))

    @property
    def confirmed_yuan(self) -> Decimal:
        return sum((line.confirmed_yuan for line in self.lines), Decimal(0))


def prize_budget(campaign) -> Budget:
    categories = campaign.award_categories.all()
    confirmed = dict(
        Winner.objects.filter(category__campaign=campaign)
        .order_by()
        .values_list("category")
        .annotate(n=Count("pk"))
    )
    lines = []
    for category in categories:
        n = confirmed.get(category.pk, 0)
        lines.append(
            BudgetLine(
                category,
                category.count,
                category.prize_yuan,
                category.total_yuan,
                n,
                category.prize_yuan * n,
            )
        )
    return Budget(lines)
