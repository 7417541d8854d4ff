"""The API's error answers: a null where the model has none is a 422 (never a 500),
and the OpenAPI document lists every error answer an endpoint gives."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from vejviser.accounts.models import ApiToken

TAGS = {"projects", "journey", "assistant"}
UNSAFE = {"post", "put", "patch", "delete"}


def auth(user: Any) -> dict[str, str]:
    _token, secret = ApiToken.issue(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _patch(client, step, body: dict[str, Any], headers: dict[str, str]):
    return client.patch(
        f"/api/v1/projects/{step.project_id}/steps/{step.pk}",
        json.dumps(body),
        content_type="application/json",
        **headers,
    )


@pytest.mark.parametrize("field", ["status", "notes", "decisions", "shared_with_vendor"])
def test_null_for_a_field_without_null_is_a_422_that_names_it(client, personas, field):
    step = personas.project.steps.first()
    response = _patch(client, step, {"version": step.version, field: None}, auth(personas.alice))
    assert response.status_code == 422
    assert any(field in problem["loc"] for problem in response.json()["detail"])
    fresh = type(step).objects.get(pk=step.pk)
    assert fresh.version == step.version, "nothing was saved"


def test_null_due_date_clears_it(client, personas):
    step = personas.project.steps.first()
    headers = auth(personas.alice)
    set_ = _patch(client, step, {"version": step.version, "due_date": "2030-01-31"}, headers)
    assert set_.status_code == 200
    cleared = _patch(client, step, {"version": set_.json()["version"], "due_date": None}, headers)
    assert cleared.status_code == 200
    assert cleared.json()["due_date"] is None


def _operations(client) -> list[tuple[str, str, dict[str, Any]]]:
    doc = client.get("/api/v1/openapi.json").json()
    return [
        (method, path, op)
        for path, ops in doc["paths"].items()
        for method, op in ops.items()
        if TAGS & set(op.get("tags", []))
    ]


def _types(schema: dict[str, Any]) -> set[str]:
    """The JSON types a parameter takes besides null."""
    options = schema.get("anyOf", [schema])
    return {o.get("type", "object") for o in options} - {"null"}


def _expected(method: str, op: dict[str, Any]) -> set[str]:
    """The error answers an operation can give, from what it takes."""
    expected: set[str] = set()
    params = op.get("parameters", [])
    if op.get("security"):
        expected.add("401")
        if method in UNSAFE:
            expected.add("403")  # a session request without CSRF token
    if any(p["in"] == "path" for p in params):
        expected |= {"404", "422"}
    if any(p["in"] == "query" and _types(p["schema"]) - {"string"} for p in params):
        expected.add("422")
    if "requestBody" in op:
        expected |= {"400", "422"}
    return expected


def test_openapi_lists_the_error_answers_of_every_operation(client, db):
    operations = _operations(client)
    assert len(operations) >= 9
    for method, path, op in operations:
        documented = set(op["responses"])
        missing = _expected(method, op) - documented
        assert not missing, f"{method.upper()} {path} does not document {sorted(missing)}"
        for code in documented - {"200", "201"}:
            ref = op["responses"][code]["content"]["application/json"]["schema"]["$ref"]
            assert ref.endswith("/ValidationError" if code == "422" else "/Error")


def test_every_error_answer_given_is_documented(client, personas):
    """Provoke each operation (no login, outsider, vendor, bad ids, bad bodies) and check
    that every answer it gives is in its OpenAPI responses."""
    project, step = personas.project, personas.project.steps.filter(shared_with_vendor=False)[0]
    ids = {"pk": str(project.pk), "step_pk": str(step.pk)}
    given: set[tuple[str, str, int]] = set()
    for method, path, op in _operations(client):
        documented = {int(code) for code in op["responses"]}
        good = re.sub(r"\{(\w+)\}", lambda m: ids[m.group(1)], path)
        bad = re.sub(r"\{(\w+)\}", "x", path)
        attempts: list[tuple[str, str, dict[str, str]]] = [
            (good, '{"version": 1}', {}),
            (good, '{"version": 1}', auth(personas.charlie)),
            (good, '{"version": 1, "status": "done"}', auth(personas.maja)),
            (good, '{"version": 1}', auth(personas.victor)),
            (bad, '{"version": 1}', auth(personas.alice)),
            (good, "{not json", auth(personas.alice)),
            (good, '{"version": "one", "question": 3}', auth(personas.alice)),
            (good, '{"version": 0, "question": "", "title": "x"}', auth(personas.alice)),
        ]
        for url, body, headers in attempts:
            call = getattr(client, method)
            if method in UNSAFE:
                response = call(url, body, content_type="application/json", **headers)
            else:
                response = call(url, **headers)
            code = response.status_code
            assert code < 500, f"{method.upper()} {url} {body} -> {code}"
            if code >= 400:
                given.add((method, path, code))
                assert code in documented, f"{method.upper()} {path} gives undocumented {code}"
    # the attempts reached the answers the documents promise
    assert {c for *_, c in given} >= {400, 401, 403, 404, 409, 422}
