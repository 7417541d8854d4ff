"""A catalogue product's deployments, here and in other installations, as one reader
may see them (:class:`vejviser.sharing.access.Reader`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from vejviser.lib.capabilities import share_items
from vejviser.market.models import Product, ProductUse
from vejviser.portfolio.models import ProjectOrganisation
from vejviser.projects.models import Project

from .access import Reader
from .models import ImportedDeployment, ShareLevel


@dataclass
class Deployment:
    title: str
    organisation: list[str]
    items: dict[str, Any]
    levels: dict[str, str]
    project: Project | None = None  # a deployment in this installation
    imported: ImportedDeployment | None = None
    own: bool = False
    hidden_items: int = 0
    lang: str = "da"

    @property
    def shared_by(self) -> str:
        return self.organisation[0] if self.organisation else ""

    @property
    def shared_at(self) -> datetime | None:
        return self.imported.shared_at if self.imported else None

    @property
    def headline(self) -> str:
        """The latest validation's headline in the reader's language."""
        validation = self.items.get("validation") or {}
        texts = validation.get("headline") or {}
        return str(texts.get(self.lang) or texts.get("da") or "") if isinstance(texts, dict) else ""

    @property
    def monitoring(self) -> str:
        return str((self.items.get("monitoring") or {}).get("status") or "")

    @property
    def lessons(self) -> list[dict[str, Any]]:
        out = []
        for lesson in (self.items.get("lessons") or {}).get("lessons") or []:
            try:
                day: date | None = date.fromisoformat(str(lesson.get("date")))
            except ValueError:
                day = None
            out.append({**lesson, "day": day})
        return out

    @property
    def npv_p50(self) -> float | None:
        npv = (self.items.get("business-case") or {}).get("npv") or {}
        value = npv.get("p50")
        return float(value) if isinstance(value, int | float) else None

    @property
    def hours(self) -> float | None:
        value = (self.items.get("business-case") or {}).get("hours_freed_full_use_year")
        return float(value) if isinstance(value, int | float) else None


def deployments(product: Product, reader: Reader, lang: str = "da") -> tuple[list[Deployment], int]:
    """The deployments the reader may see something of, and how many others there are."""
    projects = list(
        Project.objects.filter(
            pk__in=ProductUse.objects.filter(product=product).values("project_id")
        ).order_by("title", "id")
    )
    links = {
        link.project_id: link
        for link in ProjectOrganisation.objects.filter(project__in=projects).select_related(
            "organisation__parent__parent__parent"
        )
    }
    stored: dict[int, dict[str, str]] = {}
    for pk, item, level in ShareLevel.objects.filter(project__in=projects).values_list(
        "project_id", "item", "level"
    ):
        stored.setdefault(pk, {})[item] = level
    functions = share_items()
    out: list[Deployment] = []
    hidden = 0
    for project in projects:
        link = links.get(project.pk)
        org_id = link.organisation_id if link else None
        own = reader.everything or project.pk in reader.own_projects
        levels = {name: stored.get(project.pk, {}).get(name, "internal") for name in functions}
        visible = [n for n, lv in levels.items() if reader.sees_local(project.pk, org_id, lv)]
        if not visible:
            hidden += 1
            continue
        items = {}
        for name in visible:
            value = functions[name](project)
            if value is not None:
                items[name] = value
        out.append(
            Deployment(
                title=project.title,
                organisation=link.organisation.path() if link else [],
                items=items,
                levels=levels,
                project=project,
                own=own,
                hidden_items=len(levels) - len(visible),
                lang=lang,
            )
        )
    for imported in ImportedDeployment.objects.filter(product=product).select_related("signer"):
        if not reader.sees_imported(imported.audience):
            hidden += 1
            continue
        out.append(
            Deployment(
                title=imported.title,
                organisation=list(imported.organisation) or [imported.shared_by],
                items=dict(imported.items),
                levels=dict(imported.levels),
                imported=imported,
                lang=lang,
            )
        )
    return out, hidden
