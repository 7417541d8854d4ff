"""This installation's signing key: made on first use, kept in one file only its owner
may read.

Where: ``settings.VEJVISER_SHARING_KEY_FILE`` (``$VEJVISER_SHARING_KEY_FILE``), by
default ``<VEJVISER_VAR_DIR>/sharing/installation-ed25519.pem``. The file is created with
mode 0600 (its folder 0700) and written atomically, so two processes starting at once
never leave half a key: the first file that lands wins and the other process reads it.
A key file that others may read is refused (``KeyFileError``) rather than used.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from django.conf import settings

from .core import signing


class KeyFileError(RuntimeError):
    pass


def key_path() -> Path:
    configured = getattr(settings, "VEJVISER_SHARING_KEY_FILE", "") or ""
    if configured:
        return Path(configured)
    return Path(settings.VAR_DIR) / "sharing" / "installation-ed25519.pem"


def private_key() -> bytes:
    """The installation's private key (PEM), made on first use."""
    path = key_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        pem = signing.new_private_key()
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
        try:
            os.link(temporary, path)  # fails if another process made the key first
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise KeyFileError(
            f"{path} may be read by others (mode {mode:o}); make it 0600 (chmod 600 {path})"
        )
    pem = path.read_bytes()
    try:
        signing.public_of(pem)
    except signing.KeyError_ as exc:
        raise KeyFileError(f"{path} is not an Ed25519 private key in PEM") from exc
    return pem


def public_key() -> str:
    return signing.public_of(private_key())


def public_key_file() -> str:
    """What ``vejviser share key`` writes: the installation's name, public key and
    fingerprint, as JSON another installation's ``share trust`` reads."""
    import json

    public = public_key()
    return (
        json.dumps(
            {
                "format": "vejviser-share-key/1",
                "installation": installation_name(),
                "algorithm": signing.ALGORITHM,
                "public_key": public,
                "fingerprint": signing.fingerprint(public),
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


def installation_name() -> str:
    return str(getattr(settings, "VEJVISER_INSTALLATION_NAME", "") or "Vejviser")
