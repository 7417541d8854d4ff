"""Export a project's shared items as a signed bundle, and import another
installation's bundle (the Django side of :mod:`vejviser.sharing.core.bundle`).

Export: the items whose level allows the audience (``core.levels``), each from its
capability (``vejviser.lib.capabilities.share_items``), the project's catalogue product
and organisation; refused when the project has no product, nothing to share at that
audience, or a person's name anywhere in it. The same content exported again is the same
release (version, date) and so the same signed bytes.

Import: only from trusted keys; matched to a catalogue product by vendor, product and
version (UDI, certificate number); a second import of the same bundle changes nothing; a
newer version of the same deployment replaces the older one; an older one is ignored.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from vejviser.kernel.i18n import Message, message
from vejviser.lib.capabilities import share_items
from vejviser.market.catalogue import BY_ID
from vejviser.market.models import Product, ProductUse
from vejviser.projects.models import Project

from . import keys
from .core import bundle as core
from .core import levels as core_levels
from .core.canonical import digest
from .core.match import ProductKey, match
from .models import ImportedDeployment, Lesson, Release, ShareLevel, TrustedKey

#: the catalogue fields that travel with a bundle (not who typed them: no provenance)
PRODUCT_FIELDS = (*BY_ID, "udi")


class ShareError(ValueError):
    """Why a bundle cannot be made (a message, translated where shown)."""

    def __init__(self, msg: Message) -> None:
        self.message = msg
        super().__init__(msg.text("en"))


def item_levels(project: Project) -> dict[str, str]:
    """Every registered item's level for the project (internal when never set)."""
    stored = dict(ShareLevel.objects.filter(project=project).values_list("item", "level"))
    return {name: stored.get(name, core_levels.DEFAULT) for name in share_items()}


def set_level(project: Project, item: str, level: str, user: Any) -> bool:
    """Set one item's level; ``False`` (nothing changed) for an unknown item or level."""
    if item not in share_items() or level not in core_levels.LEVELS:
        return False
    ShareLevel.objects.update_or_create(
        project=project,
        item=item,
        defaults={"level": level, "set_by": user, "set_at": timezone.now()},
    )
    return True


def project_product(project: Project) -> Product | None:
    """The catalogue product the project uses (the latest link)."""
    use = (
        ProductUse.objects.filter(project=project)
        .select_related("product")
        .order_by("-added_at", "-id")
        .first()
    )
    return use.product if use else None


def product_data(product: Product) -> dict[str, Any]:
    data = {
        k: product.data.get(k) for k in PRODUCT_FIELDS if product.data.get(k) not in (None, "", [])
    }
    data["vendor"], data["product"] = product.vendor, product.name
    data.setdefault("version", "")
    if product.is_example:
        data["example"] = True
    return data


def organisation_path(project: Project) -> list[str]:
    """The project's organisation and those above it, region first ([] without one)."""
    from vejviser.portfolio.models import ProjectOrganisation

    link = (
        ProjectOrganisation.objects.filter(project=project).select_related("organisation").first()
    )
    return link.organisation.path() if link else []


def deployment_id(project: Project) -> str:
    """An opaque, stable id of the project across exports (not its database id)."""
    seed = f"{keys.public_key()}:{project.pk}".encode()
    return hashlib.sha256(seed).hexdigest()[:32]


def people_names() -> list[str]:
    """Every user's username, e-mail, first, last and full name."""
    names: list[str] = []
    for username, email, first, last in get_user_model().objects.values_list(
        "username", "email", "first_name", "last_name"
    ):
        names += [username, email, first, last, f"{first} {last}".strip()]
    return [n for n in names if n]


def content(project: Project, audience: str) -> dict[str, Any]:
    """What a bundle at ``audience`` carries, before version and date (checked)."""
    if audience not in core_levels.AUDIENCES:
        raise ShareError(message("A bundle is exported at region, national or public level."))
    product = project_product(project)
    if product is None:
        raise ShareError(
            message(
                "Link the project to a product in the catalogue first: a deployment is "
                "shared as a use of a product."
            )
        )
    levels = item_levels(project)
    functions = share_items()
    items: dict[str, Any] = {}
    for name in core_levels.selected(levels, audience):
        value = functions[name](project)
        if value is not None:
            items[name] = value
    if not items:
        raise ShareError(
            message(
                "Nothing is shared at this level: set an item's level to this level or a "
                "more open one."
            )
        )
    path = organisation_path(project)
    data = {
        "audience": audience,
        "installation": keys.installation_name(),
        "shared_by": path[0] if path else keys.installation_name(),
        "organisation": path,
        "deployment": deployment_id(project),
        "project": {
            "title": project.title,
            "track": project.track.slug,
            "clinical_area": project.clinical_area,
        },
        "product": product_data(product),
        "items": items,
        "levels": {name: levels[name] for name in items},
    }
    found = core.find_names(data, people_names())
    if found:
        where, name = found[0]
        raise ShareError(
            message(
                "The bundle would name a person ({name} in {where}). Write roles, not names, "
                "and export again.",
                name=name,
                where=where,
            )
        )
    return data


