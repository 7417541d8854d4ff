"""The error answers of the JSON API, as schemas for the OpenAPI document.

Every endpoint lists the error answers it can give next to its success answer::

    @router.patch("/…", response={200: StepOut, **errors(400, 401, 403, 404, 409, 422)})

so a client generator knows them. ``422`` is django-ninja's validation answer (a list of
problems, each with where and what); every other error is ``{"detail": "…"}``.
"""

from __future__ import annotations

from typing import Any

from ninja import Schema

#: What each error answer means, for the OpenAPI descriptions and the docs.
MEANING = {
    400: "The request body is not valid JSON, or the input was refused (see detail).",
    401: "No valid bearer token or logged-in session.",
    403: "Signed in, but not allowed (role, vendor, a read-only token writing, or a session "
    "request without CSRF token).",
    404: "Not found, or not visible to you (outsiders get 404, never a hint it exists).",
    409: "Edit conflict: someone saved it after you loaded it; detail names the version.",
    413: "The uploaded file is over the upload limits (size, rows or unpacked size).",
    422: "The input does not match the schema (detail lists each problem).",
    429: "Too many requests: wait the seconds in the Retry-After header.",
}


class Error(Schema):
    detail: str


class Problem(Schema):
    type: str
    loc: list[str | int]
    msg: str


class ValidationError(Schema):
    detail: list[Problem]


def errors(*codes: int) -> dict[int, Any]:
    """The response schemas of the given error codes, to merge into ``response={…}``."""
    unknown = set(codes) - set(MEANING)
    if unknown:
        raise ValueError(f"no error schema for {sorted(unknown)}")
    return {code: ValidationError if code == 422 else Error for code in codes}
