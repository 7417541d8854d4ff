"""Bundles: what one installation shares of one deployment, signed.

A bundle is a JSON object::

    {"format": "vejviser-share/1",
     "payload": {...what is shared...},
     "signature": {"algorithm": "ed25519", "public_key": "<base64>",
                   "fingerprint": "sha256:<hex>", "value": "<base64>"}}

The signature covers the canonical bytes of ``payload`` (:mod:`.canonical`). The payload
is described in ``docs/sharing.md``; :func:`check_payload` is its definition.

Opening a bundle (:func:`open_bundle`) refuses, in this order: what is not a bundle
(malformed), a signer the administrator has not trusted (untrusted), a signature that
does not match the payload (tampered), and a signed payload that breaks the format or
the level rule (malformed). Each refusal is a :class:`BundleError` with a code and a
message (msgid + parameters, translated where it is shown).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from vejviser.kernel.i18n import Message, message

from . import levels, signing
from .canonical import canonical, digest

FORMAT = "vejviser-share/1"
MAX_BYTES = 5_000_000
MALFORMED, UNTRUSTED, TAMPERED = "malformed", "untrusted", "tampered"
PRODUCT_KEYS = ("vendor", "product", "version")
PRODUCT_IDS = ("udi", "certificate_number")


class BundleError(ValueError):
    def __init__(self, code: str, msg: Message) -> None:
        self.code = code
        self.message = msg
        super().__init__(f"{code}: {msg.text('en')}")


def sign_bundle(payload: dict[str, Any], private_pem: bytes) -> dict[str, Any]:
    """The signed bundle of ``payload`` (checked first: nothing malformed is signed)."""
    check_payload(payload)
    public = signing.public_of(private_pem)
    return {
        "format": FORMAT,
        "payload": payload,
        "signature": {
            "algorithm": signing.ALGORITHM,
            "public_key": public,
            "fingerprint": signing.fingerprint(public),
            "value": signing.sign(private_pem, canonical(payload)),
        },
    }


def dump(bundle: Mapping[str, Any]) -> str:
    """A bundle as the text written to a file (readable; the signature does not depend
    on this layout, only on the payload's canonical form)."""
    return json.dumps(bundle, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@dataclass(frozen=True)
class Opened:
    payload: dict[str, Any]
    fingerprint: str
    #: the canonical payload's digest: the same bundle imported twice has the same one
    digest: str


def open_bundle(raw: bytes | str, trusted: Mapping[str, str]) -> Opened:
    """Check a bundle; ``trusted`` maps fingerprints to public keys (base64)."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if len(raw) > MAX_BYTES:
        raise BundleError(MALFORMED, message("The bundle is larger than 5 MB."))
    try:
        bundle = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BundleError(
            MALFORMED, message("The bundle is not valid JSON: {error}", error=str(exc)[:120])
        ) from exc
    if not isinstance(bundle, dict) or bundle.get("format") != FORMAT:
        raise BundleError(
            MALFORMED, message("This is not a Vejviser bundle (format {format}).", format=FORMAT)
        )
    payload, signature = bundle.get("payload"), bundle.get("signature")
    if not isinstance(payload, dict) or not isinstance(signature, dict):
        raise BundleError(MALFORMED, message("The bundle has no payload or no signature."))
    if signature.get("algorithm") != signing.ALGORITHM or not all(
        isinstance(signature.get(k), str) for k in ("public_key", "value")
    ):
        raise BundleError(MALFORMED, message("The bundle's signature is not an Ed25519 signature."))
    try:
        print_ = signing.fingerprint(signature["public_key"])
    except signing.KeyError_ as exc:
        raise BundleError(MALFORMED, message("The bundle's public key cannot be read.")) from exc
    key = trusted.get(print_)
    if key is None:
        raise BundleError(
            UNTRUSTED,
            message(
                "The bundle is signed by a key this installation has not trusted "
                "(fingerprint {fingerprint}). An administrator must trust the sender's key "
                "first.",
                fingerprint=print_,
            ),
        )
    try:
        data = canonical(payload)
    except ValueError as exc:
        raise BundleError(TAMPERED, message("The bundle has been changed after signing.")) from exc
    if not signing.verify(key, data, signature["value"]):
        raise BundleError(TAMPERED, message("The bundle has been changed after signing."))
    check_payload(payload)
    return Opened(payload=payload, fingerprint=print_, digest=digest(payload))


def _malformed(what: str) -> BundleError:
    return BundleError(MALFORMED, message("The bundle's payload is malformed: {what}.", what=what))


def _text(value: Any, where: str, *, required: bool = True, limit: int = 2000) -> None:
    if value is None and not required:
        return
    if not isinstance(value, str) or (required and not value.strip()) or len(value) > limit:
        raise _malformed(where)


def check_payload(payload: Mapping[str, Any]) -> None:
    """The payload's format (``BundleError`` with code malformed when it breaks it)."""
    audience = payload.get("audience")
    if audience not in levels.AUDIENCES:
        raise _malformed("audience")
    for key in ("shared_by", "installation", "deployment", "shared_at"):
        _text(payload.get(key), key, limit=300)
    try:
        aware = datetime.fromisoformat(str(payload["shared_at"])).tzinfo is not None
    except ValueError:
        aware = False
    if not aware:
        raise _malformed("shared_at")
    version = payload.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _malformed("version")
    organisation = payload.get("organisation")
    if not isinstance(organisation, list) or not all(isinstance(o, str) for o in organisation):
        raise _malformed("organisation")
    project = payload.get("project")
    if not isinstance(project, dict):
        raise _malformed("project")
    _text(project.get("title"), "project.title", limit=300)
    product = payload.get("product")
    if not isinstance(product, dict):
        raise _malformed("product")
    for key in PRODUCT_KEYS:
        _text(product.get(key), f"product.{key}", required=key != "version", limit=200)
    for key in PRODUCT_IDS:
        _text(product.get(key), f"product.{key}", required=False, limit=200)
    items, item_levels = payload.get("items"), payload.get("levels")
    if not isinstance(items, dict) or not isinstance(item_levels, dict):
        raise _malformed("items")
    if set(items) != set(item_levels):
        raise _malformed("levels")
    for name, item in items.items():
        if not isinstance(name, str) or not isinstance(item, dict):
            raise _malformed(f"items.{name}")
        level = item_levels[name]
        if level not in levels.LEVELS or not levels.allows(level, audience):
            raise _malformed(f"levels.{name}")


# --- no person's name in a bundle ----------------------------------------------------------


def strings(data: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in JSON ``data`` (keys too) with its path."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, Mapping):
        for key, value in data.items():
            where = f"{path}.{key}" if path else str(key)
            yield where, str(key)
            yield from strings(value, where)
    elif isinstance(data, list | tuple):
        for i, value in enumerate(data):
            yield from strings(value, f"{path}[{i}]")


def names_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern matching any of ``names`` as a whole word (names
    shorter than 3 characters are left out: they match too much)."""
    wanted = sorted({n.strip() for n in names if n and len(n.strip()) >= 3}, key=len, reverse=True)
    if not wanted:
        return None
    return re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(n) for n in wanted) + r")(?!\w)", re.IGNORECASE
    )


def find_names(data: Any, names: Iterable[str]) -> list[tuple[str, str]]:
    """``(path, name found)`` for every string of ``data`` that contains one of ``names``."""
    pattern = names_pattern(names)
    if pattern is None:
        return []
    found = []
    for path, text in strings(data):
        match = pattern.search(text)
        if match:
            found.append((path, match.group(0)))
    return found
