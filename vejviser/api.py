"""The JSON API: one NinjaAPI, a Router per app. OpenAPI at /api/v1/openapi.json."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.security import HttpBearer, django_auth

from vejviser.accounts.models import ApiToken
from vejviser.journey.api import router as journey_router
from vejviser.lib.capabilities import routers
from vejviser.projects.api import router as projects_router


class TokenAuth(HttpBearer):
    """``Authorization: Bearer vj_…`` — tokens are created under Account → API tokens."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        return ApiToken.objects.user_for(token)


api = NinjaAPI(
    title="Vejviser API",
    version="1",
    description="Journey content (read-only), projects and steps. "
    "Authenticate with a bearer token or a logged-in session.",
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
)
api.add_router("/journey", journey_router)
api.add_router("/", projects_router)
for prefix, router in routers():  # each capability's router, registered in its ready()
    api.add_router(f"/{prefix}", router)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": "Forbidden"}, status=403)


__all__ = ["api"]
