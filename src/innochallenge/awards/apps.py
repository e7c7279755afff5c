from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "innochallenge.awards"
    verbose_name = _("Awards, contracts and subsidies")

    def ready(self) -> None:
        from innochallenge.awards import rules_prizes  # noqa: F401, PLC0415 - the apps are not ready before ready()
