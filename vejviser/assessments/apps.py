from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: The assessments a journey step can link to as the tool ``assessment:<name>``.
ASSESSMENTS = ("ai-act", "mdr", "gdpr", "approvals", "procurement")


class AssessmentsConfig(AppConfig):
    name = "vejviser.assessments"
    label = "assessments"
    verbose_name = _("Assessments")

    def ready(self) -> None:
        from vejviser.journey import tools
        from vejviser.journey.content import register_folder
        from vejviser.lib.capabilities import (
            register_demo,
            register_portfolio_facts,
            register_router,
        )

        from .api import router
        from .templatetags.assessments import summary_html

        register_folder("assessments", "vejviser.assessments.core.loader:parse")
        register_demo("assessments", "vejviser.assessments.demo:load_demo_assessments", order=20)
        register_router("assessments", router)
        for name in ASSESSMENTS:
            tools.register(f"assessment:{name}", f"assessments:{name}", summary=summary_html)
        # its columns on management's portfolio
        register_portfolio_facts("assessments", "vejviser.assessments.portfolio:portfolio_facts")
