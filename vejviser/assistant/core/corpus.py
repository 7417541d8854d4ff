"""Load everything the assistant answers from into one flat list of passages.

Reads the journey content through the journey schema (tracks, phases, actions,
attention points, roles, sources) and the assistant's own knowledge files, and turns
each into a :class:`Doc`: a title and text per language plus the source references.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML

from vejviser.assistant.core.schema import AssistantFile, KnowledgeFile
from vejviser.kernel.schema import (
    Role,
    RolesFile,
    Source,
    SourceRef,
    SourcesFile,
    Text,
    TrackFile,
)

log = logging.getLogger("vejviser.assistant")

M = TypeVar("M", bound=BaseModel)

LANGS = ("da", "en")
KNOWLEDGE_DIR = "knowledge"
SPECIAL_KNOWLEDGE_FILES = frozenset({"sources.yaml", "assistant.yaml"})


class ContentError(ValueError):
    """A content file is missing or does not match its schema (names the file)."""


def default_content_dir() -> Path:
    """``$VEJVISER_CONTENT_DIR`` or the repository's ``content/`` folder."""
    env = os.environ.get("VEJVISER_CONTENT_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "content"


@dataclass(frozen=True)
class Citation:
    """What the user sees for a numbered citation."""

    title: str
    ref: str
    url: str | None

    def as_dict(self) -> dict[str, str | None]:
        return {"title": self.title, "ref": self.ref, "url": self.url}


@dataclass(frozen=True)
class Doc:
    """One retrievable passage."""

    id: str
    kind: str  # knowledge | track | phase | action | attention | role
    title: Mapping[str, str]
    text: Mapping[str, str]
    sources: tuple[SourceRef, ...]
    keywords: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    #: Searchable, not shown: the topic, track or phase the passage belongs to.
    context: Mapping[str, str] = field(default_factory=dict)
    #: Shown before the passage's sentences in an answer (an action's phase), not searched.
    lead: Mapping[str, str] = field(default_factory=dict)
    #: When the facts were last checked (knowledge files), shown with the citation.
    reviewed: dt.date | None = None


@dataclass
class Corpus:
    docs: list[Doc]
    sources: dict[str, Source]
    roles: dict[str, Role]
    config: AssistantFile
    files: list[Path] = field(default_factory=list)
    _by_id: dict[str, Doc] = field(default_factory=dict, init=False, repr=False)

    def citation(self, doc: Doc, lang: str) -> Citation:
        """The citation of a passage: its first source's title and url, and every
        section reference (those in other documents prefixed with the source id)."""
        first = doc.sources[0]
        main = self.sources.get(first.doc)
        refs = [
            ref.section if ref.doc == first.doc else f"{ref.doc}: {ref.section}"
            for ref in doc.sources
        ]
        if doc.reviewed is not None:
            refs[-1] += f" ({self.config.messages.reviewed.get(lang)} {doc.reviewed.isoformat()})"
        title = main.title.get(lang) if main else first.doc
        return Citation(title=title, ref="; ".join(refs), url=main.url if main else None)

    def doc(self, doc_id: str) -> Doc | None:
        """The passage with this id (e.g. ``action:{track}:{action}``), if any."""
        if len(self._by_id) != len(self.docs):
            self._by_id = {d.id: d for d in self.docs}
        return self._by_id.get(doc_id)

    def role_title(self, role_id: str, lang: str) -> str:
        role = self.roles.get(role_id)
        return role.title.get(lang) if role else role_id


def cache_dir() -> Path:
    """Where parsed content is cached: ``$VEJVISER_CACHE_DIR`` or ~/.cache/vejviser."""
    env = os.environ.get("VEJVISER_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "vejviser" / "content"


def _read_yaml(path: Path) -> Any:
    """Parse a YAML file, through a JSON cache keyed by the file's size and mtime.

    Pure-Python YAML parsing of all content takes about a second; the cache makes a
    restart fast. A stale or unreadable cache entry is simply parsed again; the data is
    validated by the schema either way.
    """
    stat = path.stat()
    key = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:24]
    cached = cache_dir() / f"{key}.json"
    stamp = [stat.st_mtime_ns, stat.st_size]
    try:
        entry = json.loads(cached.read_text(encoding="utf-8"))
        if entry["stamp"] == stamp:
            return entry["data"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    try:
        with path.open(encoding="utf-8") as handle:
            data = YAML(typ="safe", pure=True).load(handle)
    except Exception as exc:  # ruamel raises many kinds; all mean "bad file"
        raise ContentError(f"{path}: cannot read YAML: {exc}") from exc
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"stamp": stamp, "data": data}, default=str), encoding="utf-8")
        tmp.replace(cached)
    except (OSError, TypeError, ValueError) as exc:
        log.debug("content cache not written for %s: %s", path, exc)
    return data


def _parse(model: type[M], path: Path) -> M:
    try:
        return model.model_validate(_read_yaml(path))
    except ValidationError as exc:
        raise ContentError(f"{path}: {exc}") from exc


def _labelled(label: Text, items: Iterable[Text]) -> dict[str, str]:
    items = list(items)
    return {lang: f"{label.get(lang)}: {', '.join(i.get(lang) for i in items)}." for lang in LANGS}


def _prefixed(label: Text, text: Text) -> dict[str, str]:
    """ "Label: text" per language."""
    return {lang: f"{label.get(lang)}: {_flat(text.get(lang))}" for lang in LANGS}


