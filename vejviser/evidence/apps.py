from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "vejviser.evidence"
    label = "evidence"
    verbose_name = _("Evidence (local validation)")

    def ready(self) -> None:
        from vejviser.journey import tools
        from vejviser.lib.capabilities import (
            register_demo,
            register_portfolio_facts,
            register_router,
            register_share_item,
        )

        from .api import router
        from .templatetags.evidence import summary_html

        register_demo("evidence", "vejviser.evidence.demo:load_demo_runs", order=30)
        register_router("evidence", router)
        tools.register("validation:retrospective", "evidence:runs", summary=summary_html)
        tools.register("validation:prospective", "evidence:runs", summary=summary_html)
        tools.register("validation:sample-size", "evidence:sample_size", summary=summary_html)
        register_share_item("validation", "vejviser.evidence.share:validation_summary")
        # its columns on management's portfolio
        register_portfolio_facts("evidence", "vejviser.evidence.portfolio:portfolio_facts")
