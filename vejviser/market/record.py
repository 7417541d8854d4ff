"""Market's parts of the project record for documents (``register_record_section``).

- ``market-requirements``: the latest requirement specification version;
- ``tender-evaluation``: the fixed model, the ranking, what reverses the winner and the
  evaluators — only once the result exists (before that the document shows a gap);
- ``product-facts``: the catalogue product linked to the project.

``steps`` are the steps the reader may see. Only specifications and tenders on those
steps count, and never on a step shared with vendors: nothing of a tender is shown to
one bidder (equal treatment, as the market pages and their step summaries). A product's
local validations count only when their run's step is among ``steps``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_noop

from vejviser.evidence.display import headline
from vejviser.kernel import formatting as f
from vejviser.kernel.i18n import translate
from vejviser.projects.models import Project, Step

from .catalogue import EVIDENCE_LEVELS, EVIDENCE_SOURCES, FIELDS
from .models import ProductUse, Specification, Tender
from .results import tender_result
from .specs import award_weights, reasons
from .views.requirements import category_label

Data = dict[str, Any]


def _private_step_ids(steps: Iterable[Step]) -> set[int]:
    return {s.pk for s in steps if not s.shared_with_vendor}


def _text(value: Any, lang: str) -> str:
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("da") or "")
    return str(value.get(lang)) if hasattr(value, "get") else str(value or "")


def requirements(project: Project, lang: str, steps: Iterable[Step]) -> Data | None:
    from vejviser.journey.content import folder_data

    spec = (
        Specification.objects.filter(project=project, step_id__in=_private_step_ids(steps))
        .order_by("-id")
        .first()
    )
    version = spec.latest() if spec else None
    if spec is None or version is None:
        return None
    content = folder_data("market")
    blocks: list[Data] = [
        {
            "type": "paragraph",
            "text": translate(
                gettext_noop(
                    "{must} MUST requirements (minimum requirements) and {should} SHOULD "
                    "requirements (scored)."
                ),
                lang,
                must=sum(1 for i in version.items if i["level"] == "MUST"),
                should=sum(1 for i in version.items if i["level"] == "SHOULD"),
            ),
        }
    ]
    header = [
        translate(gettext_noop("Id"), lang),
        translate(gettext_noop("Requirement"), lang),
        translate(gettext_noop("Category"), lang),
        translate(gettext_noop("Sources"), lang),
    ]
    for level in ("MUST", "SHOULD"):
        rows = []
        for item in version.items:
            req = content.requirement(item["requirement"])
            if item["level"] != level or req is None:
                continue
            text = _text(req.title, lang)
            if item.get("kpi"):
                kpi = item["kpi"]
                text += f": {kpi.get('name', '')} {f.number(kpi.get('expected'), lang)} "
                text += str(kpi.get("unit", ""))
            why = " ".join(m.text(lang) for m in reasons(item))
            if why:
                text += f" ({why})"
            refs = "; ".join(f"{s.doc}, {s.section}" for s in req.sources)
            row = [item["id"], text, category_label(item["category"]), refs]
            if level == "SHOULD":
                award = content.award(item["award"]) if item.get("award") else None
                row.insert(3, _text(award.title, lang) if award else "–")
                row.insert(4, f.number(item.get("weight"), lang) if item.get("weight") else "–")
            rows.append(row)
        if not rows:
            continue
        if level == "MUST":
            caption = translate(gettext_noop("MUST: minimum requirements"), lang)
            blocks.append({"type": "table", "header": header, "rows": rows, "caption": caption})
        else:
            caption = translate(gettext_noop("SHOULD: scored requirements"), lang)
            should_header = [
                *header[:3],
                translate(gettext_noop("Award sub-criterion"), lang),
                translate(gettext_noop("Weight"), lang),
                header[3],
            ]
            blocks.append(
                {"type": "table", "header": should_header, "rows": rows, "caption": caption}
            )
    price_weight = content.requirements.price_weight
    shares = award_weights(version.items, price_weight)
    if shares:
        lines = []
        for award_id, weight in shares.items():
            award = content.award(award_id)
            title = _text(award.title, lang) if award else award_id
            lines.append(f"{title}: {f.percent(weight / 100, lang)}")
        lines.append(
            f"{translate(gettext_noop('Price'), lang)}: {f.percent(price_weight / 100, lang)}"
        )
        blocks.append({"type": "bullets", "items": lines})
    origin = translate(
        gettext_noop("{title}, version {number} of {date}"),
        lang,
        title=spec.title,
        number=version.number,
        date=f.date(version.created_at, lang),
    )
    return {"origin": origin, "blocks": blocks}


def tender_evaluation(project: Project, lang: str, steps: Iterable[Step]) -> Data | None:
    tender = (
        Tender.objects.filter(
            project=project, step_id__in=_private_step_ids(steps), locked_at__isnull=False
        )
        .order_by("-id")
        .first()
    )
    if tender is None or not tender.all_submitted:
        return None
    result = tender_result(tender)
    if result.evaluation is None:
        return None
    criteria = tender.criteria
    model_rows = []
    for c in criteria:
        kind = (
            translate(gettext_noop("price"), lang)
            if c.get("kind") == "price"
            else translate(gettext_noop("quality"), lang)
        )
        if c.get("kind") == "price" and c.get("model"):
            kind += f" ({c['model']})"
        model_rows.append(
            [_text(c.get("title") or c["id"], lang), kind, f.percent(c["weight"] / 100, lang)]
        )
    blocks: list[Data] = [
        {
            "type": "table",
            "header": [
                translate(gettext_noop("Criterion"), lang),
                translate(gettext_noop("Kind"), lang),
                translate(gettext_noop("Weight"), lang),
            ],
            "rows": model_rows,
            "caption": translate(
                gettext_noop(
                    "The evaluation model, fixed on {date}; points on the scale 0–{scale}."
                ),
                lang,
                date=f.date(tender.locked_at, lang),
                scale=tender.scale,
            ),
        }
    ]
    ranking = [
        [
            str(row["bid"].rank),
            row["label"],
            *(f.number(p, lang, 2) for p in row["points"]),
            f.number(row["bid"].total, lang, 2),
        ]
        for row in result.rows()
    ]
    blocks.append(
        {
            "type": "table",
            "header": [
                translate(gettext_noop("Rank"), lang),
                translate(gettext_noop("Bid"), lang),
                *(_text(c.get("title") or c["id"], lang) for c in criteria),
                translate(gettext_noop("Total"), lang),
            ],
            "rows": ranking,
            "caption": translate(
                gettext_noop("Total = Σ weight × points. Tied totals share a rank."), lang
            ),
        }
    )
    winner = result.labels.get(result.evaluation.winner or "", "")
    if winner:
        blocks.append(
            {
                "type": "paragraph",
                "text": translate(gettext_noop("The winning bid: {bid}."), lang, bid=winner),
            }
        )
    reversals = [r.describe().text(lang) for r in result.evaluation.reversals]
    blocks.append(
        {
            "type": "bullets",
            "items": reversals
            or [
                translate(
                    gettext_noop("No single weight or price-model change reverses the winner."),
                    lang,
                )
            ],
        }
    )
    evaluators = [
        e.user.get_full_name() or e.user.username
        for e in tender.evaluators.select_related("user").order_by("id")
    ]
    blocks.append(
        {
            "type": "facts",
            "rows": [[translate(gettext_noop("Evaluators"), lang), ", ".join(evaluators)]],
        }
    )
    return {"origin": tender.title, "blocks": blocks}


def product_facts(project: Project, lang: str, steps: Iterable[Step]) -> Data | None:
    step_ids = {s.pk for s in steps}
    uses = [
        u
        for u in ProductUse.objects.filter(project=project)
        .select_related("product", "run__step")
        .order_by("-id")
        if u.run is None or u.run.step_id in step_ids
    ]
    if not uses:
        return None
    product = uses[0].product
    rows = []
    for field in FIELDS:
        value = product.data.get(field.id)
        if value in (None, "", []):
            continue
        shown = ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
        rows.append([str(field.label), shown])
    blocks: list[Data] = []
    if product.is_example:
        blocks.append(
            {
                "type": "paragraph",
                "text": translate(
                    gettext_noop(
                        "EXAMPLE – an invented product for the demo. None of its claims are real."
                    ),
                    lang,
                ),
            }
        )
    blocks.append({"type": "facts", "rows": rows})
    evidence = product.data.get("evidence", [])
    if evidence:
        blocks.append(
            {
                "type": "table",
                "header": [
                    translate(gettext_noop("Level (Fryback–Thornbury)"), lang),
                    translate(gettext_noop("Source"), lang),
                    translate(gettext_noop("Reference"), lang),
                ],
                "rows": [
                    [
                        str(EVIDENCE_LEVELS.get(e.get("level"), e.get("level"))),
                        str(EVIDENCE_SOURCES.get(e.get("source"), e.get("source"))),
                        str(e.get("reference", "")),
                    ]
                    for e in evidence
                ],
                "caption": translate(gettext_noop("Evidence"), lang),
            }
        )
    provenance = []
    for key in [*(fl.id for fl in FIELDS), "evidence"]:
        p = product.provenance.get(key)
        if p:
            provenance.append(
                f"{p.get('who', '')} · {p.get('source', '')} · {str(p.get('at', ''))[:10]}"
            )
    if provenance:
        blocks.append(
            {
                "type": "paragraph",
                "text": translate(gettext_noop("Entered by, source, when"), lang)
                + ": "
                + "; ".join(sorted(set(provenance))),
            }
        )
    local = [
        f"{u.run}: {headline(u.run, lang)} ({f.date(u.run.created_at, lang)})"
        for u in uses
        if u.product_id == product.pk and u.run is not None
    ]
    if local:
        blocks.append(
            {"type": "paragraph", "text": translate(gettext_noop("Validated locally"), lang)}
        )
        blocks.append({"type": "bullets", "items": local})
    return {"origin": f"{product.vendor}: {product.name}", "blocks": blocks}
