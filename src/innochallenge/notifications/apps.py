from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "innochallenge.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # Issue 20 (SMS): registers the check that fails `check` on a wrong SMS_URL or SMS_QUIET_HOURS.
        from innochallenge.notifications.sms import checks  # noqa: F401, PLC0415
