"""Load the validated content files into the database.

Everything is read and validated first — the journey (:func:`.files.read_content`) and
every registered content folder (its ``parse``, on the documents as they would be stored,
so a kept admin edit is checked together with the new files) — and only then is the
database changed, inside one transaction: all or nothing. A load of unchanged files
changes nothing (idempotent); every load that changes something is recorded as a
:class:`ContentVersion`, which moves the content revision. Rows and documents edited in
the admin (``locally_modified``) are kept unless ``overwrite_local``. Items that disappear
from the files are marked ``retired``, never deleted, so the projects that use them keep
their history.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from django.db import models, transaction
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from vejviser.kernel.files import (
    ContentBundle,
    ContentError,
    ContentErrors,
    content_files,
    read_content,
)
from vejviser.kernel.schema import SourceRef

from . import content
from .models import (
    Action,
    AttentionPoint,
    ContentDocument,
    ContentItem,
    ContentVersion,
    Phase,
    Role,
    Source,
    Track,
)

T = TypeVar("T", bound=models.Model)


@dataclass
class LoadReport:
    digest: str
    unchanged: bool = False
    created: int = 0
    updated: int = 0
    retired: int = 0
    kept_local: list[str] = field(default_factory=list)
    version_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "digest": self.digest,
            "unchanged": self.unchanged,
            "created": self.created,
            "updated": self.updated,
            "retired": self.retired,
            "kept_local": self.kept_local,
            "version_id": self.version_id,
        }


def _refs(refs: list[SourceRef]) -> list[dict[str, str]]:
    return [{"doc": r.doc, "section": r.section} for r in refs]


class _Loader:
    def __init__(self, report: LoadReport, overwrite_local: bool) -> None:
        self.report = report
        self.overwrite_local = overwrite_local

    def upsert(
        self, model: type[T], lookup: dict[str, Any], values: dict[str, Any], label: str
    ) -> T:
        obj = model._default_manager.filter(**lookup).first()
        if obj is None:
            obj = model._default_manager.create(**lookup, **values)
            self.report.created += 1
            return obj
        if isinstance(obj, ContentItem) and obj.locally_modified and not self.overwrite_local:
            self.report.kept_local.append(label)
            if obj.retired:
                obj.retired = False
                obj.save(update_fields=["retired"])
            return obj
        if isinstance(obj, ContentItem):
            values = {**values, "locally_modified": False, "retired": False}
        changed = [k for k, v in values.items() if getattr(obj, k) != v]
        if changed:
            for key in changed:
                setattr(obj, key, values[key])
            obj.save(update_fields=changed)
            self.report.updated += 1
        return obj

    def retire(self, queryset: models.QuerySet[Any], keep_ids: set[int]) -> None:
        self.report.retired += (
            queryset.exclude(id__in=keep_ids).filter(retired=False).update(retired=True)
        )


# -- reading the files ----------------------------------------------------------------


def folder_files(directory: Path, folder: str) -> list[Path]:
    """The files of a content folder: ``content/<folder>/*.yaml``, by name."""
    return sorted((Path(directory) / folder).glob("*.yaml"))


def digest_of(directory: Path, folders: list[str]) -> str:
    """A digest of every content file's bytes (cheap: no parsing) and of the folders."""
    digest = hashlib.sha256()
    paths = [*content_files(directory)]
    for folder in folders:
        digest.update(f"folder {folder}\0".encode())
        paths += folder_files(directory, folder)
    for path in paths:
        if path.exists():
            digest.update(f"{path.parent.name}/{path.name}".encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def read_documents(
    directory: Path, folder: str
) -> tuple[dict[str, str], dict[str, Any], list[ContentError]]:
    """Texts and parsed YAML (round-trip: errors can name lines) of a folder's files."""
    texts: dict[str, str] = {}
    docs: dict[str, Any] = {}
    errors: list[ContentError] = []
    for path in folder_files(directory, folder):
        rel = f"content/{folder}/{path.name}"
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            errors.append(ContentError(rel, None, "file is not UTF-8"))
            continue
        try:
            docs[path.name] = parse_yaml(text)
        except ContentErrors as exc:
            errors += [ContentError(rel, e.line, e.message) for e in exc.errors]
            continue
        texts[path.name] = text
    return texts, docs, errors


def parse_yaml(text: str) -> Any:
    """One document's YAML (round-trip); :class:`ContentErrors` with the line if bad."""
    try:
        return YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise ContentErrors([ContentError("", line, f"YAML: {exc.problem}")]) from exc
    except YAMLError as exc:
        raise ContentErrors([ContentError("", None, f"YAML: {exc}")]) from exc


def plain(node: Any) -> Any:
    """Parsed YAML as plain Python values (dict, list, str, int, float, bool, None, date),
    as it is stored and as every ``parse`` gets it back from the database."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list | tuple):
        return [plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return bool(node) if node is not None else None
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, dt.datetime):
        return dt.datetime.fromisoformat(node.isoformat())
    if isinstance(node, dt.date):
        return dt.date.fromisoformat(node.isoformat())
    return node


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class _Folder:
    """One folder, read and checked, ready to store."""

    name: str
    texts: dict[str, str]
    docs: dict[str, Any]
    stored: dict[str, ContentDocument]
    kept: set[str]


def check_folders(directory: Path) -> list[ContentError]:
    """Every registered folder's files checked as a load would (no database): the
    errors, each naming its file."""
    errors: list[ContentError] = []
    for folder in sorted(content.registered_folders()):
        _texts, docs, read_errors = read_documents(Path(directory), folder)
        errors += read_errors
        if not read_errors:
            try:
                content.parse_folder(folder, dict(sorted(docs.items())))
            except ContentErrors as exc:
                errors += exc.errors
    return errors


def _read_folders(
    directory: Path, folders: list[str], overwrite_local: bool, errors: list[ContentError]
) -> list[_Folder]:
    """Read and check every folder: its ``parse`` must accept the documents as they will
    be stored (the files, with the admin's kept edits in place of theirs)."""
    result = []
    for folder in folders:
        texts, docs, read_errors = read_documents(directory, folder)
        errors += read_errors
        stored = {d.name: d for d in ContentDocument.objects.filter(folder=folder)}
        kept = set()
        if not overwrite_local:
            kept = {n for n, d in stored.items() if d.locally_modified and not d.retired}
        merged = {**docs, **{n: stored[n].data for n in kept}}
        if not read_errors:
            try:
                content.parse_folder(folder, dict(sorted(merged.items())))
            except ContentErrors as exc:
                errors += exc.errors
        result.append(_Folder(folder, texts, docs, stored, kept))
    return result


def _store_folder(entry: _Folder, report: LoadReport) -> None:
    for name, text in entry.texts.items():
        label = f"document {entry.name}/{name}"
        row = entry.stored.get(name)
        if name in entry.kept:
            report.kept_local.append(label)
            continue
        digest = text_digest(text)
        if row is None:
            ContentDocument.objects.create(
                folder=entry.name,
                name=name,
                text=text,
                data=plain(entry.docs[name]),
                digest=digest,
            )
            report.created += 1
        elif row.digest != digest or row.retired or row.locally_modified:
            row.text, row.data, row.digest = text, plain(entry.docs[name]), digest
            row.retired = row.locally_modified = False
            row.save()
            report.updated += 1
    for name, row in entry.stored.items():
        if name not in entry.texts and not row.retired:
            if name in entry.kept:
                report.kept_local.append(f"document {entry.name}/{name}")
            else:
                row.retired = True
                row.save(update_fields=["retired"])
                report.retired += 1


def load_content(
    directory: Path,
    *,
    loaded_by: str = "",
    force: bool = False,
    overwrite_local: bool = False,
) -> LoadReport:
    """Validate and load the content in ``directory``: the journey and every registered
    folder. Raises ``ContentErrors`` (every problem, each naming its file) and then
    changes nothing."""
    directory = Path(directory)
    folders = sorted(content.registered_folders())
    digest = digest_of(directory, folders)
    latest = ContentVersion.objects.order_by("-id").first()
    if latest and not force and not overwrite_local and latest.digest == digest:
        return LoadReport(digest=digest, unchanged=True, version_id=latest.id)
    errors: list[ContentError] = []
    bundle: ContentBundle | None = None
    try:
        bundle = read_content(directory)
    except ContentErrors as exc:
        errors += exc.errors
    checked = _read_folders(directory, folders, overwrite_local, errors)
    if errors or bundle is None:
        raise ContentErrors(errors)
    report = LoadReport(digest=digest)
    with transaction.atomic(), content.loading():
        _apply(bundle, _Loader(report, overwrite_local))
        for entry in checked:
            _store_folder(entry, report)
        changed = report.created or report.updated or report.retired
        if latest is not None and latest.digest == digest and not changed:
            report.unchanged = True
            report.version_id = latest.id
            return report
        version = ContentVersion.objects.create(
            digest=digest, loaded_by=loaded_by, summary=report.as_dict()
        )
        report.version_id = version.id
    return report


def _apply(bundle: ContentBundle, loader: _Loader) -> None:
    for src in bundle.sources.sources:
        loader.upsert(
            Source,
            {"slug": src.id},
            {
                "title_da": src.title.da,
                "title_en": src.title.en,
                "kind": src.kind,
                "url": src.url or "",
                "publisher": src.publisher or "",
            },
            f"source {src.id}",
        )

    roles: dict[str, Role] = {}
    for order, role in enumerate(bundle.roles.roles, start=1):
        roles[role.id] = loader.upsert(
            Role,
            {"slug": role.id},
            {
                "order": order,
                "title_da": role.title.da,
                "title_en": role.title.en,
                "description_da": role.description.da,
                "description_en": role.description.en,
                "sources": _refs(role.sources),
            },
            f"role {role.id}",
        )

    track_ids: set[int] = set()
    for tf in bundle.tracks:
        track = loader.upsert(
            Track,
            {"slug": tf.id},
            {
                "order": tf.order,
                "title_da": tf.title.da,
                "title_en": tf.title.en,
                "summary_da": tf.summary.da,
                "summary_en": tf.summary.en,
                "sources": _refs(tf.sources),
            },
            f"track {tf.id}",
        )
        track_ids.add(track.id)
        phase_ids: set[int] = set()
        for p_order, pf in enumerate(tf.phases, start=1):
            phase = loader.upsert(
                Phase,
                {"track": track, "slug": pf.id},
                {
                    "order": p_order,
                    "title_da": pf.title.da,
                    "title_en": pf.title.en,
                    "purpose_da": pf.purpose.da,
                    "purpose_en": pf.purpose.en,
                    "sources": _refs(pf.sources),
                },
                f"phase {tf.id}/{pf.id}",
            )
            phase_ids.add(phase.id)
            point_ids: set[int] = set()
            for a_order, ap in enumerate(pf.attention, start=1):
                point = loader.upsert(
                    AttentionPoint,
                    {"phase": phase, "slug": ap.id},
                    {
                        "order": a_order,
                        "text_da": ap.text.da,
                        "text_en": ap.text.en,
                        "sources": _refs(ap.sources),
                    },
                    f"attention {tf.id}/{pf.id}/{ap.id}",
                )
                point_ids.add(point.id)
            loader.retire(AttentionPoint.objects.filter(phase=phase), point_ids)
            action_ids: set[int] = set()
            for a_order, af in enumerate(pf.actions, start=1):
                label = f"action {tf.id}/{af.id}"
                action = _find_action(track, af.id)
                if action is not None and action.phase_id != phase.id:
                    # moved to another phase in the files
                    action.phase = phase
                    action.save(update_fields=["phase"])
                action = loader.upsert(
                    Action,
                    {"phase": phase, "slug": af.id},
                    {
                        "order": a_order,
                        "title_da": af.title.da,
                        "title_en": af.title.en,
                        "guidance_da": af.guidance.da,
                        "guidance_en": af.guidance.en,
                        "done_da": af.done.da,
                        "done_en": af.done.en,
                        "tools": list(af.tools),
                        "shared_with_vendor": af.shared_with_vendor,
                        "sources": _refs(af.sources),
                    },
                    label,
                )
                if label not in loader.report.kept_local:
                    wanted = [roles[r] for r in af.roles]
                    if {r.id for r in action.roles.all()} != {r.id for r in wanted}:
                        action.roles.set(wanted)
                        loader.report.updated += 1
                action_ids.add(action.id)
            loader.retire(Action.objects.filter(phase=phase), action_ids)
        loader.retire(Phase.objects.filter(track=track), phase_ids)
        loader.retire(Action.objects.filter(phase__track=track, phase__retired=True), set())
    loader.retire(Track.objects.all(), track_ids)


def _find_action(track: Track, slug: str) -> Action | None:
    return Action.objects.filter(phase__track=track, slug=slug).first()
