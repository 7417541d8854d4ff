"""The market tools in the JSON API, under the same permissions as the pages
(outsider and vendor 404, read-only member 403 on writes, blind scoring)."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from vejviser.journey.content import folder_data
from vejviser.kernel.inputs import NumberError, finite
from vejviser.lib.api_auth import READ_POST
from vejviser.lib.api_errors import errors

from .access import can_see_all_scores, get_tender_for_user, get_tool_for_user, me
from .catalogue import to_register
from .core.requirements import checklist
from .core.tender import TenderError, evaluate, parse_tender
from .facts import project_facts
from .models import ContractCheck, Product, Score, Specification, Tender, save_scores
from .results import tender_result
from .views.needs import ranking, setup_for

router = Router(tags=["market"])
STEP = "/projects/{pk}/steps/{step_pk}"
READ_ERRORS = errors(401, 403, 404, 422)
WRITE_ERRORS = errors(400, 401, 403, 404, 422)


class ScoreIn(Schema):
    bid: int
    criterion: str
    value: float


@router.post("/tender/evaluate", response={200: dict, **errors(400, 401, 403)}, auth=READ_POST)
def evaluate_tender(request: HttpRequest) -> dict[str, Any]:
    """Evaluate a tender given as JSON (the CLI's YAML format): bids with points, total and
    rank, and the reversals. 400 with the problems, each naming its field."""
    try:
        payload = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError) as exc:
        raise HttpError(400, "the body is not JSON") from exc
    try:
        model = parse_tender(payload)
    except TenderError as exc:
        raise HttpError(400, "; ".join(p.text("en") for p in exc.problems)) from exc
    return evaluate(model).as_dict()


@router.get(STEP + "/needs", response={200: dict, **READ_ERRORS})
def needs(request: HttpRequest, pk: int, step_pk: int) -> dict[str, Any]:
    tool = get_tool_for_user(me(request), pk, step_pk, "needs")
    weights, k = setup_for(tool)
    data = ranking(tool.project, weights, k)
    return {
        "weights": weights,
        "k": k,
        "needs": [
            {
                "id": row["need"].pk,
                "title": row["need"].title,
                "shortlisted": row["need"].shortlisted,
                "score": row["result"].score,
                "rank": row["result"].rank,
                "raters": row["result"].raters,
                "low": row["result"].low,
                "high": row["result"].high,
                "p_top_k": row["p_top"],
            }
            for row in data["table"]
        ],
        "unrated": [n.pk for n in data["unrated"]],
    }


@router.get(STEP + "/catalogue", response={200: dict, **READ_ERRORS})
def catalogue(request: HttpRequest, pk: int, step_pk: int) -> dict[str, Any]:
    get_tool_for_user(me(request), pk, step_pk, "catalogue")
    return {
        "products": [
            {"id": p.pk, **to_register(p.data, p.provenance, example=p.is_example, validated=[])}
            for p in Product.objects.all()
        ]
    }


@router.get(STEP + "/catalogue/{product_pk}", response={200: dict, **READ_ERRORS})
def product(request: HttpRequest, pk: int, step_pk: int, product_pk: int) -> dict[str, Any]:
    get_tool_for_user(me(request), pk, step_pk, "catalogue")
    p = Product.objects.filter(pk=product_pk).first()
    if p is None:
        raise HttpError(404, "Not found")
    return {"id": p.pk, **to_register(p.data, p.provenance, example=p.is_example, validated=[])}


@router.get(STEP + "/requirements", response={200: dict, **READ_ERRORS})
def requirements(request: HttpRequest, pk: int, step_pk: int) -> dict[str, Any]:
    tool = get_tool_for_user(me(request), pk, step_pk, "requirements")
    out = []
    for spec in Specification.objects.filter(project=tool.project):
        latest = spec.latest()
        out.append(
            {
                "id": spec.pk,
                "title": spec.title,
                "version": latest.number if latest else None,
                "note": latest.note if latest else "",
                "items": [
                    {
                        k: i[k]
                        for k in (
                            "id",
                            "requirement",
                            "level",
                            "category",
                            "award",
                            "weight",
                            "kpi",
                        )
                    }
                    for i in (latest.items if latest else [])
                ],
            }
        )
    return {"specifications": out}


def _tender_out(tender: Tender) -> dict[str, Any]:
    return {
        "id": tender.pk,
        "title": tender.title,
        "scale": tender.scale,
        "criteria": tender.criteria,
        "anchors": tender.anchors,
        "locked_at": tender.locked_at.isoformat() if tender.locked_at else None,
        "bids": [{"id": b.pk, "label": b.label, "price": b.price} for b in tender.bids.all()],
        "evaluators": [
            {"user": e.user.get_username(), "submitted": e.submitted_at is not None}
            for e in tender.evaluators.select_related("user")
        ],
    }


@router.get(STEP + "/tenders", response={200: dict, **READ_ERRORS})
def tenders(request: HttpRequest, pk: int, step_pk: int) -> dict[str, Any]:
    tool = get_tool_for_user(me(request), pk, step_pk, "tender")
    return {"tenders": [_tender_out(t) for t in Tender.objects.filter(project=tool.project)]}


@router.get(STEP + "/tenders/{tender_pk}", response={200: dict, **READ_ERRORS})
def tender(request: HttpRequest, pk: int, step_pk: int, tender_pk: int) -> dict[str, Any]:
    _tool, t = get_tender_for_user(me(request), pk, step_pk, tender_pk)
    return _tender_out(t)


@router.get(STEP + "/tenders/{tender_pk}/scores", response={200: dict, **READ_ERRORS})
def scores(request: HttpRequest, pk: int, step_pk: int, tender_pk: int) -> dict[str, Any]:
    """The caller's own scores; everyone's (and the consensus) once all have submitted."""
    _tool, t = get_tender_for_user(me(request), pk, step_pk, tender_pk)
    qs = Score.objects.filter(bid__tender=t).select_related("evaluator")
    if not can_see_all_scores(t):
        qs = qs.filter(evaluator=me(request))
    return {
        "all_submitted": t.all_submitted,
        "scores": [
            {
                "bid": s.bid_id,
                "criterion": s.criterion,
                "value": s.value,
                "evaluator": s.evaluator.get_username() if s.evaluator else None,
            }
            for s in qs
        ],
    }


@router.post(STEP + "/tenders/{tender_pk}/scores", response={200: dict, **WRITE_ERRORS})
def create_scores(
    request: HttpRequest, pk: int, step_pk: int, tender_pk: int, payload: list[ScoreIn]
) -> dict[str, Any]:
    """Save the caller's own scores (an evaluator who has not submitted)."""
    _tool, t = get_tender_for_user(me(request), pk, step_pk, tender_pk)
    evaluator = t.evaluators.filter(user=me(request)).first()
    if evaluator is None or evaluator.submitted_at is not None:
        raise PermissionDenied
    bids = set(t.bids.values_list("pk", flat=True))
    quality = set(t.quality_ids())
    values: dict[tuple[int, str], float] = {}
    for i, s in enumerate(payload):
        try:
            value = finite(s.value, field=f"[{i}].value")
        except NumberError as exc:
            raise HttpError(400, f"[{i}].value: {exc}") from exc
        if s.bid not in bids:
            raise HttpError(400, f"[{i}].bid: unknown bid")
        if s.criterion not in quality:
            raise HttpError(400, f"[{i}].criterion: not a quality criterion")
        if not 0 <= value <= t.scale:
            raise HttpError(400, f"[{i}].value: must be from 0 to {t.scale}")
        values[(s.bid, s.criterion)] = value
    return {"saved": save_scores(t, me(request), values)}


@router.post(
    STEP + "/tenders/{tender_pk}/evaluate", response={200: dict, **errors(401, 403, 404, 409, 422)}
)
def evaluate_saved(request: HttpRequest, pk: int, step_pk: int, tender_pk: int) -> dict[str, Any]:
    """The result from the consensus scores (after every evaluator has submitted)."""
    _tool, t = get_tender_for_user(me(request), pk, step_pk, tender_pk)
    if not can_see_all_scores(t):
        raise PermissionDenied
    result = tender_result(t)
    if result.evaluation is None:
        raise HttpError(409, f"{result.missing} consensus scores missing")
    out = result.evaluation.as_dict()
    labels = result.labels
    for bid in out["bids"]:
        bid["label"] = labels.get(bid["id"], bid["id"])
    return out


@router.get(STEP + "/contract", response={200: dict, **READ_ERRORS})
def contract(request: HttpRequest, pk: int, step_pk: int) -> dict[str, Any]:
    tool = get_tool_for_user(me(request), pk, step_pk, "contract")
    facts, _origin = project_facts(tool.project)
    checks = {c.item: c for c in ContractCheck.objects.filter(project=tool.project)}
    items = checklist(folder_data("market").contract.items, facts)
    return {
        "items": [
            {
                "id": item.id,
                "met": bool(checks.get(item.id) and checks[item.id].met),
                "where": checks[item.id].where if item.id in checks else "",
            }
            for item, _reasons in items
        ]
    }
