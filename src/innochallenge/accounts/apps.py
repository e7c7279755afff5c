from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "innochallenge.accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from innochallenge.accounts import (
            sessions,  # noqa: F401 - connects its signal receiver
            signins,  # noqa: F401 - connects its signal receivers
        )
