"""The one source of content for every capability: what is loaded, and when it moved.

A capability whose guidance lives in ``content/<folder>/*.yaml`` registers, in its
``AppConfig.ready()``, how to turn that folder into its validated content::

    from vejviser.journey.content import register_folder
    register_folder("market", "vejviser.market.core.content:parse")

``parse(docs)`` is pure: ``docs`` maps each file name (``"requirements.yaml"``) to its
parsed YAML (plain dicts and lists, dates as dates); it returns the capability's content
object or raises :class:`vejviser.kernel.files.ContentErrors`. ``vejviser content load``
reads every registered folder, runs its ``parse`` (nothing is stored unless every folder
parses) and stores the files as :class:`~vejviser.journey.models.ContentDocument` rows;
content editors may edit those in the admin. Everywhere else the capability asks
:func:`folder_data` for its content — built from the stored documents, never the files —
so pages, the assistant, the CLI and every server process see the same content, and see
it change.

:func:`revision` moves whenever content changes (a load that changes something, or an
edit of a journey row or a document, in the admin or in code). Objects built from content
are kept per revision (:func:`per_revision`) and rebuilt in each process when it moves;
checking costs one indexed query.
"""

from __future__ import annotations

import contextlib
import importlib
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings

from vejviser.kernel import schema
from vejviser.kernel.files import ContentError, ContentErrors

T = TypeVar("T")

_FOLDERS: dict[str, str] = {}
_LOCK = threading.Lock()
_CACHE: dict[Any, tuple[tuple[int, str], Any]] = {}
_BUILDING: dict[Any, threading.Lock] = {}
_STATE = threading.local()


class ContentNotLoaded(LookupError):
    """A registered folder has no stored documents yet (run ``vejviser content load``)."""


def register_folder(folder: str, parse: str) -> None:
    """``parse`` is ``"module:function"``, imported when the content is first needed."""
    _FOLDERS[folder] = parse


def registered_folders() -> dict[str, str]:
    return dict(_FOLDERS)


def _parser(folder: str) -> Callable[[Mapping[str, Any]], Any]:
    module, attr = _FOLDERS[folder].split(":")
    parse: Callable[[Mapping[str, Any]], Any] = getattr(importlib.import_module(module), attr)
    return parse


def parse_folder(folder: str, docs: Mapping[str, Any]) -> Any:
    """Run the folder's ``parse`` on ``docs``; errors name ``content/<folder>/<file>``."""
    try:
        return _parser(folder)(docs)
    except ContentErrors as exc:
        raise ContentErrors(
            [
                ContentError(f"content/{folder}/{e.path}", e.line, e.message)
                if e.path in docs
                else e
                for e in exc.errors
            ]
        ) from exc


def current() -> tuple[int, str]:
    """The revision and its token (unique across databases), in one query — once per
    web request: a page that reads several kinds of content checks the revision once."""
    memo = getattr(_STATE, "request_revision", None)
    if memo is not None:
        return memo  # type: ignore[no-any-return]
    from .models import ContentVersion

    latest = ContentVersion.objects.order_by("-id").values_list("id", "token").first()
    found = (int(latest[0]), str(latest[1])) if latest else (0, "")
    if getattr(_STATE, "in_request", False):
        _STATE.request_revision = found
    return found


def _request_started(**_: Any) -> None:
    _STATE.in_request = True
    _STATE.request_revision = None


def _request_finished(**_: Any) -> None:
    _STATE.in_request = False
    _STATE.request_revision = None


def revision() -> int:
    """A number that moves whenever any content changes (one cheap query)."""
    return current()[0]


def read_folder(folder: str, content_dir: Path | None = None) -> dict[str, Any]:
    """The documents of the files ``content/<folder>/*.yaml`` (file name -> parsed YAML,
    plain values as they are stored); :class:`ContentErrors` names a file that is not
    YAML. For tests and tools: the site reads the loaded content (:func:`folder_data`)."""
    from .loader import plain, read_documents

    root = Path(content_dir or settings.CONTENT_DIR)
    _texts, docs, errors = read_documents(root, folder)
    if errors:
        raise ContentErrors(errors)
    return {name: plain(doc) for name, doc in docs.items()}


def stored_documents(folder: str) -> dict[str, Any]:
    """The folder's documents as loaded or edited (file name -> data), by name."""
    from .models import ContentDocument

    rows = ContentDocument.objects.filter(folder=folder, retired=False).order_by("name")
    return dict(rows.values_list("name", "data"))


def per_revision(key: Any, build: Callable[[], T]) -> T:
    """``build()``'s result, kept in this process until the content revision moves. One
    thread builds while the others (of a threaded server) wait for its result."""
    rev = current()
    with _LOCK:
        hit = _CACHE.get(key)
        if hit is not None and hit[0] == rev:
            return hit[1]  # type: ignore[no-any-return]
        building = _BUILDING.setdefault(key, threading.Lock())
    with building:
        with _LOCK:
            hit = _CACHE.get(key)
            if hit is not None and hit[0] == rev:
                return hit[1]  # type: ignore[no-any-return]
        value = build()
        with _LOCK:
            _CACHE[key] = (rev, value)
    return value


def clear_cache() -> None:
    """Forget everything built in this process (tests)."""
    with _LOCK:
        _CACHE.clear()


def folder_data(folder: str) -> Any:
    """The validated content of ``content/<folder>/`` as loaded (and edited) now."""

    def build() -> Any:
        docs = stored_documents(folder)
        if not docs:
            raise ContentNotLoaded(f"content/{folder} is not loaded; run `vejviser content load`.")
        return parse_folder(folder, docs)

    return per_revision(("folder", folder), build)


