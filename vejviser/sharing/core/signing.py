"""Ed25519 keys and signatures (``cryptography``), as plain bytes and text.

A public key travels as base64 of its 32 raw bytes; its fingerprint is
``sha256:<hex>`` of those bytes (what an administrator compares before trusting it).
A private key is kept as unencrypted PKCS#8 PEM in a file only its owner may read (the
caller sets the mode; see :mod:`vejviser.sharing.keys`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

ALGORITHM = "ed25519"


class KeyError_(ValueError):
    """A key that cannot be read."""


def new_private_key() -> bytes:
    """A fresh private key as PEM."""
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _private(pem: bytes) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as exc:
        raise KeyError_("not a PEM private key") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyError_("not an Ed25519 key")
    return key


def public_of(pem: bytes) -> str:
    """The public key (base64 of the raw 32 bytes) of a private key in PEM."""
    raw = (
        _private(pem)
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )
    return base64.b64encode(raw).decode("ascii")


def public_raw(public_b64: str) -> bytes:
    """The 32 raw bytes of a base64 public key (``KeyError_`` when it is not one)."""
    try:
        raw = base64.b64decode(public_b64.strip(), validate=True)
    except (binascii.Error, ValueError, AttributeError) as exc:
        raise KeyError_("the public key is not base64") from exc
    if len(raw) != 32:
        raise KeyError_("an Ed25519 public key has 32 bytes")
    return raw


def fingerprint(public_b64: str) -> str:
    return "sha256:" + hashlib.sha256(public_raw(public_b64)).hexdigest()


def sign(pem: bytes, data: bytes) -> str:
    """The signature of ``data`` (base64). Ed25519 is deterministic: the same key and
    data give the same signature."""
    return base64.b64encode(_private(pem).sign(data)).decode("ascii")


def verify(public_b64: str, data: bytes, signature_b64: str) -> bool:
    """Whether ``signature_b64`` is the key's signature of ``data``."""
    try:
        key = Ed25519PublicKey.from_public_bytes(public_raw(public_b64))
        signature = base64.b64decode(signature_b64, validate=True)
        key.verify(signature, data)
    except (KeyError_, InvalidSignature, binascii.Error, ValueError, TypeError):
        return False
    return True
