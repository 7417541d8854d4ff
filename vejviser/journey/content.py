"""The one source of content for every capability: what is loaded, and when it moved.

A capability whose guidance lives in ``content/<folder>/*.yaml`` registers, in its
``AppConfig.ready()``, how to turn that folder into its validated content::

    from vejviser.journey.content import register_folder
    register_folder("market", "vejviser.market.core.content:parse")

``parse(docs)`` is pure: ``docs`` maps each file name (``"requirements.yaml"``) to its
parsed YAML (plain dicts and lists); it returns the capability's content object or raises
:class:`vejviser.kernel.files.ContentErrors`. Everywhere else the capability asks
:func:`folder_data` for it, never the files, so pages, the assistant, the CLI and every
server process see the same content — and see it change.

:func:`revision` moves whenever content changes (a load or an admin edit); objects built
from content are kept per revision (:func:`per_revision`) and rebuilt when it moves.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings

T = TypeVar("T")

_FOLDERS: dict[str, str] = {}
_LOCK = threading.Lock()
_CACHE: dict[Any, tuple[int, Any]] = {}


def register_folder(folder: str, parse: str) -> None:
    """``parse`` is ``"module:function"``, imported when the content is first needed."""
    _FOLDERS[folder] = parse


def registered_folders() -> dict[str, str]:
    return dict(_FOLDERS)


def _parser(folder: str) -> Callable[[Mapping[str, Any]], Any]:
    module, attr = _FOLDERS[folder].split(":")
    parse: Callable[[Mapping[str, Any]], Any] = getattr(importlib.import_module(module), attr)
    return parse


def revision() -> int:
    """A number that moves whenever any content changes (one cheap query)."""
    from .models import ContentVersion

    latest = ContentVersion.objects.order_by("-id").values_list("id", flat=True).first()
    return int(latest or 0)


def read_folder(folder: str, content_dir: Path | None = None) -> dict[str, Any]:
    """The raw documents of ``content/<folder>/`` (file name -> parsed YAML)."""
    from ruamel.yaml import YAML

    root = Path(content_dir or settings.CONTENT_DIR) / folder
    yaml = YAML(typ="safe")
    docs: dict[str, Any] = {}
    for path in sorted(root.glob("*.yaml")):
        with path.open(encoding="utf-8") as fh:
            docs[path.name] = yaml.load(fh)
    return docs


def per_revision(key: Any, build: Callable[[], T]) -> T:
    """``build()``'s result, kept until the content revision moves."""
    rev = revision()
    with _LOCK:
        hit = _CACHE.get(key)
        if hit is not None and hit[0] == rev:
            return hit[1]  # type: ignore[no-any-return]
    value = build()
    with _LOCK:
        _CACHE[key] = (rev, value)
    return value


def folder_data(folder: str) -> Any:
    """The validated content of ``content/<folder>/`` as currently loaded."""
    return per_revision(("folder", folder), lambda: _parser(folder)(read_folder(folder)))
