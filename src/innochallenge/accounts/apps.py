from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "innochallenge.accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        # Each module connects its signal receivers.
        from innochallenge.accounts import middleware, sessions, signins  # noqa: F401, PLC0415
