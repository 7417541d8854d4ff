"""While the database does not answer (PostgreSQL restarting, a failover), a request
gets ``503 Service Unavailable`` with ``Retry-After`` — which proxies, load balancers and
API clients understand as "try again shortly" — instead of a 500. The connection that
failed is closed, and the next request opens a new one (``CONN_HEALTH_CHECKS``), so the
app recovers by itself when the database is back (docs/operations.md, fault tests)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

log = logging.getLogger("vejviser.ops")

RETRY_AFTER_SECONDS = 5


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not isinstance(exc, OperationalError | InterfaceError):
            return None
        log.warning("database unavailable: %s", type(exc).__name__, exc_info=exc)
        for connection in connections.all(initialized_only=True):
            connection.close_if_unusable_or_obsolete()
        text = _("Vejviser cannot reach its database just now. Try again in a moment.")
        response: HttpResponse
        if request.path.startswith("/api/"):
            response = JsonResponse({"detail": text}, status=503)
        else:
            response = HttpResponse(
                f'<!doctype html><meta charset="utf-8"><title>503</title><p>{escape(text)}</p>',
                status=503,
            )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
