"""The assistant's built index on disk, one file per content revision (no Django).

Building the index takes about a second; a new process — a server start, ``vejviser
ask`` from a cold start — reads the file kept for the current content revision instead.
A file is named by the revision's token (unique across databases, see
:class:`vejviser.journey.models.ContentVersion`) and a digest of the assistant's code,
so a file for other content or other code is never read; nothing else is cached.
Files live in ``$VEJVISER_CACHE_DIR`` (default ``~/.cache/vejviser``); the newest few
are kept.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vejviser.assistant.core.engine import Assistant
    from vejviser.assistant.core.llm import LLMConfig

log = logging.getLogger("vejviser.assistant")

#: Index files kept in the cache folder (older ones are deleted when one is written).
KEEP_INDEX_FILES = 4


def cache_dir() -> Path:
    """``$VEJVISER_CACHE_DIR`` or ``~/.cache/vejviser``."""
    env = os.environ.get("VEJVISER_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "vejviser"


@cache
def _code_digest() -> str:
    """What a pickled index depends on besides the content: the assistant's code, and
    the UI catalogues (the pages' texts are passages, core/tooldocs.py)."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    assessments = here.parent / "assessments" / "core"  # the verdicts' rule engine
    for path in [
        *sorted((here / "core").glob("*.py")),
        *sorted(assessments.glob("*.py")),
        here.parent / "kernel" / "schema.py",
        *sorted((here.parent / "locale").glob("*/LC_MESSAGES/django.po")),
    ]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def index_path(token: str) -> Path:
    return cache_dir() / f"assistant-{token}-{_code_digest()}.pickle"


def read_index(token: str) -> Assistant | None:
    """The assistant kept for the revision with ``token``, if there is a good file."""
    from vejviser.assistant.core.engine import Assistant

    path = index_path(token)
    if not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            found = pickle.load(handle)  # noqa: S301 - our own file, named by revision
    except Exception as exc:  # a broken or foreign file: build anew
        log.info("assistant index %s not used: %s", path, exc)
        return None
    return found if isinstance(found, Assistant) else None


def write_index(token: str, assistant: Assistant) -> None:
    """Keep ``assistant`` (without its LLM settings) for the revision with ``token``."""
    path = index_path(token)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(assistant.with_llm(None), handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        old = sorted(path.parent.glob("assistant-*.pickle"), key=lambda p: p.stat().st_mtime)
        for stale in old[:-KEEP_INDEX_FILES]:
            stale.unlink(missing_ok=True)
    except OSError as exc:
        log.info("assistant index not written to %s: %s", path, exc)


def files_token(root: Path) -> str:
    """A token for a content folder's files: a digest of every YAML file's name and
    bytes (about a megabyte: a few milliseconds), so an edited file is a new token."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.yaml")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return "files-" + digest.hexdigest()[:24]


def load_files(content_dir: Path | None = None, llm: LLMConfig | None = None) -> Assistant:
    """The assistant on a content folder's files (``vejviser ask --content-dir``, the
    start-up benchmark): the index file kept for exactly these files when there is one,
    else read, built — with the verdicts of the folder's assessments — and kept."""
    from vejviser.assistant.core.corpus import default_content_dir
    from vejviser.assistant.core.engine import Assistant
    from vejviser.assistant.core.factsfile import FACTS_FILE
    from vejviser.assistant.core.verdict import load as load_verdicts

    root = Path(content_dir or default_content_dir())
    token = files_token(root)
    found = read_index(token)
    if found is None:
        found = Assistant.load(root)
        if (root / "assessments" / FACTS_FILE).is_file():  # the assessments on first need
            found = found.with_verdicts(load_verdicts(root, lazy=True))
        write_index(token, found)
    return found.with_llm(llm)
