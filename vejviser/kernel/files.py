"""Read and validate the journey content files (pure: no Django import).

:func:`read_content` parses every file, validates it against :mod:`.schema` and checks
the references between files. Any problem raises :class:`ContentErrors`, each error
naming the file and the line, so nothing half-valid ever reaches the database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from vejviser.kernel.yamllines import line_of

from .schema import RolesFile, SourceRef, SourcesFile, TrackFile

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class ContentError:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class ContentErrors(Exception):
    def __init__(self, errors: Sequence[ContentError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


@dataclass(frozen=True)
class ContentBundle:
    sources: SourcesFile
    roles: RolesFile
    tracks: list[TrackFile]
    digest: str
    files: list[str] = field(default_factory=list)


def _parse(path: Path, rel: str) -> Any:
    from ruamel.yaml import YAML  # imported where files are read: the CLI starts fast
    from ruamel.yaml.error import MarkedYAMLError

    yaml = YAML(typ="rt")
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise ContentErrors([ContentError(rel, line, f"YAML: {exc.problem}")]) from exc
    except UnicodeDecodeError as exc:
        raise ContentErrors([ContentError(rel, None, "file is not UTF-8")]) from exc


def _validate(model: type[M], data: Any, rel: str) -> M:
    if data is None:
        raise ContentErrors([ContentError(rel, None, "file is empty")])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = []
        for err in exc.errors():
            loc = [p for p in err["loc"] if isinstance(p, (int, str))]
            dotted = ".".join(str(p) for p in loc) or "(file)"
            errors.append(ContentError(rel, line_of(data, loc), f"{dotted}: {err['msg']}"))
        raise ContentErrors(errors) from exc


def content_files(directory: Path) -> list[Path]:
    """The files :func:`read_content` reads, in the order it reads them."""
    directory = Path(directory)
    tracks = sorted((directory / "journey").glob("*.yaml"))
    return [directory / "sources.yaml", directory / "roles.yaml", *tracks]


def content_digest(directory: Path) -> str:
    """A digest of the content files' bytes (cheap: no parsing)."""
    digest = hashlib.sha256()
    for path in content_files(directory):
        if path.exists():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def read_content(directory: Path) -> ContentBundle:
    """Read ``sources.yaml``, ``roles.yaml`` and ``journey/*.yaml`` under ``directory``."""
    directory = Path(directory)
    errors: list[ContentError] = []
    digest = hashlib.sha256()
    files: list[str] = []

    def load(path: Path, model: type[M]) -> tuple[M | None, Any]:
        rel = _relative(path, directory)
        if not path.exists():
            errors.append(ContentError(rel, None, "file is missing"))
            return None, None
        raw = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + raw)
        files.append(rel)
        try:
            data = _parse(path, rel)
            return _validate(model, data, rel), data
        except ContentErrors as exc:
            errors.extend(exc.errors)
            return None, None

    sources, _ = load(directory / "sources.yaml", SourcesFile)
    roles, roles_raw = load(directory / "roles.yaml", RolesFile)
    tracks: list[tuple[TrackFile, Any, str]] = []
    track_paths = sorted((directory / "journey").glob("*.yaml"))
    if not track_paths:
        errors.append(ContentError(str(directory / "journey"), None, "no track files found"))
    for path in track_paths:
        track, raw = load(path, TrackFile)
        if track is not None:
            tracks.append((track, raw, files[-1]))

    if sources is not None:
        known = {s.id for s in sources.sources}
        if roles is not None:
            for i, role in enumerate(roles.roles):
                loc: list[int | str] = ["roles", i, "sources"]
                rel_roles = _relative(directory / "roles.yaml", directory)
                _check_refs(role.sources, known, roles_raw, loc, rel_roles, errors)
        for track, raw, rel in tracks:
            _check_refs(track.sources, known, raw, ["sources"], rel, errors)
            for p, phase in enumerate(track.phases):
                base: list[int | str] = ["phases", p]
                _check_refs(phase.sources, known, raw, [*base, "sources"], rel, errors)
                for a, point in enumerate(phase.attention):
                    loc = [*base, "attention", a, "sources"]
                    _check_refs(point.sources, known, raw, loc, rel, errors)
                for a, action in enumerate(phase.actions):
                    loc = [*base, "actions", a, "sources"]
                    _check_refs(action.sources, known, raw, loc, rel, errors)

    seen: dict[str, str] = {}
    for track, _raw, rel in tracks:
        if track.id in seen:
            errors.append(ContentError(rel, 1, f"track id {track.id!r} also in {seen[track.id]}"))
        seen[track.id] = rel

    if errors:
        raise ContentErrors(errors)
    assert sources is not None and roles is not None
    ordered = sorted((t for t, _r, _p in tracks), key=lambda t: t.order)
    return ContentBundle(sources, roles, ordered, digest.hexdigest(), files)


def _relative(path: Path, directory: Path) -> str:
    """The path as a user knows it: ``content/journey/ny-ide.yaml``."""
    try:
        return str(path.relative_to(directory.parent))
    except ValueError:
        return str(path)


def _check_refs(
    refs: Sequence[SourceRef],
    known: set[str],
    raw: Any,
    loc: list[int | str],
    rel: str,
    errors: list[ContentError],
) -> None:
    for i, ref in enumerate(refs):
        if ref.doc not in known:
            line = line_of(raw, [*loc, i])
            errors.append(
                ContentError(rel, line, f"unknown source {ref.doc!r} (not in sources.yaml)")
            )
