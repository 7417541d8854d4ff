"""The JSON API: one NinjaAPI, a Router per app. OpenAPI at /api/v1/openapi.json.

Authentication, token scopes and rate limits: :mod:`vejviser.lib.api_auth`. The error
answers and what they mean: :mod:`vejviser.lib.api_errors`.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from vejviser.journey.api import router as journey_router
from vejviser.lib.api_auth import AUTH, RateLimited
from vejviser.lib.api_errors import MEANING
from vejviser.lib.capabilities import routers
from vejviser.projects.api import router as projects_router

RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before the next request counts again.",
        "schema": {"type": "integer", "minimum": 1},
    }
}


class VejviserAPI(NinjaAPI):
    """The API; its OpenAPI document says what each error answer means."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema["paths"].values():
            for operation in operations.values():
                # one entry per status code: ninja keys its own by int, an operation's
                # ``openapi_extra`` by string; JSON would carry both as a duplicate key
                merged: dict[str, Any] = {}
                for code, answer in operation["responses"].items():
                    merged.setdefault(str(code), {}).update(answer)
                operation["responses"] = merged
                for code, answer in merged.items():
                    if int(code) in MEANING:
                        answer["description"] = MEANING[int(code)]
                    if int(code) == 429:
                        answer["headers"] = RETRY_AFTER
        return schema


api = VejviserAPI(
    title="Vejviser API",
    version="1",
    description="Journey content (read-only), projects and steps, and every capability's "
    "tools: assessments, validation runs (with file upload), business cases, market, "
    "monitoring, documents and the assistant. Authenticate with a bearer token "
    "(Account → API tokens; read or write, optionally limited to projects) or a logged-in "
    "session. See docs/api.md.",
    auth=AUTH,
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


@api.exception_handler(RateLimited)
def rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    response = api.create_response(request, {"detail": str(exc)}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


__all__ = ["api"]
