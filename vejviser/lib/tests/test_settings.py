"""Settings from the environment: safe embedded defaults, strict production."""

from __future__ import annotations

import os
import subprocess
import sys


def run_settings(**env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL"}}
    environ.update(env)
    code = "import vejviser.settings as s; print(s.DATABASES['default']['ENGINE'])"
    return subprocess.run(
        [sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=False
    )


def test_embedded_default_is_sqlite_in_wal_mode():
    result = run_settings()
    assert result.returncode == 0, result.stderr
    assert "sqlite3" in result.stdout
    from vejviser import settings

    if not os.environ.get("DATABASE_URL"):
        assert "journal_mode=WAL" in settings.DATABASES["default"]["OPTIONS"]["init_command"]


def test_production_refuses_the_development_secret():
    result = run_settings(VEJVISER_PRODUCTION="1")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_starts_with_a_real_secret_and_postgres_url():
    result = run_settings(
        VEJVISER_PRODUCTION="1",
        SECRET_KEY="a-real-secret-from-the-vault-0123456789",
        DATABASE_URL="postgres://vejviser@db:5432/vejviser",
    )
    assert result.returncode == 0, result.stderr
    assert "postgresql" in result.stdout
