"""Everything the assistant answers from, as one flat list of passages (pure).

The journey (tracks, phases, actions, attention points, roles, sources — as schema
objects) and the assistant's own knowledge folder (:func:`parse_knowledge`, the
registered ``parse`` of ``content/knowledge``) become :class:`Doc` passages: a title and
text per language plus the source references (:func:`build_corpus`). The web and the CLI
give it the content as loaded in the database (:mod:`vejviser.assistant.answering`);
:func:`load_corpus` reads a content folder's files instead, for tests and for trying
files before they are loaded.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from vejviser.assistant.core import wordlists
from vejviser.assistant.core.schema import AssistantFile, KnowledgeFile
from vejviser.kernel.files import ContentError as FileError
from vejviser.kernel.files import ContentErrors
from vejviser.kernel.schema import Role, Source, SourceRef, SourcesFile, Text, TrackFile
from vejviser.kernel.yamllines import line_of

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
    #: The Vejviser tool a knowledge passage describes (its purpose and use), if any.
    tool: str | None = None
    #: The tools a journey action offers (tool ids), to link on the user's project.
    tools: tuple[str, ...] = ()


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
    tracks: Iterable[TrackFile],
    roles: Mapping[str, Role],
    config: AssistantFile,
    tools: Mapping[str, Text] | None = None,
) -> list[Doc]:
    """Turn tracks, phases, actions and attention points into passages. ``tools``: the
    names of the tools the knowledge explains (tool id -> its passage's title); an
    action names those it offers, so "how do I …?" finds the step, its roles and tool."""
    tools = tools or {}
    msg = config.messages
    rank = {role_id: i for i, role_id in enumerate(roles)}
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
                # In the roles' own order, as the journey page lists them.
                action_roles = sorted(action.roles, key=lambda r: rank.get(r, len(rank)))
                role_titles = [
                    roles[r].title if r in roles else Text(da=r, en=r) for r in action_roles
                ]
                offered = [tools[t] for t in action.tools if t in tools]
                docs.append(
                    Doc(
                        id=f"action:{track.id}:{action.id}",
                        kind="action",
                        title=_one(action.title),
                        text=_join(
                            _one(action.guidance),
                            _prefixed(msg.action_done, action.done),
                            _labelled(msg.action_roles, role_titles),
                            _labelled(msg.action_tools, offered) if offered else {},
                        ),
                        sources=tuple(action.sources),
                        roles=tuple(action_roles),
                        tools=tuple(action.tools),
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
            # A tool's passage says "the tool …": the answer names the tool first.
            lead={lang: f"{_flat(p.title.get(lang))}:" for lang in LANGS} if p.tool else {},
            reviewed=f.reviewed,
            tool=p.tool,
        )
        for f in files
        for p in f.passages
    ]


@dataclass(frozen=True)
class Knowledge:
    """The validated ``content/knowledge`` folder."""

    config: AssistantFile
    sources: list[Source]
    files: list[KnowledgeFile]
    #: ``assistant.yaml`` as parsed (round-trip YAML when read from a file), for the
    #: lines of word-list errors found once the whole corpus is known.
    raw_config: Any = None


def _validate(model: type[M], data: Any, name: str, errors: list[FileError]) -> M | None:
    if data is None:
        errors.append(FileError(name, None, "file is empty"))
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = [p for p in err["loc"] if isinstance(p, int | str)]
            dotted = ".".join(str(p) for p in loc) or "(file)"
            msg = err["msg"].removeprefix("Value error, ")
            errors.append(FileError(name, line_of(data, loc), f"{dotted}: {msg}"))
        return None


def parse_knowledge(docs: Mapping[str, Any]) -> Knowledge:
    """The registered ``parse`` of ``content/knowledge``: ``assistant.yaml`` (required),
    ``sources.yaml`` and topic files (file name -> parsed YAML). Raises
    :class:`ContentErrors` naming each file (and line, when parsed from a file)."""
    errors: list[FileError] = []
    if "assistant.yaml" not in docs:
        raise ContentErrors([FileError("assistant.yaml", None, "file is missing")])
    config = _validate(AssistantFile, docs["assistant.yaml"], "assistant.yaml", errors)
    if config is not None:
        errors += wordlists.check_config(config, docs["assistant.yaml"])
    sources: list[Source] = []
    if "sources.yaml" in docs:
        found = _validate(SourcesFile, docs["sources.yaml"], "sources.yaml", errors)
        sources = list(found.sources) if found else []
    files = []
    seen: dict[str, str] = {}
    for name in sorted(docs):
        if name in SPECIAL_KNOWLEDGE_FILES:
            continue
        topic = _validate(KnowledgeFile, docs[name], name, errors)
        if topic is None:
            continue
        files.append(topic)
        errors += wordlists.check_keywords(name, topic, docs[name])
        for i, passage in enumerate(topic.passages):
            if passage.id in seen:
                line = line_of(docs[name], ["passages", i, "id"])
                where = f"duplicate passage id: {passage.id} (also in {seen[passage.id]})"
                errors.append(FileError(name, line, where))
            seen[passage.id] = name
    if errors:
        raise ContentErrors(errors)
    assert config is not None
    return Knowledge(config, sources, files, docs["assistant.yaml"])


def build_corpus(
    knowledge: Knowledge,
    sources: Iterable[Source] = (),
    roles: Iterable[Role] = (),
    tracks: Iterable[TrackFile] = (),
    *,
    strict: bool = True,
    tools: Mapping[str, Mapping[str, Any]] | None = None,
) -> Corpus:
    """The passages of the journey (``sources``, ``roles`` in their order, ``tracks``)
    and of the knowledge folder. The journey's sources win over the knowledge's.
    Word-list terms no passage uses are :class:`ContentErrors` when ``strict`` (files
    being tried or tested); the running site (``strict=False``) logs them and goes on —
    the index leaves such terms out — so retiring a knowledge file in the admin does not
    stop the assistant. ``tools``: the tool folders' documents (folder -> file name ->
    data), made into passages by :func:`vejviser.assistant.core.tooldocs.tool_docs`."""
    from vejviser.assistant.core.tooldocs import tool_docs

    config = knowledge.config
    by_id: dict[str, Source] = {}
    for source in [*sources, *knowledge.sources]:
        by_id.setdefault(source.id, source)
    role_map: dict[str, Role] = {r.id: r for r in roles}
    tool_names: dict[str, Text] = {
        p.tool: p.title for f in knowledge.files for p in f.passages if p.tool
    }
    docs = journey_docs(tracks, role_map, config, tool_names)
    docs += role_docs(role_map.values(), config)
    docs += knowledge_docs(knowledge.files)
    tool_infos: dict[str, tuple[Mapping[str, str], tuple[SourceRef, ...]]] = {
        p.tool: ({lang: _flat(p.title.get(lang)) for lang in LANGS}, tuple(p.sources))
        for f in knowledge.files
        for p in f.passages
        if p.tool
    }
    docs += tool_docs(tools or {}, config, tool_infos)
    texts = {
        lang: [
            " ".join([d.title[lang], d.text[lang], *d.keywords, d.context.get(lang, "")])
            for d in docs
        ]
        for lang in LANGS
    }
    absent = wordlists.absent_terms(config, knowledge.raw_config, texts)
    if absent and strict:
        raise ContentErrors(absent)
    for error in absent:
        log.warning("knowledge word list: %s", error)
    seen: set[str] = set()
    for doc in docs:
        if doc.id in seen:
            raise ContentError(f"duplicate passage id: {doc.id}")
        seen.add(doc.id)
        for ref in doc.sources:
            if ref.doc not in by_id:
                log.warning("passage %s cites unknown source %r", doc.id, ref.doc)
    return Corpus(docs=docs, sources=by_id, roles=role_map, config=config)


def read_knowledge(content_dir: Path) -> tuple[dict[str, Any], list[Path]]:
    """The files of ``<content_dir>/knowledge`` (name -> round-trip YAML)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    kdir = content_dir / KNOWLEDGE_DIR
    if not (kdir / "assistant.yaml").is_file():
        raise ContentError(f"{kdir / 'assistant.yaml'}: missing")
    docs: dict[str, Any] = {}
    paths = sorted(kdir.glob("*.yaml"))
    for path in paths:
        try:
            with path.open(encoding="utf-8") as handle:
                docs[path.name] = YAML(typ="rt").load(handle)
        except (YAMLError, UnicodeDecodeError) as exc:
            raise ContentError(f"{path}: cannot read YAML: {exc}") from exc
    return docs, paths


