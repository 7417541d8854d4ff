"""Health endpoints (no login, no details) and structured logs with a request id."""

from __future__ import annotations

import json
import logging

from vejviser.journey.models import ContentVersion
from vejviser.lib.logs import JsonFormatter, RequestIdFilter


def test_live_answers_without_login(client, db):
    response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_ready_checks_database_and_content(client, db):
    response = client.get("/health/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "content": "ok"}}
    ContentVersion.objects.all().delete()
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "content": "failed"}


def test_health_is_not_redirected_to_https(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/health/live").status_code == 200
    assert client.get("/account/login/").status_code == 301


def test_every_answer_has_a_request_id(client, db):
    first, second = client.get("/health/live"), client.get("/health/live")
    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]
    given = client.get("/health/live", HTTP_X_REQUEST_ID="lb-1234.abc")
    assert given["X-Request-ID"] == "lb-1234.abc"
    odd = client.get("/health/live", HTTP_X_REQUEST_ID="<script>")
    assert odd["X-Request-ID"] != "<script>"


def test_a_request_logs_one_line_with_its_id_and_no_query(client, db, caplog):
    with caplog.at_level(logging.INFO, logger="vejviser.request"):
        response = client.get("/health/live?cpr=0101011234")
    record = next(r for r in caplog.records if r.name == "vejviser.request")
    assert RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["path"] == "/health/live" and line["status"] == 200
    assert "cpr" not in json.dumps(line)
    assert line["level"] == "INFO" and line["pid"] > 0
    assert response["X-Request-ID"]  # the same id is on the record while the request ran


def test_records_inside_a_request_carry_its_id(client, db, caplog, monkeypatch):
    from vejviser.lib import health

    seen: list[str] = []

    def spy() -> str:
        record = logging.makeLogRecord({"msg": "inside"})
        RequestIdFilter().filter(record)
        seen.append(getattr(record, "request_id", ""))
        return "ok"

    monkeypatch.setattr(health, "_database", spy)
    response = client.get("/health/ready")
    assert seen == [response["X-Request-ID"]]
