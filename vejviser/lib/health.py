"""Health endpoints for load balancers and orchestrators; no login, no details.

- ``/health/live``: the process answers (200).
- ``/health/ready``: the database answers and the content is loaded (a
  ``ContentVersion`` exists): 200, else 503. Only "ok"/"failed" per check is shown,
  never an error text, host name or version.
"""

from __future__ import annotations

import logging

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

log = logging.getLogger("vejviser.health")


@never_cache
@require_GET
def live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def ready(request: HttpRequest) -> JsonResponse:
    checks = {"database": _database(), "content": _content()}
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        log.exception("health: the database does not answer")
        return "failed"
    return "ok"


def _content() -> str:
    from vejviser.journey.models import ContentVersion

    try:
        return "ok" if ContentVersion.objects.exists() else "failed"
    except Exception:
        log.exception("health: the content version cannot be read")
        return "failed"
