from __future__ import annotations

from typing import Any

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class LibConfig(AppConfig):
    """Shared helpers; an app so that its management commands are found and the
    database cache table exists wherever the database is migrated."""

    name = "vejviser.lib"
    label = "lib"

    def ready(self) -> None:
        # Before Django loads any catalogue: a .po edited since the last build is
        # compiled now, so the page shows the translator's change after a restart.
        from vejviser.kernel.catalogues import ensure_compiled

        ensure_compiled()
        # once per migrate: post_migrate is sent per app with models (this app has none)
        sessions = apps.get_app_config("sessions")
        post_migrate.connect(create_cache_table, sender=sessions)


def create_cache_table(using: str = "default", **_: Any) -> None:
    """The database cache's table (settings.CACHES), after every ``migrate``: the cache
    is shared by every process, so it lives in the database. Idempotent."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
