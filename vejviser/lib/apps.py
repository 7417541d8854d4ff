from __future__ import annotations

from django.apps import AppConfig


class LibConfig(AppConfig):
    """Shared helpers; an app only so that its management commands are found."""

    name = "vejviser.lib"
    label = "lib"

    def ready(self) -> None:
        # Before Django loads any catalogue: a .po edited since the last build is
        # compiled now, so the page shows the translator's change after a restart.
        from vejviser.kernel.catalogues import ensure_compiled

        ensure_compiled()
