from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ValueConfig(AppConfig):
    name = "vejviser.value"
    label = "value"
    verbose_name = _("Value (business case)")

    def ready(self) -> None:
        from vejviser.journey import tools
        from vejviser.lib.capabilities import register_demo

        tools.register("business-case", "value:case")
        register_demo("value", "vejviser.value.demo:load_demo_cases", order=10)
