from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "vejviser.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from vejviser.journey import tools
        from vejviser.journey.content import register_folder
        from vejviser.lib.capabilities import register_demo, register_router

        from .api import router
        from .tools import TOOLS, summary

        register_folder("documents", "vejviser.documents.core.content:parse")
        for tool_id in TOOLS:
            tools.register(tool_id, f"documents:open-{tool_id.split(':')[1]}", summary=summary)
        register_router("documents", router)
        register_demo("documents", "vejviser.documents.demo:load_demo_documents", order=90)
