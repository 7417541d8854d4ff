"""The sharing API (``/api/v1/sharing/``): this installation's public key; a project's
signed bundle (its owner); importing a bundle (an operator: trusting and importing is
the administrator's decision); a product's deployments as the caller may see them."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.errors import HttpError

from vejviser.lib.api_errors import errors
from vejviser.lib.i18n import show
from vejviser.market.models import Product
from vejviser.projects.access import get_project_for_user

from . import bundles, keys
from .access import Reader
from .core import bundle as core
from .deployments import deployments

router = Router(tags=["sharing"])


@router.get("/key", response={200: dict[str, Any], **errors(401)})
def key(request: HttpRequest) -> dict[str, Any]:
    """This installation's public key, as ``vejviser share key`` writes it."""
    data: dict[str, Any] = json.loads(keys.public_key_file())
    return data


@router.post(
    "/projects/{pk}/export", response={200: dict[str, Any], **errors(400, 401, 403, 404, 422)}
)
def export(request: HttpRequest, pk: int, audience: str = "national") -> dict[str, Any]:
    """The project's signed bundle at ``audience`` (region, national, public): its owner."""
    access = get_project_for_user(request.auth, pk, manage=True)  # type: ignore[attr-defined]
    try:
        bundle, _release = bundles.export(access.project, audience, request.auth)  # type: ignore[attr-defined]
    except bundles.ShareError as exc:
        raise HttpError(400, show(exc.message)) from exc
    return bundle


@router.post("/import", response={200: dict[str, Any], **errors(400, 401, 403)})
def import_(request: HttpRequest) -> HttpResponse | dict[str, Any]:
    """Import a bundle (the request body): an operator only. 400 with ``code``
    (malformed, untrusted, tampered) and ``detail`` when refused."""
    if not getattr(request.auth, "is_superuser", False):  # type: ignore[attr-defined]
        raise PermissionDenied
    try:
        result = bundles.import_bundle(request.body)
    except core.BundleError as exc:
        return HttpResponse(
            json.dumps({"code": exc.code, "detail": show(exc.message)}, ensure_ascii=False),
            status=400,
            content_type="application/json",
        )
    return result.as_dict()


@router.get(
    "/products/{product_id}/deployments",
    response={200: list[dict[str, Any]], **errors(401, 404, 422)},
)
def product_deployments(request: HttpRequest, product_id: int) -> list[dict[str, Any]]:
    """Every deployment of the product the caller may see, with its items and provenance."""
    product = get_object_or_404(Product, pk=product_id)
    rows, _hidden = deployments(product, Reader.of(request.auth))  # type: ignore[attr-defined]
    out = []
    for d in rows:
        entry: dict[str, Any] = {
            "title": d.title,
            "organisation": d.organisation,
            "items": d.items,
            "levels": d.levels,
            "imported": d.imported is not None,
        }
        if d.imported is not None:
            entry["provenance"] = {
                "shared_by": d.imported.shared_by,
                "installation": d.imported.installation,
                "shared_at": d.imported.shared_at.isoformat(),
                "version": d.imported.version,
                "signer": d.imported.signer.name,
                "audience": d.imported.audience,
            }
        out.append(entry)
    return out
