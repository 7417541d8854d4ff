"""Security headers: a Content-Security-Policy everywhere, no inline scripts, secure
cookies and HSTS in production mode, Swagger UI from our own static files."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _csp(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize(
    "url",
    ["/account/login/", "/journey/", "/api/v1/docs", "/api/v1/journey/tracks", "/admin/login/"],
)
def test_every_answer_has_a_content_security_policy(client, db, url):
    response = client.get(url)
    assert response.status_code == 200
    csp = _csp(response)
    assert csp["script-src"] == ["'self'"], "scripts from our own files only"
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_logged_in_pages_have_the_policy_too(client, personas):
    client.force_login(personas.alice)
    for url in ["/", f"/projects/{personas.project.pk}/", "/assistant/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "script-src 'self'" in response["Content-Security-Policy"]


def test_no_template_has_an_inline_script():
    """The policy allows no inline script, so a template with one would break in the
    browser: every <script> loads a static file (or is a JSON data block)."""
    offenders = []
    for template in ROOT.glob("vejviser/**/templates/**/*.html"):
        for tag in re.findall(r"<script\b[^>]*>", template.read_text(encoding="utf-8")):
            if "src=" not in tag and "application/json" not in tag:
                offenders.append(f"{template.relative_to(ROOT)}: {tag}")
        if re.search(r"\son[a-z]+=[\"']", template.read_text(encoding="utf-8")):
            offenders.append(f"{template.relative_to(ROOT)}: inline event handler")
    assert not offenders


def test_api_docs_use_the_bundled_swagger_ui(client, db):
    page = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


def _production_settings(**env: str) -> dict[str, object]:
    environ = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL"}}
    environ.update(
        VEJVISER_PRODUCTION="1", SECRET_KEY="a-real-secret-from-the-vault-0123456789", **env
    )
    names = [
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_PROXY_SSL_HEADER",
    ]
    code = (
        "import json, vejviser.settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=True
    )
    return dict(json.loads(result.stdout))


def test_production_mode_turns_on_https_only_settings():
    values = _production_settings()
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] == 31_536_000
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_the_https_redirect_can_be_left_to_the_proxy():
    assert _production_settings(VEJVISER_SSL_REDIRECT="0")["SECURE_SSL_REDIRECT"] is False


def test_production_headers_on_an_https_request(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    plain = client.get("/account/login/")
    assert plain.status_code == 301
    assert plain["Location"].startswith("https://")
    secure = client.get("/account/login/", HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000"
