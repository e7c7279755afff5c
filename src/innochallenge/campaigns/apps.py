from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "innochallenge.campaigns"
    verbose_name = _("Campaigns")

    def ready(self) -> None:
        from innochallenge.campaigns import jobs  # noqa: F401, PLC0415 - the apps are not ready before ready()