def _join(*texts: Mapping[str, str]) -> dict[str, str]:
    return {lang: " ".join(t[lang] for t in texts if t.get(lang)).strip() for lang in LANGS}


def _flat(text: str) -> str:
    """One line: content files may wrap text over several lines."""
    return " ".join(text.split())


def _one(text: Text) -> dict[str, str]:
    return {lang: _flat(text.get(lang)) for lang in LANGS}


def journey_docs(
    tracks: Iterable[TrackFile], roles: Mapping[str, Role], config: AssistantFile
) -> list[Doc]:
    """Turn tracks, phases, actions and attention points into passages."""
    msg = config.messages
    docs: list[Doc] = []
    for track in sorted(tracks, key=lambda t: t.order):
        docs.append(
            Doc(
                id=f"track:{track.id}",
                kind="track",
                title=_one(track.title),
                text=_join(
                    _one(track.summary),
                    _labelled(msg.track_phases, [p.title for p in track.phases]),
                ),
                sources=tuple(track.sources),
            )
        )
        for phase in track.phases:
            phase_title = {
                lang: f"{phase.title.get(lang)} ({track.title.get(lang)})" for lang in LANGS
            }
            docs.append(
                Doc(
                    id=f"phase:{track.id}:{phase.id}",
                    kind="phase",
                    title=phase_title,
                    text=_join(
                        _prefixed(msg.phase_purpose, phase.purpose),
                        _labelled(msg.phase_actions, [a.title for a in phase.actions]),
                    ),
                    sources=tuple(phase.sources),
                )
            )
            for point in phase.attention:
                docs.append(
                    Doc(
                        id=f"attention:{track.id}:{point.id}",
                        kind="attention",
                        title={
                            lang: f"{msg.attention.get(lang)}: {phase_title[lang]}"
                            for lang in LANGS
                        },
                        text=_one(point.text),
                        sources=tuple(point.sources),
                        context=phase_title,
                        lead={
                            lang: msg.attention_lead.get(lang).format(phase=phase_title[lang])
                            for lang in LANGS
                        },
                    )
                )
            for action in phase.actions:
                role_titles = [
                    roles[r].title if r in roles else Text(da=r, en=r) for r in action.roles
                ]
                docs.append(
                    Doc(
                        id=f"action:{track.id}:{action.id}",
                        kind="action",
                        title=_one(action.title),
                        text=_join(
                            _one(action.guidance),
                            _prefixed(msg.action_done, action.done),
                            _labelled(msg.action_roles, role_titles),
                        ),
                        sources=tuple(action.sources),
                        roles=tuple(action.roles),
                        context=phase_title,
                        lead={
                            lang: msg.action_lead.get(lang).format(
                                phase=phase_title[lang], action=action.title.get(lang)
                            )
                            for lang in LANGS
                        },
                    )
                )
    return docs


def role_docs(roles: Iterable[Role], config: AssistantFile) -> list[Doc]:
    prefix = config.messages.role_prefix
    return [
        Doc(
            id=f"role:{role.id}",
            kind="role",
            title={lang: f"{prefix.get(lang)}: {role.title.get(lang)}" for lang in LANGS},
            text=_one(role.description),
            sources=tuple(role.sources),
            roles=(role.id,),
        )
        for role in roles
    ]


def knowledge_docs(files: Iterable[KnowledgeFile]) -> list[Doc]:
    return [
        Doc(
            id=f"knowledge:{p.id}",
            kind="knowledge",
            title=_one(p.title),
            text=_one(p.text),
            sources=tuple(p.sources),
            keywords=tuple(p.keywords),
            context=_one(f.topic),
            reviewed=f.reviewed,
        )
        for f in files
        for p in f.passages
    ]


def load_corpus(content_dir: Path | None = None) -> Corpus:
    """Read and validate all content. Journey files are optional (they may not exist
    yet); the assistant's own ``knowledge/assistant.yaml`` is required."""
    root = content_dir or default_content_dir()
    kdir = root / KNOWLEDGE_DIR
    config_path = kdir / "assistant.yaml"
    if not config_path.is_file():
        raise ContentError(f"{config_path}: missing")
    config = _parse(AssistantFile, config_path)
    files = [config_path]

    sources: dict[str, Source] = {}
    for path in (root / "sources.yaml", kdir / "sources.yaml"):
        if path.is_file():
            files.append(path)
            for source in _parse(SourcesFile, path).sources:
                sources.setdefault(source.id, source)  # content/sources.yaml wins

    roles: dict[str, Role] = {}
    roles_path = root / "roles.yaml"
    if roles_path.is_file():
        files.append(roles_path)
        roles = {r.id: r for r in _parse(RolesFile, roles_path).roles}

    tracks = []
    for path in sorted((root / "journey").glob("*.yaml")):
        files.append(path)
        tracks.append(_parse(TrackFile, path))

    knowledge = []
    for path in sorted(kdir.glob("*.yaml")):
        if path.name not in SPECIAL_KNOWLEDGE_FILES:
            files.append(path)
            knowledge.append(_parse(KnowledgeFile, path))

    docs = journey_docs(tracks, roles, config) + role_docs(roles.values(), config)
    docs += knowledge_docs(knowledge)
    seen: set[str] = set()
    for doc in docs:
        if doc.id in seen:
            raise ContentError(f"duplicate passage id: {doc.id}")
        seen.add(doc.id)
        for ref in doc.sources:
            if ref.doc not in sources:
                log.warning("passage %s cites unknown source %r", doc.id, ref.doc)
    return Corpus(docs=docs, sources=sources, roles=roles, config=config, files=files)
