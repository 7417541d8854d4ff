from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "vejviser.evidence"
    label = "evidence"
    verbose_name = _("Evidence (local validation)")

    def ready(self) -> None:
        # Register this module's tools on the journey steps here, e.g.
        # tools.register("business-case", "value:case").
        pass
