from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketConfig(AppConfig):
    name = "vejviser.market"
    label = "market"
    verbose_name = _("Market and procurement")

    def ready(self) -> None:
        from vejviser.journey import tools
        from vejviser.journey.content import register_folder
        from vejviser.lib.capabilities import (
            register_demo,
            register_record_section,
            register_router,
        )

        from .api import router
        from .summaries import summary_html

        register_folder("market", "vejviser.market.core.content:parse")
        tools.register("market:needs", "market:needs", summary=summary_html, vendor=False)
        tools.register("market:catalogue", "market:catalogue", summary=summary_html, vendor=False)
        tools.register(
            "market:requirements", "market:requirements", summary=summary_html, vendor=False
        )
        tools.register(
            "market:tender-evaluation", "market:tenders", summary=summary_html, vendor=False
        )
        tools.register(
            "market:contract-checklist", "market:contract", summary=summary_html, vendor=False
        )
        register_demo("market", "vejviser.market.demo:load", order=40)
        register_router("market", router)
        register_record_section("market-requirements", "vejviser.market.record:requirements")
        register_record_section("tender-evaluation", "vejviser.market.record:tender_evaluation")
        register_record_section("product-facts", "vejviser.market.record:product_facts")
