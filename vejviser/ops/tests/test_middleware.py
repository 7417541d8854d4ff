"""A database that does not answer gives 503 with Retry-After, never a 500."""

from __future__ import annotations

import json

from django.db import OperationalError
from django.test import RequestFactory
from django.utils import translation

from vejviser.ops.middleware import DatabaseUnavailableMiddleware


def _answer(path: str, exc: Exception):
    middleware = DatabaseUnavailableMiddleware(lambda request: None)  # type: ignore[arg-type,return-value]
    return middleware.process_exception(RequestFactory().get(path), exc)


def test_a_page_gets_503_with_retry_after_in_danish(db):
    with translation.override("da"):
        response = _answer("/projects/1/", OperationalError("connection refused"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "kan ikke nå sin database" in response.content.decode()
    assert "connection refused" not in response.content.decode()  # no internals shown


def test_the_api_gets_json_503(db):
    with translation.override("en"):
        response = _answer("/api/v1/projects", OperationalError("server closed the connection"))
    assert response.status_code == 503
    assert json.loads(response.content) == {
        "detail": "Vejviser cannot reach its database just now. Try again in a moment."
    }


def test_other_errors_are_left_alone():
    assert _answer("/", ValueError("a bug")) is None