# -- edits move the revision ---------------------------------------------------------


@contextlib.contextmanager
def loading() -> Iterator[None]:
    """Inside, saves of content rows are the loader's: it records one version itself."""
    _STATE.loading = True
    try:
        yield
    finally:
        _STATE.loading = False
        _STATE.request_revision = None


def note_edit(label: str, by: str = "") -> None:
    """Record an edit of content outside a load: the revision moves."""
    if getattr(_STATE, "loading", False):
        return
    _STATE.request_revision = None  # this request reads the edit too
    from .models import ContentVersion

    digest = ContentVersion.objects.order_by("-id").values_list("digest", flat=True).first()
    ContentVersion.objects.create(
        kind=ContentVersion.Kind.EDIT,
        digest=digest or "",
        loaded_by=by or getattr(_STATE, "editor", ""),
        summary={"edited": label},
    )


@contextlib.contextmanager
def edited_by(username: str) -> Iterator[None]:
    """Name the editor in the versions that edits inside record (the admin)."""
    _STATE.editor = username
    try:
        yield
    finally:
        _STATE.editor = ""


def _saved(sender: type[Any], instance: Any, raw: bool = False, **_: Any) -> None:
    if not raw:
        note_edit(f"{sender._meta.model_name} {instance}")


def _roles_changed(sender: type[Any], instance: Any, action: str, **_: Any) -> None:
    if action.startswith("post_"):
        note_edit(f"roles of {instance._meta.model_name} {instance}")


def connect_signals() -> None:
    """Called from the journey app's ``ready()``."""
    from django.core.signals import request_finished, request_started
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from .models import Action, AttentionPoint, ContentDocument, Phase, Role, Source, Track

    for model in (Source, Role, Track, Phase, AttentionPoint, Action, ContentDocument):
        uid = f"content-edit-{model._meta.model_name}"
        post_save.connect(_saved, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_saved, sender=model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(_roles_changed, sender=Action.roles.through, dispatch_uid="content-roles")
    request_started.connect(_request_started, dispatch_uid="content-request-started")
    request_finished.connect(_request_finished, dispatch_uid="content-request-finished")


# -- the journey as the pure cores see it ----------------------------------------------


def journey() -> JourneyContent:
    """The journey as loaded and edited (retired rows left out), as schema objects for
    the pure cores; rebuilt when the revision moves."""
    return per_revision(("journey",), _journey_from_rows)


@dataclass(frozen=True)
class JourneyContent:
    """Sources, roles (in their order) and tracks (phases, attention points, actions)."""

    sources: list[schema.Source]
    roles: list[schema.Role]
    tracks: list[schema.TrackFile]


def _journey_from_rows() -> JourneyContent:
    from django.db.models import Prefetch

    from .models import Action, AttentionPoint, Phase, Role, Source, Track

    def text(obj: Any, name: str) -> schema.Text:
        da = str(getattr(obj, f"{name}_da")).strip()
        return schema.Text.model_construct(da=da, en=str(getattr(obj, f"{name}_en")).strip() or da)

    def refs(obj: Any) -> list[schema.SourceRef]:
        return [
            schema.SourceRef.model_construct(doc=str(r["doc"]), section=str(r["section"]))
            for r in obj.sources or []
            if isinstance(r, dict) and "doc" in r and "section" in r
        ]

    sources = [
        schema.Source.model_construct(
            id=s.slug,
            title=text(s, "title"),
            kind=s.kind,
            url=s.url or None,
            publisher=s.publisher or None,
        )
        for s in Source.objects.order_by("slug")
    ]
    roles = [
        schema.Role.model_construct(
            id=r.slug,
            title=text(r, "title"),
            description=text(r, "description"),
            sources=refs(r),
        )
        for r in Role.objects.filter(retired=False).order_by("order", "id")
    ]
    current_roles = Prefetch("roles", queryset=Role.objects.filter(retired=False))
    actions = Action.objects.filter(retired=False).order_by("order", "id")
    phases = Phase.objects.filter(retired=False).order_by("order", "id")
    tracks = []
    for t in (
        Track.objects.filter(retired=False)
        .order_by("order", "id")
        .prefetch_related(
            Prefetch("phases", queryset=phases),
            Prefetch("phases__attention", queryset=AttentionPoint.objects.filter(retired=False)),
            Prefetch("phases__actions", queryset=actions.prefetch_related(current_roles)),
        )
    ):
        tracks.append(
            schema.TrackFile.model_construct(
                id=t.slug,
                order=t.order,
                title=text(t, "title"),
                summary=text(t, "summary"),
                sources=refs(t),
                phases=[
                    schema.Phase.model_construct(
                        id=p.slug,
                        title=text(p, "title"),
                        purpose=text(p, "purpose"),
                        sources=refs(p),
                        attention=[
                            schema.AttentionPoint.model_construct(
                                id=a.slug, text=text(a, "text"), sources=refs(a)
                            )
                            for a in sorted(p.attention.all(), key=lambda a: (a.order, a.id))
                        ],
                        actions=[
                            schema.Action.model_construct(
                                id=a.slug,
                                title=text(a, "title"),
                                guidance=text(a, "guidance"),
                                done=text(a, "done"),
                                roles=[r.slug for r in a.roles.all()],
                                tools=list(a.tools or []),
                                shared_with_vendor=a.shared_with_vendor,
                                sources=refs(a),
                            )
                            for a in p.actions.all()
                        ],
                    )
                    for p in t.phases.all()
                ],
            )
        )
    return JourneyContent(sources, roles, tracks)
