"""The JSON API: one NinjaAPI, a Router per app. OpenAPI at /api/v1/openapi.json."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from ninja.security import HttpBearer, django_auth

from vejviser.accounts.models import ApiToken
from vejviser.journey.api import router as journey_router
from vejviser.lib.api_errors import MEANING
from vejviser.lib.capabilities import routers
from vejviser.projects.api import router as projects_router


class TokenAuth(HttpBearer):
    """``Authorization: Bearer vj_…`` — tokens are created under Account → API tokens."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        return ApiToken.objects.user_for(token)


class VejviserAPI(NinjaAPI):
    """The API; its OpenAPI document says what each error answer means."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for code, answer in operation["responses"].items():
                    if int(code) in MEANING:
                        answer["description"] = MEANING[int(code)]
        return schema


api = VejviserAPI(
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
