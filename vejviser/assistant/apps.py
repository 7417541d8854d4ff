from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistantConfig(AppConfig):
    name = "vejviser.assistant"
    label = "assistant"
    verbose_name = _("Assistant")

    def ready(self) -> None:
        # Register this module's tools on the journey steps here, e.g.
        # tools.register("business-case", "value:case").
        pass
