from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ValueConfig(AppConfig):
    name = "vejviser.value"
    label = "value"
    verbose_name = _("Value (business case)")

    def ready(self) -> None:
        # Register this module's tools on the journey steps here, e.g.
        # tools.register("business-case", "value:case").
        pass
