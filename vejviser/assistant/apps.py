from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistantConfig(AppConfig):
    name = "vejviser.assistant"
    label = "assistant"
    verbose_name = _("Assistant")

    def ready(self) -> None:
        from vejviser.journey.content import register_folder
        from vejviser.lib.capabilities import register_router

        from .api import router

        register_folder("knowledge", "vejviser.assistant.core.corpus:parse_knowledge")
        register_router("assistant", router)
