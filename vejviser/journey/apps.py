from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JourneyConfig(AppConfig):
    name = "vejviser.journey"
    label = "journey"
    verbose_name = _("Journey content")

    def ready(self) -> None:
        from .content import connect_signals

        connect_signals()