def export(project: Project, audience: str, user: Any) -> tuple[dict[str, Any], Release]:
    """The signed bundle of ``project`` at ``audience`` and its release."""
    data = content(project, audience)
    fingerprint = digest(data)
    with transaction.atomic():
        Project.objects.select_for_update().filter(pk=project.pk).first()
        release = (
            Release.objects.filter(project=project, audience=audience).order_by("-version").first()
        )
        if release is None or release.digest != fingerprint:
            latest = Release.objects.filter(project=project).aggregate(n=Max("version"))["n"]
            release = Release.objects.create(
                project=project,
                audience=audience,
                version=(latest or 0) + 1,
                digest=fingerprint,
                content=data,
                created_by=user,
            )
    payload = {
        **data,
        "version": release.version,
        "shared_at": release.created_at.isoformat(timespec="seconds"),
    }
    return core.sign_bundle(payload, keys.private_key()), release


# --- import ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Imported:
    created: bool
    changed: bool
    product: str
    product_created: bool
    items: int
    version: int
    shared_by: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "changed": self.changed,
            "product": self.product,
            "product_created": self.product_created,
            "items": self.items,
            "version": self.version,
            "shared_by": self.shared_by,
        }


def product_label(product: Product) -> str:
    version = str(product.data.get("version") or "").strip()
    return f"{product.vendor}: {product.name}" + (f" {version}" if version else "")


def trusted_keys() -> dict[str, str]:
    return dict(TrustedKey.objects.values_list("fingerprint", "public_key"))


def provenance(payload: dict[str, Any]) -> str:
    return (
        f"shared by {payload['shared_by']} ({payload['installation']}), "
        f"{str(payload['shared_at'])[:10]}, version {payload['version']}"
    )


def _product_for(shared: dict[str, Any], payload: dict[str, Any]) -> tuple[Product, bool]:
    key = ProductKey.of(shared)
    local = [
        (p, ProductKey.of({**p.data, "vendor": p.vendor, "product": p.name}))
        for p in Product.objects.order_by("id")
    ]
    found = match(key, local)
    if found is not None:
        return found, False
    product = Product(
        name=str(shared["product"]),
        vendor=str(shared["vendor"]),
        is_example=shared.get("example") is True,
    )
    values = {k: v for k, v in shared.items() if k in PRODUCT_FIELDS}
    product.set_fields(values, None, provenance(payload))
    product.save()
    return product, True


def import_bundle(raw: bytes | str) -> Imported:
    """Check and import a bundle (``core.BundleError`` when refused; nothing is saved)."""
    opened = core.open_bundle(raw, trusted_keys())
    payload = opened.payload
    signer = TrustedKey.objects.get(fingerprint=opened.fingerprint)
    with transaction.atomic():
        existing = (
            ImportedDeployment.objects.select_for_update()
            .filter(signer=signer, deployment=payload["deployment"])
            .select_related("product")
            .first()
        )
        if existing is not None and (
            existing.digest == opened.digest or existing.version >= payload["version"]
        ):
            return Imported(
                False,
                False,
                product_label(existing.product),
                False,
                len(existing.items),
                existing.version,
                existing.shared_by,
            )
        product, product_created = _product_for(payload["product"], payload)
        fields = {
            "product": product,
            "title": payload["project"]["title"],
            "shared_by": payload["shared_by"],
            "organisation": payload["organisation"],
            "installation": payload["installation"],
            "audience": payload["audience"],
            "version": payload["version"],
            "shared_at": datetime.fromisoformat(payload["shared_at"]),
            "items": payload["items"],
            "levels": payload["levels"],
            "payload": payload,
            "digest": opened.digest,
            "imported_at": timezone.now(),
        }
        if existing is None:
            ImportedDeployment.objects.create(
                signer=signer, deployment=payload["deployment"], **fields
            )
        else:
            for name, value in fields.items():
                setattr(existing, name, value)
            existing.save()
    return Imported(
        existing is None,
        True,
        product_label(product),
        product_created,
        len(payload["items"]),
        payload["version"],
        payload["shared_by"],
    )


def trust(text: str, name: str, user: Any = None) -> tuple[TrustedKey, bool]:
    """Trust a key file written by ``vejviser share key`` (or a bare base64 key);
    ``(key, created)``. ``ValueError`` with a message when it is not a key."""
    import json

    from .core import signing

    public = text.strip()
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict):
        public = str(data.get("public_key", ""))
        name = name or str(data.get("installation", ""))
    try:
        fingerprint = signing.fingerprint(public)
    except signing.KeyError_ as exc:
        raise ShareError(message("This is not an Ed25519 public key.")) from exc
    name = (name or "").strip()[:200]
    if not name:
        raise ShareError(message("Give the trusted key a name (--name)."))
    key, created = TrustedKey.objects.get_or_create(
        fingerprint=fingerprint, defaults={"name": name, "public_key": public, "added_by": user}
    )
    return key, created


def lesson_problem(project: Project, text: str) -> Message | None:
    """Why a lesson cannot be saved: empty, too long, or naming a person."""
    if not text.strip():
        return message("Write the lesson.")
    if len(text) > 4000:
        return message("A lesson has at most 4,000 characters.")
    found = core.find_names({"text": text}, people_names())
    if found:
        return message(
            "Write roles, not names: the lesson names a person ({name}).", name=found[0][1]
        )
    return None


def add_lesson(project: Project, text: str, role: str, user: Any) -> Lesson:
    return Lesson.objects.create(project=project, text=text.strip(), role=role, created_by=user)
