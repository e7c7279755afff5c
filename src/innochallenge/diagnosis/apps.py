from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiagnosisConfig(AppConfig):
    name = "innochallenge.diagnosis"
    verbose_name = _("Diagnosis")

    def ready(self):
        # Models load only once the apps are ready, and the panel's module reads them.
        from innochallenge.demands import panels  # noqa: PLC0415
        from innochallenge.diagnosis.panels import review  # noqa: PLC0415

        panels.offer("review", review)
