"""What each capability contributes, registered in its ``AppConfig.ready()``.

``projects`` (and the API, the demo, the assistant) never import a capability: they
ask this registry. A capability app registers

- its tools on the journey steps: :func:`vejviser.journey.tools.register`;
- its demo part: :func:`register_demo` — a function that adds the capability's demo
  data to the demo projects (idempotent: running it twice changes nothing);
- its JSON API: :func:`register_router` — a django-ninja ``Router`` mounted under
  ``/api/v1/<prefix>``;
- a panel on the project page and the dashboard: :func:`register_project_panel` — a
  function ``(user, project or None) -> HTML`` rendered by ``{% project_panels %}``.
- what it shares with other installations: :func:`register_share_item`;
- what it adds to the project record the documents are made from:
  :func:`register_record_section` (e.g. market's requirements, monitoring's plan);
- its columns on management's portfolio: :func:`register_portfolio_facts`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DemoPart:
    name: str
    target: str  # "module:function", imported when the demo is loaded (start-up stays light)
    order: int

    def load(self) -> Any:
        module, attr = self.target.split(":")
        function: Callable[[], Any] = getattr(importlib.import_module(module), attr)
        return function()


_DEMOS: dict[str, DemoPart] = {}
_ROUTERS: dict[str, Any] = {}


def register_demo(name: str, target: str, *, order: int = 100) -> None:
    """``target`` (``"module:function"``) adds this capability's demo data; lower
    ``order`` runs first (a part that reads another's results runs later)."""
    _DEMOS[name] = DemoPart(name, target, order)


def demo_parts() -> list[DemoPart]:
    return sorted(_DEMOS.values(), key=lambda p: (p.order, p.name))


def register_router(prefix: str, router: Any) -> None:
    """Mount ``router`` (a ``ninja.Router``) at ``/api/v1/<prefix>``."""
    if prefix in _ROUTERS and _ROUTERS[prefix] is not router:
        raise ValueError(f"API prefix {prefix!r} is registered twice")
    _ROUTERS[prefix] = router


def routers() -> list[tuple[str, Any]]:
    return sorted(_ROUTERS.items())


_PANELS: dict[str, str] = {}


def register_project_panel(name: str, target: str) -> None:
    """``target`` (``"module:function"``) renders this capability's panel: called with
    the user and the project (the project page) or ``None`` (the dashboard); returns
    HTML, or ``""`` to show nothing."""
    _PANELS[name] = target


def project_panels(user: Any, project: Any | None) -> list[str]:
    """Every registered panel's HTML for this user and project, in name order."""
    out = []
    for name in sorted(_PANELS):
        module, attr = _PANELS[name].split(":")
        html = getattr(importlib.import_module(module), attr)(user, project)
        if html:
            out.append(str(html))
    return out


_RECORD_SECTIONS: dict[str, str] = {}


def register_record_section(name: str, target: str) -> None:
    """``target`` (``"module:function"``) is ``function(project, lang, steps)`` returning
    the capability's part of the project record for documents (``section:<name>`` in a
    document template), or ``None`` when the project has nothing yet. ``steps`` are the
    steps the reader may see (a vendor sees only shared ones). The part is plain data::

        {"origin": "Tender evaluation of 3 May 2027",
         "blocks": [{"type": "paragraph", "text": "..."},
                    {"type": "table", "header": ["..."], "rows": [["..."]], "caption": ""},
                    {"type": "facts", "rows": [["label", "value"]]},
                    {"type": "bullets", "items": ["..."]},
                    {"type": "figure", "svg": "<svg...", "caption": "..."}]}
    """
    _RECORD_SECTIONS[name] = target


def record_sections() -> dict[str, Callable[..., Any]]:
    """Name -> the imported function, for every registered record section."""
    out: dict[str, Callable[..., Any]] = {}
    for name, target in sorted(_RECORD_SECTIONS.items()):
        module, attr = target.split(":")
        out[name] = getattr(importlib.import_module(module), attr)
    return out


_SHARE_ITEMS: dict[str, str] = {}


def register_share_item(name: str, target: str) -> None:
    """``target`` (``"module:function"``) is ``function(project) -> dict | None``: the
    capability's shareable summary of the project (e.g. ``validation``, ``business-case``,
    ``monitoring``, ``record``), or ``None`` when it has nothing yet. The summary is plain
    JSON data made of aggregates only: never patient-level data and never a person's name
    (people appear as roles). The sharing app decides, from the level its owner chose for
    the item (internal, region, national, public), whether it goes into a bundle."""
    if name in _SHARE_ITEMS and _SHARE_ITEMS[name] != target:
        raise ValueError(f"share item {name!r} is registered twice")
    _SHARE_ITEMS[name] = target


def share_items() -> dict[str, Callable[..., Any]]:
    """Name -> the imported function, for every registered share item."""
    out: dict[str, Callable[..., Any]] = {}
    for name, target in sorted(_SHARE_ITEMS.items()):
        module, attr = target.split(":")
        out[name] = getattr(importlib.import_module(module), attr)
    return out


_PORTFOLIO_FACTS: dict[str, str] = {}


def register_portfolio_facts(name: str, target: str) -> None:
    """``target`` (``"module:function"``) is ``function(ids, lang) -> {project_id: {...}}``:
    the capability's columns on the portfolio for the projects ``ids`` (a queryset of
    project ids, used as a subquery), in **one query** (or a fixed few) whatever the number
    of projects. The keys of each project's dict are the portfolio row's fields (e.g.
    ``ai_act_tier``, ``npv_p50``, ``validation``, ``monitoring``); a project with nothing
    is left out."""
    if name in _PORTFOLIO_FACTS and _PORTFOLIO_FACTS[name] != target:
        raise ValueError(f"portfolio facts {name!r} are registered twice")
    _PORTFOLIO_FACTS[name] = target


def portfolio_facts() -> dict[str, Callable[..., Any]]:
    """Name -> the imported function, for every registered portfolio facts provider."""
    out: dict[str, Callable[..., Any]] = {}
    for name, target in sorted(_PORTFOLIO_FACTS.items()):
        module, attr = target.split(":")
        out[name] = getattr(importlib.import_module(module), attr)
    return out
