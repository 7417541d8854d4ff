"""Product catalogue (``market:catalogue``): products with every field's provenance,
their evidence, the local validation runs that tested them, and JSON import/export with
the Health AI Register's field names."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vejviser.evidence.display import headline
from vejviser.evidence.models import ValidationRun
from vejviser.lib.i18n import active_lang
from vejviser.projects.models import Project

from .. import forms
from ..access import get_product_for_user, get_tool_for_user, me
from ..catalogue import (
    EVIDENCE_LEVELS,
    EVIDENCE_SOURCES,
    FIELDS,
    FORMAT,
    CatalogueError,
    clean_evidence,
    clean_value,
    from_register,
    to_register,
)
from ..models import Product, ProductUse
from .needs import base

MAX_IMPORT = 2_000_000  # bytes


@login_required
@require_http_methods(["GET", "POST"])
def catalogue(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    tool = get_tool_for_user(me(request), pk, step_pk, "catalogue", edit=request.method == "POST")
    problems: list[tuple[str, str]] = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        raw = upload.read(MAX_IMPORT + 1) if upload else request.POST.get("json", "").encode()
        source = str(upload.name if upload and upload.name else _("pasted JSON"))[:200]
        try:
            created, updated = import_products(raw, me(request), f"import: {source}")
        except CatalogueError as exc:
            problems = exc.problems
        else:
            messages.success(
                request, _("Imported: %(c)s new, %(u)s updated.") % {"c": created, "u": updated}
            )
            return redirect("market:catalogue", pk=pk, step_pk=step_pk)
    query = request.GET.get("q", "").strip()
    products = Product.objects.all()
    if query:
        products = products.filter(Q(name__icontains=query) | Q(vendor__icontains=query))
    uses = _uses_by_product(me(request))
    rows = [(p, uses.get(p.pk, 0)) for p in products]
    return render(
        request,
        "market/catalogue.html",
        {**base(tool), "rows": rows, "query": query, "problems": problems},
        status=400 if problems else 200,
    )


def _uses_by_product(user: Any) -> dict[int, int]:
    visible = Project.objects.for_user(user)
    out: dict[int, int] = {}
    for use in ProductUse.objects.filter(project__in=visible, run__isnull=False):
        out[use.product_id] = out.get(use.product_id, 0) + 1
    return out


def import_products(raw: bytes, user: Any, source: str) -> tuple[int, int]:
    """Create or update products from a JSON export (Health AI Register names); all or
    nothing."""
    if len(raw) > MAX_IMPORT:
        raise CatalogueError([("file", _("The file is too large."))])
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CatalogueError(
            [("file", _("Not valid JSON: %(e)s") % {"e": str(exc)[:120]})]
        ) from exc
    records = data.get("products") if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise CatalogueError([("products", _("Expected a list of products."))])
    parsed = []
    problems: list[tuple[str, str]] = []
    for i, record in enumerate(records):
        try:
            parsed.append(from_register(record, f"products[{i}]"))
        except CatalogueError as exc:
            problems += exc.problems
    if problems:
        raise CatalogueError(problems)
    created = updated = 0
    with transaction.atomic():
        for values, evidence in parsed:
            product = Product.objects.filter(
                name=values["product"], vendor=values["vendor"]
            ).first()
            if product is None:
                product = Product(name=values["product"], vendor=values["vendor"], created_by=user)
                created += 1
            else:
                updated += 1
            if evidence:
                values = {**values, "evidence": evidence}
            product.set_fields(values, user, source)
            product.save()
    return created, updated


@login_required
@require_GET
def catalogue_export(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    get_tool_for_user(me(request), pk, step_pk, "catalogue")
    products = [
        to_register(p.data, p.provenance, example=p.is_example, validated=[])
        for p in Product.objects.all()
    ]
    response = JsonResponse(
        {"format": FORMAT, "products": products},
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = 'attachment; filename="vejviser-catalogue.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def product_new(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    tool = get_tool_for_user(me(request), pk, step_pk, "catalogue", edit=True)
    errors: dict[str, str] = {}
    if request.method == "POST":
        values, source = _fields_from_post(request.POST, errors)
        if not errors:
            product = Product(
                name=values["product"], vendor=values["vendor"], created_by=me(request)
            )
            product.set_fields(values, me(request), source)
            product.save()
            messages.success(request, _("The product is added."))
            return redirect("market:product", pk=pk, step_pk=step_pk, product_pk=product.pk)
    return render(
        request,
        "market/product_form.html",
        {**base(tool), "fields": _form_rows(request.POST, {}, errors), "errors": errors},
        status=400 if errors else 200,
    )


def _fields_from_post(post: Any, errors: dict[str, str]) -> tuple[dict[str, Any], str]:
    values: dict[str, Any] = {}
    for field in FIELDS:
        raw = post.getlist(field.id) if field.kind == "multi" else post.get(field.id, "")
        try:
            values[field.id] = clean_value(field, raw)
        except ValueError as exc:
            errors[field.id] = str(exc)
    for required in ("vendor", "product"):
        if not values.get(required):
            errors[required] = _("This field is required.")
    source = forms.text(post, "source", errors, max_length=300)
    return values, source


def _form_rows(post: Any, data: dict[str, Any], errors: dict[str, str]) -> list[dict[str, Any]]:
    rows = []
    for f in FIELDS:
        if post:
            value: Any = post.getlist(f.id) if f.kind == "multi" else post.get(f.id, "")
        else:
            value = data.get(f.id, [] if f.kind == "multi" else "")
        rows.append({"field": f, "value": value, "error": errors.get(f.id)})
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def product_detail(request: HttpRequest, pk: int, step_pk: int, product_pk: int) -> HttpResponse:
    tool, product = get_product_for_user(
        me(request), pk, step_pk, product_pk, edit=request.method == "POST"
    )
    errors: dict[str, str] = {}
    action = request.POST.get("action", "")
    if request.method == "POST":
        if action == "edit":
            values, source = _fields_from_post(request.POST, errors)
            if not errors:
                changed = product.set_fields(values, me(request), source)
                product.save()
                messages.success(request, _("%(n)s fields changed.") % {"n": len(changed)})
                return redirect("market:product", pk=pk, step_pk=step_pk, product_pk=product.pk)
        elif action == "evidence":
            level = forms.number(request.POST, "level", errors, low=1, high=6)
            reference = forms.text(request.POST, "reference", errors, max_length=500)
            source = forms.text(request.POST, "source", errors, max_length=300)
            if not errors:
                try:
                    item = clean_evidence(
                        [
                            {
                                "level": int(level or 0),
                                "source": request.POST.get("kind"),
                                "reference": reference,
                            }
                        ],
                        "evidence",
                    )
                except CatalogueError as exc:
                    errors["kind"] = exc.problems[0][1]
                else:
                    product.set_fields(
                        {"evidence": [*product.data.get("evidence", []), *item]},
                        me(request),
                        source,
                    )
                    product.save()
                    return redirect("market:product", pk=pk, step_pk=step_pk, product_pk=product.pk)
        elif action == "link":
            run = ValidationRun.objects.filter(
                project=tool.project, pk=request.POST.get("run") or 0
            ).first()
            if run is None:
                errors["run"] = _("Choose a validation run of this project.")
            else:
                ProductUse.objects.get_or_create(
                    product=product,
                    run=run,
                    defaults={"project": tool.project, "added_by": me(request)},
                )
                messages.success(request, _("The validation run is linked."))
                return redirect("market:product", pk=pk, step_pk=step_pk, product_pk=product.pk)
    visible = Project.objects.for_user(me(request))
    uses = ProductUse.objects.filter(product=product).select_related("run__step__action", "project")
    lang = active_lang()
    local = [(u, headline(u.run, lang) if u.run else "") for u in uses if u.project in visible]
    hidden = sum(1 for u in uses if u.project not in visible)
    rows = [
        {"field": f, "value": product.data.get(f.id), "provenance": product.provenance.get(f.id)}
        for f in FIELDS
    ]
    candidates = ValidationRun.objects.filter(project=tool.project).exclude(
        pk__in=[u.run_id for u in uses if u.run_id]
    )
    context = {
        **base(tool),
        "product": product,
        "rows": rows,
        "local": local,
        "hidden": hidden,
        "evidence": product.data.get("evidence", []),
        "evidence_provenance": product.provenance.get("evidence"),
        "levels": EVIDENCE_LEVELS,
        "sources": EVIDENCE_SOURCES,
        "candidates": candidates,
        "edit_rows": _form_rows(request.POST if action == "edit" else None, product.data, errors),
        "errors": errors,
        "action": action,
    }
    return render(request, "market/product.html", context, status=400 if errors else 200)