def load_corpus(content_dir: Path | None = None) -> Corpus:
    """Read and validate a content folder's files (the journey when present). For tests
    and for trying files before ``vejviser content load``; the running site and the CLI
    answer from the loaded content instead."""
    from vejviser.kernel.files import read_content

    root = content_dir or default_content_dir()
    docs, paths = read_knowledge(root)
    try:
        knowledge = parse_knowledge(docs)
        bundle = read_content(root) if (root / "journey").is_dir() else None
    except ContentErrors as exc:
        located = [
            FileError(str(root / KNOWLEDGE_DIR / e.path), e.line, e.message)
            if e.path in docs
            else e
            for e in exc.errors
        ]
        raise ContentError("\n".join(str(e) for e in located)) from exc
    from vejviser.assistant.core.tooldocs import read_tool_folders

    tools = read_tool_folders(root)
    try:
        if bundle is None:
            corpus = build_corpus(knowledge, tools=tools)
        else:
            corpus = build_corpus(
                knowledge, bundle.sources.sources, bundle.roles.roles, bundle.tracks, tools=tools
            )
            paths += [root.parent / f for f in bundle.files]
    except ContentErrors as exc:
        located = [
            FileError(str(root / KNOWLEDGE_DIR / e.path), e.line, e.message) for e in exc.errors
        ]
        raise ContentError("\n".join(str(e) for e in located)) from exc
    corpus.files = paths
    return corpus
