from __future__ import annotations

from django.apps import AppConfig


class LibConfig(AppConfig):
    """Shared helpers; an app only so that its management commands are found."""

    name = "vejviser.lib"
    label = "lib"
