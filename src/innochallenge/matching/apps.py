from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "innochallenge.matching"
    verbose_name = _("Matching")

    def ready(self):
        # The index follows every change; the import job registers its kind.
        from innochallenge.demands import panels  # noqa: PLC0415
        from innochallenge.matching import jobs, receivers  # noqa: F401, PLC0415
        from innochallenge.matching.panels import matches  # noqa: PLC0415

        panels.offer("matches", matches)
