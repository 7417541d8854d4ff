from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _installation_key(settings: Any, tmp_path: Path) -> Path:
    """Each test signs with its own installation key, in a temporary folder."""
    path = tmp_path / "keys" / "installation-ed25519.pem"
    settings.VEJVISER_SHARING_KEY_FILE = str(path)
    settings.VEJVISER_INSTALLATION_NAME = "Vejviser Region Syddanmark"
    return path
