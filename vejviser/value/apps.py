from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ValueConfig(AppConfig):
    name = "vejviser.value"
    label = "value"
    verbose_name = _("Value (business case)")

    def ready(self) -> None:
        from vejviser.journey import tools
        from vejviser.lib.capabilities import (
            register_demo,
            register_portfolio_facts,
            register_router,
            register_share_item,
        )

        from .api import router

        # the case holds the buyer's own cost expectations and award weights: not for vendors
        tools.register("business-case", "value:case", vendor=False)
        register_demo("value", "vejviser.value.demo:load_demo_cases", order=10)
        register_share_item("business-case", "vejviser.value.share:business_case_figures")
        register_router("value", router)
        # its columns on management's portfolio
        register_portfolio_facts("value", "vejviser.value.portfolio:portfolio_facts")
