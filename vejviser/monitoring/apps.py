from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "vejviser.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring in operation")

    def ready(self) -> None:
        from vejviser.journey import tools
        from vejviser.journey.content import register_folder
        from vejviser.lib.capabilities import (
            register_demo,
            register_portfolio_facts,
            register_project_panel,
            register_record_section,
            register_router,
            register_share_item,
        )

        from .api import router
        from .panels import step_summary

        register_folder("monitoring", "vejviser.monitoring.core.content:parse")
        tools.register("monitoring", "monitoring:plan", summary=step_summary)
        register_demo("monitoring", "vejviser.monitoring.demo:load", order=50)
        register_router("monitoring", router)
        register_project_panel("monitoring", "vejviser.monitoring.panels:open_alerts")
        register_record_section("monitoring-plan", "vejviser.monitoring.record:plan")
        register_share_item("monitoring", "vejviser.monitoring.share:monitoring_summary")
        # its columns on management's portfolio
        register_portfolio_facts("monitoring", "vejviser.monitoring.portfolio:portfolio_facts")
