from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationConfig(AppConfig):
    name = "innochallenge.publication"
    verbose_name = _("Publication")

    def ready(self):
        # Models load only once the apps are ready, and the panel's module reads them.
        from innochallenge.demands import panels  # noqa: PLC0415
        from innochallenge.publication.panels import publication  # noqa: PLC0415

        panels.offer("publication", publication)
