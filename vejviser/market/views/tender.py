"""Tender evaluation (``market:tender-evaluation``): the evaluation model fixed before
bids arrive, blind scoring, the consensus round and the result with its sensitivity."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Avg
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vejviser.journey.content import folder_data
from vejviser.lib.i18n import show
from vejviser.projects.models import AuditEvent

from .. import forms, results
from ..access import can_see_all_scores, get_tender_for_user, get_tool_for_user, is_evaluator, me
from ..core.tender import PRICE_MODELS, TenderError, check_model
from ..evidence_links import bid_evidence
from ..models import (
    Bid,
    Evaluator,
    Product,
    Score,
    ScoreChange,
    SpecVersion,
    Tender,
    save_scores,
    submit_scores,
)
from ..specs import award_weights
from .needs import base


def new_tender(project: Any, step: Any, title: str, spec_version: SpecVersion | None) -> Tender:
    """A draft evaluation model: price (linear, zero_at 2) plus the award sub-criteria —
    weighted from the specification's SHOULD requirements when one is given."""
    content = folder_data("market")
    price_weight = content.requirements.price_weight
    shares = award_weights(spec_version.items, price_weight) if spec_version else {}
    if not shares:
        awards = content.requirements.award_criteria
        each = round((100 - price_weight) / len(awards), 1)
        shares = {a.id: each for a in awards}
        first = awards[0].id
        shares[first] = round(shares[first] + (100 - price_weight) - sum(shares.values()), 1)
    criteria: list[dict[str, Any]] = [
        {
            "id": "price",
            "kind": "price",
            "weight": price_weight,
            "model": "linear",
            "zero_at": 2.0,
            "title": {"da": "Pris", "en": "Price"},
        }
    ]
    for award_id, weight in shares.items():
        award = content.award(award_id)
        criteria.append(
            {
                "id": award_id,
                "kind": "quality",
                "weight": weight,
                "title": award.title.model_dump() if award else {"da": award_id, "en": award_id},
            }
        )
    anchors = [{"score": a.score, "text": a.text.model_dump()} for a in content.tender.anchors]
    return Tender.objects.create(
        project=project,
        step=step,
        title=title,
        scale=content.tender.scale,
        criteria=criteria,
        anchors=anchors,
        spec_version=spec_version,
    )


