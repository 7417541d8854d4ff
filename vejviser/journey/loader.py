"""Load the validated content files into the database.

Everything is read and validated first (:func:`.files.read_content`); only then is the
database changed, inside one transaction. A load of unchanged files changes nothing
(idempotent); every load that changes something is recorded as a :class:`ContentVersion`.
Rows edited in the admin (``locally_modified``) are kept unless ``overwrite_local``.
Items that disappear from the files are marked ``retired``, never deleted, so the
projects that use them keep their history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from django.db import models, transaction

from vejviser.kernel.files import ContentBundle, content_digest, read_content
from vejviser.kernel.schema import SourceRef

from .models import Action, AttentionPoint, ContentItem, ContentVersion, Phase, Role, Source, Track

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


def load_content(
    directory: Path,
    *,
    loaded_by: str = "",
    force: bool = False,
    overwrite_local: bool = False,
) -> LoadReport:
    """Validate and load the content in ``directory``. Raises ``ContentErrors`` on bad files."""
    latest = ContentVersion.objects.first()
    if latest and not force and not overwrite_local and latest.digest == content_digest(directory):
        return LoadReport(digest=latest.digest, unchanged=True, version_id=latest.id)
    bundle = read_content(directory)
    report = LoadReport(digest=bundle.digest)
    with transaction.atomic():
        _apply(bundle, _Loader(report, overwrite_local))
        version = ContentVersion.objects.create(
            digest=bundle.digest, loaded_by=loaded_by, summary=report.as_dict()
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
