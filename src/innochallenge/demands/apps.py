from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemandsConfig(AppConfig):
    name = "innochallenge.demands"
    verbose_name = _("Technology demands")

    def ready(self) -> None:
        from innochallenge.demands import jobs  # noqa: F401, PLC0415 - the apps are not ready before ready()
