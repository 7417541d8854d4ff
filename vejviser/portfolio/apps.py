from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "vejviser.portfolio"
    label = "portfolio"
    verbose_name = _("Portfolio")

    def ready(self) -> None:
        from vejviser.journey import tools
        from vejviser.journey.content import register_folder
        from vejviser.lib.capabilities import (
            register_demo,
            register_portfolio_facts,
            register_project_panel,
            register_share_item,
        )

        register_demo("portfolio", "vejviser.portfolio.demo:load", order=60)
        register_project_panel("portfolio", "vejviser.portfolio.panels:portfolio_link")
        register_project_panel("record", "vejviser.portfolio.panels:record_link")
        # the AI system record's mappings onto the registers' standards
        register_folder("portfolio", "vejviser.portfolio.core.record:parse")
        register_share_item("record", "vejviser.portfolio.record:share_record")
        # the record is the hospital's: a vendor never opens it
        tools.register("portfolio:record", "portfolio:record-tool", vendor=False)
        register_portfolio_facts("record", "vejviser.portfolio.record:portfolio_facts")