@login_required
@require_http_methods(["GET", "POST"])
def tenders(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    tool = get_tool_for_user(me(request), pk, step_pk, "tender", edit=request.method == "POST")
    errors: dict[str, str] = {}
    versions = SpecVersion.objects.filter(spec__project=tool.project).select_related("spec")
    if request.method == "POST":
        title = forms.text(request.POST, "title", errors)
        spec_version = versions.filter(pk=request.POST.get("spec_version") or 0).first()
        if not errors:
            tender = new_tender(tool.project, tool.step, title, spec_version)
            AuditEvent.record(
                tool.project,
                me(request),
                AuditEvent.Verb.STEP_UPDATED,
                tender.title,
                {"market:tender-evaluation": [None, "oprettet"]},
                step=tool.step,
            )
            return redirect("market:tender", pk=pk, step_pk=step_pk, tender_pk=tender.pk)
    context = {
        **base(tool),
        "tenders": Tender.objects.filter(project=tool.project),
        "versions": versions,
        "errors": errors,
    }
    return render(request, "market/tenders.html", context, status=400 if errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def tender_detail(request: HttpRequest, pk: int, step_pk: int, tender_pk: int) -> HttpResponse:
    tool, tender = get_tender_for_user(
        me(request), pk, step_pk, tender_pk, edit=request.method == "POST"
    )
    errors: dict[str, str] = {}
    action = request.POST.get("action", "")
    if request.method == "POST":
        done = _act(request, tool, tender, action, errors)
        if done:
            return redirect("market:tender", pk=pk, step_pk=step_pk, tender_pk=tender.pk)
    evaluators = list(tender.evaluators.select_related("user"))
    taken = {e.user_id for e in evaluators}
    members = [m for m in tool.access.members() if not m.is_vendor and m.user_id not in taken]
    context = {
        **base(tool),
        "tender": tender,
        "bids": list(tender.bids.select_related("product")),
        "evaluators": evaluators,
        "members": members,
        "errors": errors,
        "action": action,
        "posted": request.POST if request.method == "POST" else None,
        "models": PRICE_MODELS,
        "me_evaluator": is_evaluator(tender, me(request)),
        "all_submitted": tender.all_submitted,
        "products": Product.objects.all(),
    }
    return render(request, "market/tender.html", context, status=400 if errors else 200)


def _act(
    request: HttpRequest, tool: Any, tender: Tender, action: str, errors: dict[str, str]
) -> bool:
    post = request.POST
    if action == "model":
        criteria = []
        for c in tender.criteria:
            row = dict(c)
            row["weight"] = forms.number(post, f"weight_{c['id']}", errors, low=0, high=100)
            if c["kind"] == "price":
                row["model"] = post.get("model", c.get("model"))
                row["zero_at"] = (
                    forms.number(post, "zero_at", errors, low=1.0001, high=100)
                    if row["model"] == "linear"
                    else None
                )
            criteria.append(row)
        scale = forms.number(post, "scale", errors, low=1, high=100)
        reason = post.get("reason", "").strip()
        if tender.locked and not reason:
            errors["reason"] = _("The model is fixed: say why it changes (this is recorded).")
        if not errors:
            try:
                check_model({"scale": scale, "criteria": criteria})
            except TenderError as exc:
                errors["model"] = " ".join(show(p.message) for p in exc.problems)
        if errors:
            return False
        tender.change_model(me(request), criteria, int(scale or 10), reason)
        messages.success(request, _("The evaluation model is saved."))
        return True
    if action == "lock":
        try:
            check_model(tender.model_data())
        except TenderError as exc:
            errors["model"] = " ".join(show(p.message) for p in exc.problems)
            return False
        tender.lock(me(request))
        messages.success(request, _("The evaluation model is fixed. Bids can now be entered."))
        return True
    if action == "bid":
        if not tender.locked:
            errors["bid"] = _("Fix the evaluation model before bids are entered.")
            return False
        label = forms.text(post, "label", errors)
        price = forms.number(post, "price", errors, low=0.01, high=1e12)
        if not errors and tender.bids.filter(label=label).exists():
            errors["label"] = _("A bid with this name exists.")
        if errors:
            return False
        product = Product.objects.filter(pk=post.get("product") or 0).first()
        Bid.objects.create(tender=tender, label=label, price=price, product=product)
        AuditEvent.record(
            tender.project,
            me(request),
            AuditEvent.Verb.STEP_UPDATED,
            tender.title,
            {"market:tender-evaluation": [None, f"tilbud: {label}"]},
            step=tender.step,
        )
        return True
    if action == "evaluator":
        member = tool.access.members().filter(pk=post.get("member") or 0).first()
        if member is None or member.is_vendor:
            errors["member"] = _("Choose a member of the project.")
            return False
        if tender.evaluators.filter(submitted_at__isnull=False).exists():
            errors["member"] = _("Scoring has started: evaluators cannot be added.")
            return False
        Evaluator.objects.get_or_create(tender=tender, user=member.user)
        return True
    raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def tender_score(request: HttpRequest, pk: int, step_pk: int, tender_pk: int) -> HttpResponse:
    """The evaluator's own scores: nobody else's are shown until all have submitted."""
    tool, tender = get_tender_for_user(me(request), pk, step_pk, tender_pk)
    mine_row = tender.evaluators.filter(user=me(request)).first()
    if mine_row is None:
        raise PermissionDenied
    bids = list(tender.bids.all())
    quality = [c for c in tender.criteria if c["kind"] == "quality"]
    mine = {
        (s.bid_id, s.criterion): s.value
        for s in Score.objects.filter(bid__tender=tender, evaluator=me(request))
    }
    errors: dict[str, str] = {}
    if request.method == "POST":
        if mine_row.submitted_at:
            raise PermissionDenied
        values: dict[tuple[int, str], float] = {}
        for bid in bids:
            for c in quality:
                name = f"s_{bid.pk}_{c['id']}"
                v = forms.number(
                    request.POST,
                    name,
                    errors,
                    low=0,
                    high=tender.scale,
                    required=request.POST.get("action") == "submit",
                )
                if v is not None:
                    values[(bid.pk, c["id"])] = v
        if not errors:
            save_scores(tender, me(request), values)
            if request.POST.get("action") == "submit":
                submit_scores(tender, me(request))
                messages.success(request, _("Your scores are submitted."))
            else:
                messages.success(request, _("Your scores are saved (not submitted)."))
            return redirect("market:tender_score", pk=pk, step_pk=step_pk, tender_pk=tender.pk)
    rows = [
        {
            "bid": bid,
            "cells": [
                {"name": f"s_{bid.pk}_{c['id']}", "value": mine.get((bid.pk, c["id"]))}
                for c in quality
            ],
        }
        for bid in bids
    ]
    context = {
        **base(tool),
        "tender": tender,
        "quality": quality,
        "rows": rows,
        "me": mine_row,
        "errors": errors,
        "posted": request.POST if request.method == "POST" else None,
    }
    return render(request, "market/tender_score.html", context, status=400 if errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def tender_consensus(request: HttpRequest, pk: int, step_pk: int, tender_pk: int) -> HttpResponse:
    """After every evaluator has submitted: everyone's scores side by side and the agreed
    (consensus) score per bid and criterion, with the reason for it."""
    tool, tender = get_tender_for_user(
        me(request), pk, step_pk, tender_pk, edit=request.method == "POST"
    )
    if not can_see_all_scores(tender):
        raise PermissionDenied
    bids = list(tender.bids.select_related("product"))
    quality = [c for c in tender.criteria if c["kind"] == "quality"]
    evaluators = list(tender.evaluators.select_related("user"))
    scores = {
        (s.bid_id, s.criterion, s.evaluator_id): s.value
        for s in Score.objects.filter(bid__tender=tender)
    }
    errors: dict[str, str] = {}
    if request.method == "POST":
        values: dict[tuple[int, str], float] = {}
        for bid in bids:
            for c in quality:
                v = forms.number(
                    request.POST, f"c_{bid.pk}_{c['id']}", errors, low=0, high=tender.scale
                )
                if v is not None:
                    values[(bid.pk, c["id"])] = v
        reason = forms.text(request.POST, "reason", errors, max_length=1000)
        if not errors:
            save_scores(tender, me(request), values, consensus=True, reason=reason)
            messages.success(request, _("The consensus scores are saved."))
            return redirect("market:tender_result", pk=pk, step_pk=step_pk, tender_pk=tender.pk)
    means = {
        (r["bid_id"], r["criterion"]): r["m"]
        for r in Score.objects.filter(bid__tender=tender, evaluator__isnull=False)
        .values("bid_id", "criterion")
        .annotate(m=Avg("value"))
    }
    evidence, same_data = bid_evidence(bids, tool.project)
    rows = []
    for bid in bids:
        for c in quality:
            consensus = scores.get((bid.pk, c["id"], None))
            mean = means.get((bid.pk, c["id"]))
            rows.append(
                {
                    "bid": bid,
                    "criterion": c,
                    "name": f"c_{bid.pk}_{c['id']}",
                    "each": [scores.get((bid.pk, c["id"], e.user_id)) for e in evaluators],
                    "mean": mean,
                    "value": consensus
                    if consensus is not None
                    else (round(mean, 1) if mean is not None else None),
                }
            )
    context = {
        **base(tool),
        "tender": tender,
        "evaluators": evaluators,
        "rows": rows,
        "errors": errors,
        "posted": request.POST if request.method == "POST" else None,
        "evidence": evidence,
        "same_data": same_data,
    }
    return render(request, "market/tender_consensus.html", context, status=400 if errors else 200)


@login_required
@require_GET
def tender_result(request: HttpRequest, pk: int, step_pk: int, tender_pk: int) -> HttpResponse:
    tool, tender = get_tender_for_user(me(request), pk, step_pk, tender_pk)
    if not can_see_all_scores(tender):
        raise PermissionDenied
    result = results.tender_result(tender)
    changes = ScoreChange.objects.filter(tender=tender).select_related("actor", "bid")
    titles = {c["id"]: c.get("title") or c["id"] for c in tender.criteria}
    context = {
        **base(tool),
        "tender": tender,
        "result": result,
        "changes": changes,
        "titles": titles,
    }
    return render(request, "market/tender_result.html", context)
