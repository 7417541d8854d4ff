from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "vejviser.portfolio"
    label = "portfolio"
    verbose_name = _("Portfolio")

    def ready(self) -> None:
        from vejviser.lib.capabilities import register_demo, register_project_panel

        register_demo("portfolio", "vejviser.portfolio.demo:load", order=60)
        register_project_panel("portfolio", "vejviser.portfolio.panels:portfolio_link")
