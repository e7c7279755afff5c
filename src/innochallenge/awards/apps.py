from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class AwardsConfig(AppConfig):
    """The awards of the edition: winners by category, their certificates and the brokers' records. The
    rules (awards/rules.py) are loaded by django-rules' autodiscovery."""

    name = "innochallenge.awards"
    verbose_name = pgettext_lazy("menu", "Awards")
