"""`manage check` (and every command that runs the checks) refuses a wrong SMS_URL or SMS_QUIET_HOURS,
so a typo stops the deployment instead of the first reminder of the night."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from innochallenge.notifications.sms.config import get_backend
from innochallenge.notifications.sms.text import quiet_hours


@checks.register()
def check_sms_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    problems = []
    for check_id, read in (("sms.E001", get_backend), ("sms.E002", quiet_hours)):
        try:
            read()
        except ImproperlyConfigured as exc:
            problems.append(checks.Error(str(exc), id=check_id))
    return problems
