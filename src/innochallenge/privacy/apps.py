from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Personal information under PIPL: the privacy notice, the consents given to it, and the download of
    everything the site holds about a person. Erasure after the retention period is the retention app's."""

    name = "innochallenge.privacy"
    label = "privacy"
    verbose_name = _("Personal information")

    def ready(self):
        from innochallenge.privacy import jobs  # noqa: F401, PLC0415 - the apps are not ready before ready()
