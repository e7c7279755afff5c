from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The top of the house: the home pages and menu, the demo, serving, backups and the worker. It may
    import every app; `core` below it imports none."""

    name = "innochallenge.site"
    label = "site"
    verbose_name = _("Site")
