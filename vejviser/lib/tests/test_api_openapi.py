"""The whole API's OpenAPI document: valid for client generators, one operationId each,
every error answer documented; and the token scopes hold on every operation."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from openapi_spec_validator import validate

from vejviser.accounts.models import ApiToken, count_request
from vejviser.conftest import make_project
from vejviser.projects.tests.test_api_errors import _expected

UNSAFE = {"post", "put", "patch", "delete"}
#: POSTs that change nothing: a read token may call them.
READ_POSTS = {
    "vejviser_assistant_api_ask",
    "vejviser_value_api_simulate",
    "vejviser_market_api_evaluate_tender",
}
CAPABILITIES = {"assessments", "evidence", "value", "market", "monitoring", "documents"}


def auth(user: Any, **scope: Any) -> dict[str, str]:
    _token, secret = ApiToken.issue(user, "test", **scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def operations(client) -> list[tuple[str, str, dict[str, Any]]]:
    doc = client.get("/api/v1/openapi.json").json()
    return [(m, path, op) for path, ops in doc["paths"].items() for m, op in ops.items()]


def test_the_document_is_valid_openapi_with_unique_operation_ids(client, db):
    doc = client.get("/api/v1/openapi.json").json()
    validate(doc)  # raises on any violation of the OpenAPI 3.1 schema
    ids = [op["operationId"] for _m, _p, op in operations(client)]
    assert len(ids) == len(set(ids)), "operationIds must be unique"
    tags = {t for _m, _p, op in operations(client) for t in op.get("tags", [])}
    assert tags >= CAPABILITIES, "every capability has endpoints"


def test_the_document_has_no_duplicate_keys(client, db):
    """Swagger UI refuses a document with a key twice (an operation's response code from
    ninja as a number and from ``openapi_extra`` as a string were both written)."""
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in items]
        duplicates.extend(k for k in set(keys) if keys.count(k) > 1)
        return dict(items)

    json.loads(client.get("/api/v1/openapi.json").content, object_pairs_hook=pairs)
    assert duplicates == []


def test_every_operation_documents_its_error_answers(client, db):
    for method, path, op in operations(client):
        documented = set(op["responses"])
        missing = _expected(method, op) - documented
        assert not missing, f"{method.upper()} {path} does not document {sorted(missing)}"
        for code in documented - {"200", "201"}:
            ref = op["responses"][code]["content"]["application/json"]["schema"]["$ref"]
            assert ref.endswith("/ValidationError" if code == "422" else "/Error"), (path, code)


def test_rate_limited_operations_document_429_with_retry_after(client, db):
    limited = {
        op["operationId"]: op for _m, _p, op in operations(client) if "429" in op["responses"]
    }
    assert "vejviser_assistant_api_ask" in limited
    assert "vejviser_evidence_api_upload_binary" in limited
    for op in limited.values():
        assert "Retry-After" in op["responses"]["429"]["headers"]


def _fill(path: str, ids: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: ids.get(m.group(1), "1"), path)


def test_a_read_token_gets_403_on_every_write(client, personas):
    headers = auth(personas.alice, scope="read")
    ids = {"pk": str(personas.project.pk), "step_pk": str(personas.project.steps.first().pk)}
    writes = [(m, p, op) for m, p, op in operations(client) if m in UNSAFE and op.get("security")]
    assert len(writes) >= 12
    for method, path, op in writes:
        response = getattr(client, method)(
            _fill(path, ids), "{}", content_type="application/json", **headers
        )
        if op["operationId"] in READ_POSTS:
            assert response.status_code != 403, path
        else:
            assert response.status_code == 403, (path, response.status_code)
            assert "read" in response.json()["detail"]


def test_a_token_limited_to_projects_gets_404_for_every_other_project(client, personas):
    other = make_project(personas.alice, title="Andet projekt")
    headers = auth(personas.alice, projects=[other])
    step = personas.project.steps.first()
    ids = {"pk": str(personas.project.pk), "step_pk": str(step.pk)}
    checked = 0
    for method, path, _op in operations(client):
        if "{pk}" not in path:
            continue
        call = getattr(client, method)
        url = _fill(path, ids)
        if method in UNSAFE:
            response = call(url, "{}", content_type="application/json", **headers)
        else:
            response = call(url, **headers)
        assert response.status_code in (404, 422), (method, path, response.status_code)
        checked += 1
    assert checked >= 30
    assert client.get(f"/api/v1/projects/{other.pk}", **headers).status_code == 200
    body = json.dumps(
        {
            "title": "x",
            "clinical_area": "x",
            "department": "x",
            "region": "syddanmark",
            "track": "ny-ide",
        }
    )
    created = client.post("/api/v1/projects", body, content_type="application/json", **headers)
    assert created.status_code == 403


def test_the_assistant_is_rate_limited_per_user(client, personas, settings):
    settings.VEJVISER_RATES = {**settings.VEJVISER_RATES, "assistant": "2/min"}
    body = json.dumps({"question": "Hvad er en DPIA?"})
    headers = auth(personas.bob, scope="read")
    codes = [
        client.post("/api/v1/assistant/ask", body, content_type="application/json", **headers)
        for _ in range(3)
    ]
    assert [r.status_code for r in codes] == [200, 200, 429]
    assert 1 <= int(codes[2]["Retry-After"]) <= 60


def test_the_counter_counts_per_window_and_key(db):
    assert count_request("k", 2, 60, now=120.0) is None
    assert count_request("k", 2, 60, now=130.0) is None
    assert (
        count_request("k", 2, 60, now=150.5) == 30
    )  # 29.5 s until the window ends at 180, rounded up
    assert count_request("other", 2, 60, now=150.5) is None
    assert count_request("k", 2, 60, now=180.0) is None  # a new window


@pytest.mark.parametrize("rate", ["30", "x/min", "3/fortnight"])
def test_a_bad_rate_setting_is_refused(rate):
    from vejviser.lib.api_auth import parse_rate

    with pytest.raises(ValueError, match="N/unit"):
        parse_rate(rate)
