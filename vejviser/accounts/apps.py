from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "vejviser.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .roles import after_migrate

        # after the content apps' permissions exist (auth makes them on post_migrate too)
        post_migrate.connect(after_migrate, dispatch_uid="vejviser-content-editor-group")
