from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SharingConfig(AppConfig):
    name = "vejviser.sharing"
    label = "sharing"
    verbose_name = _("Sharing")

    def ready(self) -> None:
        from vejviser.journey.tools import register
        from vejviser.lib.capabilities import register_demo, register_router, register_share_item

        from .api import router

        register("portfolio:share", "sharing:share", vendor=False)
        register_share_item("lessons", "vejviser.sharing.items:lessons")
        register_router("sharing", router)
        # after portfolio (60): the demo's organisations exist; after market and monitoring
        register_demo("sharing", "vejviser.sharing.demo:load", order=70)
