"""The market part of the demo, on the ambient-scribe demo project (idempotent).

Needs scored by three raters; EXAMPLE products (invented, always labelled as examples,
never real claims) with one linked to the project's local validation runs; a requirement
specification pre-filled from the project's assessments and business case; an
evaluation model fixed before bids, three example bids, three evaluators' blind scores,
the consensus and so a ranking; and a contract checklist started.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from vejviser.evidence.models import ValidationRun
from vejviser.journey.content import folder_data
from vejviser.projects.models import Project

from .facts import project_facts
from .models import (
    Bid,
    ContractCheck,
    Evaluator,
    Need,
    NeedRating,
    Product,
    ProductUse,
    Specification,
    Tender,
    save_scores,
    submit_scores,
)
from .specs import preselect
from .views.tender import new_tender

PROJECT = "Ambient scribe i almen praksis"
SOURCE = "Demo-eksempel (opdigtet) / demo example (invented)"

#: (title, description, {rater: scores in the content's criteria order})
NEEDS = (
    (
        "Ambient scribe: journalnotat fra konsultationen",
        "Mindre tid på dokumentation i almen praksis.",
        {
            "anna": [5, 5, 4, 4, 4, 3, 5],
            "peter": [4, 5, 4, 3, 4, 3, 4],
            "sara": [5, 4, 5, 4, 3, 2, 5],
        },
    ),
    (
        "Visitation af henvisninger",
        "Sortering af indkomne henvisninger efter hast.",
        {
            "anna": [4, 4, 3, 2, 2, 3, 4],
            "peter": [3, 4, 3, 2, 2, 4, 3],
            "sara": [4, 3, 3, 3, 2, 3, 4],
        },
    ),
    (
        "Talegenkendelse til diktat",
        "Diktat direkte til tekst i journalen.",
        {
            "anna": [3, 4, 2, 4, 5, 4, 3],
            "peter": [3, 4, 2, 4, 5, 5, 3],
            "sara": [2, 4, 2, 4, 5, 4, 3],
        },
    ),
    (
        "Opfølgning på kronikere",
        "Påmindelser og prioritering af kontroller.",
        {
            "anna": [4, 3, 3, 2, 2, 3, 4],
            "peter": [3, 3, 2, 2, 1, 3, 4],
            "sara": [4, 3, 3, 2, 2, 2, 3],
        },
    ),
)

PRODUCTS = (
    {
        "vendor": "EKSEMPEL Nordlys Health",
        "product": "Ambient scribe (demo)",
        "version": "2.1",
        "intended_use": "EKSEMPEL: udkast til journalnotat fra en optaget konsultation; lægen "
        "gennemgår og godkender notatet.",
        "intended_users": "Praktiserende læger",
        "patient_population": "Voksne patienter",
        "modality": "Lyd",
        "inputs": "Lyd fra konsultationen",
        "outputs": "Udkast til notat",
        "ce_class": "none",
        "ai_act_status": "minimal",
        "integration": ["FHIR"],
        "deployment": ["cloud"],
        "pricing_model": "Pr. læge pr. måned (eksempel)",
        "evidence": [
            {
                "level": 2,
                "source": "vendor-claim",
                "reference": "EKSEMPEL: leverandørens egen opgørelse (opdigtet)",
            }
        ],
    },
    {
        "vendor": "EKSEMPEL Fjord Medical",
        "product": "NotatAssist",
        "version": "1.4",
        "intended_use": "EKSEMPEL: strukturerede notater fra samtaler.",
        "intended_users": "Læger og sygeplejersker",
        "modality": "Lyd",
        "ce_class": "I",
        "regulation": "MDR",
        "ai_act_status": "unknown",
        "integration": ["HL7", "FHIR"],
        "deployment": ["cloud", "on-premises"],
        "pricing_model": "Licens pr. år (eksempel)",
    },
    {
        "vendor": "EKSEMPEL Bølge AI",
        "product": "ScribeOne",
        "version": "0.9",
        "intended_use": "EKSEMPEL: transskription og resumé.",
        "modality": "Lyd",
        "ce_class": "none",
        "ai_act_status": "unknown",
        "integration": [],
        "deployment": ["cloud"],
        "pricing_model": "Pr. minut lyd (eksempel)",
    },
)

#: example bids: (label, price DKK, {evaluator: scores per quality criterion, in order})
BIDS = (
    (
        "EKSEMPEL Nordlys Health",
        1_450_000,
        {"anna": [8, 7, 7, 7], "peter": [7, 7, 8, 6], "ida": [8, 6, 7, 7]},
    ),
    (
        "EKSEMPEL Fjord Medical",
        1_200_000,
        {"anna": [6, 7, 8, 7], "peter": [6, 6, 8, 7], "ida": [7, 7, 7, 8]},
    ),
    (
        "EKSEMPEL Bølge AI",
        980_000,
        {"anna": [5, 5, 5, 6], "peter": [4, 6, 5, 5], "ida": [5, 5, 4, 5]},
    ),
)


def load() -> int:
    """Add what is missing; returns the number of objects created (0 the second time)."""
    project = Project.objects.filter(title=PROJECT).first()
    if project is None:
        return 0
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=["anna", "peter", "sara", "ida"])
    }
    if len(users) < 4:
        return 0
    steps = {s.action.slug: s for s in project.steps.select_related("action")}
    created = 0
    with transaction.atomic():
        created += _needs(project, steps.get("afklar-behov-og-viden"), users)
        created += _products(project, users["peter"])
        spec_version = _specification(
            project, steps.get("opstil-kravspecifikation"), users["peter"]
        )
        created += 1 if spec_version else 0
        created += _tender(project, steps.get("foretag-udbud"), users, spec_version)
        created += _contract(project, users["peter"])
    return created


def _needs(project: Project, step: Any, users: dict[str, Any]) -> int:
    if step is None or Need.objects.filter(project=project).exists():
        return 0
    criteria = [c.id for c in folder_data("market").needs.criteria]
    for title, description, ratings in NEEDS:
        need = Need.objects.create(
            project=project,
            step=step,
            title=title,
            description=description,
            created_by=users["anna"],
            shortlisted=title.startswith("Ambient"),
        )
        for rater, scores in ratings.items():
            NeedRating.objects.create(
                need=need, rater=users[rater], scores=dict(zip(criteria, scores, strict=True))
            )
    return len(NEEDS)


def _products(project: Project, user: Any) -> int:
    created = 0
    for data in PRODUCTS:
        if Product.objects.filter(vendor=data["vendor"], name=data["product"]).exists():
            continue
        product = Product(
            name=str(data["product"]), vendor=str(data["vendor"]), is_example=True, created_by=user
        )
        product.set_fields(dict(data), user, SOURCE)
        product.save()
        created += 1
        for run in ValidationRun.objects.filter(project=project, product_name=product.name):
            ProductUse.objects.get_or_create(
                product=product, run=run, defaults={"project": project, "added_by": user}
            )
    return created


def _specification(project: Project, step: Any, user: Any) -> Any:
    if step is None or Specification.objects.filter(project=project).exists():
        return None
    content = folder_data("market")
    facts, _origin = project_facts(project)
    items, _pending = preselect(content, facts)
    spec = Specification.objects.create(
        project=project, step=step, title="Kravspecifikation: ambient scribe"
    )
    return spec.save_version(
        user,
        items,
        facts.as_dict(),
        "Forudvalgt ud fra projektets vurderinger og business case (demo).",
    )


def _tender(project: Project, step: Any, users: dict[str, Any], spec_version: Any) -> int:
    if step is None or Tender.objects.filter(project=project).exists():
        return 0
    tender = new_tender(
        project, step, "Udbud: ambient scribe (demo med EKSEMPEL-tilbud)", spec_version
    )
    tender.lock(users["peter"])
    quality = tender.quality_ids()
    bids = [
        Bid.objects.create(
            tender=tender,
            label=label,
            price=price,
            product=Product.objects.filter(vendor=label).first(),
        )
        for label, price, _scores in BIDS
    ]
    for name in ("anna", "peter", "ida"):
        Evaluator.objects.create(tender=tender, user=users[name])
    for bid, (_label, _price, by_evaluator) in zip(bids, BIDS, strict=True):
        for name, scores in by_evaluator.items():
            values = {(bid.pk, c): float(s) for c, s in zip(quality, scores, strict=False)}
            save_scores(tender, users[name], values)
    for name in ("anna", "peter", "ida"):
        submit_scores(tender, users[name])
    consensus = {}
    for bid, (_label, _price, by_evaluator) in zip(bids, BIDS, strict=True):
        for i, c in enumerate(quality):
            marks = [scores[i] for scores in by_evaluator.values() if i < len(scores)]
            consensus[(bid.pk, c)] = float(round(sum(marks) / len(marks)))
    save_scores(
        tender,
        users["peter"],
        consensus,
        consensus=True,
        reason="Konsensusmøde (demo): gennemsnittet afrundet.",
    )
    return 1


def _contract(project: Project, user: Any) -> int:
    if ContractCheck.objects.filter(project=project).exists():
        return 0
    ContractCheck.objects.create(
        project=project,
        item="data-processor-agreement",
        met=True,
        where="Bilag 4: databehandleraftale (udkast)",
        updated_by=user,
    )
    ContractCheck.objects.create(
        project=project,
        item="upgrade-revalidation-clause",
        met=True,
        where="Kontraktens pkt. 9.2",
        updated_by=user,
    )
    return 2
