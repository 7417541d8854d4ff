"""The sharing page of a project (levels, lessons learned, export) and a product's page
across deployments. Thin: the rules are in ``bundles``, ``access`` and ``core``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vejviser.lib.capabilities import share_items
from vejviser.lib.i18n import active_lang, show
from vejviser.market.models import Product
from vejviser.projects.models import MemberRole

from . import bundles, keys
from .access import Reader, get_share_tool_for_user
from .core import bundle as core
from .core import levels as core_levels
from .core import signing
from .deployments import deployments
from .models import Lesson, Level, Release


def item_label(name: str) -> str:
    return {
        "validation": _("Validation summary"),
        "business-case": _("Business case figures"),
        "monitoring": _("Monitoring summary"),
        "lessons": _("Lessons learned"),
        "record": _("AI system record"),
    }.get(name, name)


@login_required
@require_http_methods(["GET", "POST"])
def share(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    user = request.user
    action = request.POST.get("action", "")
    access, step = get_share_tool_for_user(
        user,
        pk,
        step_pk,
        edit=action == "lesson",
        manage=action in ("levels", "export"),
    )
    project = access.project
    problem = ""
    status = 200
    if action == "levels":
        chosen = {
            name: request.POST[f"level-{name}"]
            for name in share_items()
            if f"level-{name}" in request.POST
        }
        if all(level in core_levels.LEVELS for level in chosen.values()):
            with transaction.atomic():
                for name, level in chosen.items():
                    bundles.set_level(project, name, level, user)
            messages.success(request, _("Sharing levels saved."))
            return redirect("sharing:share", pk=pk, step_pk=step_pk)
        problem, status = _("Unknown sharing level."), 400
    elif action == "lesson":
        text = request.POST.get("text", "")
        membership = access.membership
        error = bundles.lesson_problem(project, text)
        if error is None:
            role = membership.role if membership else MemberRole.LEDELSE
            bundles.add_lesson(project, text, role, user)
            messages.success(request, _("Lesson saved."))
            return redirect("sharing:share", pk=pk, step_pk=step_pk)
        problem, status = show(error), 400
    elif action == "export":
        audience = request.POST.get("audience", "")
        try:
            bundle, release = bundles.export(project, audience, user)
        except bundles.ShareError as exc:
            problem, status = show(exc.message), 400
        else:
            response = HttpResponse(core.dump(bundle), content_type="application/json")
            response["Content-Disposition"] = (
                f'attachment; filename="vejviser-share-{project.pk}-v{release.version}.json"'
            )
            return response
    levels = bundles.item_levels(project)
    product = bundles.project_product(project)
    public = keys.public_key()
    rows = [
        {
            "name": name,
            "label": item_label(name),
            "level": levels[name],
            "audiences": [a for a in core_levels.AUDIENCES if core_levels.allows(levels[name], a)],
        }
        for name in levels
    ]
    return render(
        request,
        "sharing/share.html",
        {
            "project": project,
            "step": step,
            "access": access,
            "can_write": access.can_edit and not access.is_vendor,
            "rows": rows,
            "choices": Level.choices,
            "audiences": [(a, Level(a).label) for a in core_levels.AUDIENCES],
            "lessons": Lesson.objects.filter(project=project),
            "releases": Release.objects.filter(project=project)[:10],
            "product": product,
            "fingerprint": signing.fingerprint(public),
            "problem": problem,
            "text": request.POST.get("text", "") if action == "lesson" else "",
        },
        status=status,
    )


@login_required
@require_GET
def product(request: HttpRequest, product_pk: int) -> HttpResponse:
    item = get_object_or_404(Product, pk=product_pk)
    reader = Reader.of(request.user)
    rows, hidden = deployments(item, reader, active_lang())
    return render(
        request,
        "sharing/product.html",
        {
            "product": item,
            "rows": rows,
            "hidden": hidden,
            "level_labels": dict(Level.choices),
            "roles": dict(MemberRole.choices),
        },
    )
