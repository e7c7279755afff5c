from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    """Technology contracts, their R&D payments and evidence, and the post-contract subsidy (SPEC.md §9).
    The awards app (prizes, certificates) builds on it; it does not build on the awards."""

    name = "innochallenge.contracts"
    label = "contracts"
    verbose_name = _("Contracts and subsidies")
