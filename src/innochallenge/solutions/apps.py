from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SolutionsConfig(AppConfig):
    name = "innochallenge.solutions"
    verbose_name = _("Solutions")

    def ready(self):
        # Models load only once the apps are ready, and the panel's module reads them.
        from innochallenge.demands import panels  # noqa: PLC0415
        from innochallenge.solutions.panels import solutions  # noqa: PLC0415

        panels.offer("solutions", solutions)
