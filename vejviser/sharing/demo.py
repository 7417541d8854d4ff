"""The sharing part of the demo, on the contouring project (idempotent).

The national contouring project is linked to an EXAMPLE catalogue product (its model,
as the validation run names it), its validation summary, monitoring summary and lessons
learned are shared at national level, and its owner has written one lesson learned (in
roles, not names). A second run changes nothing.
"""

from __future__ import annotations

from django.db import transaction

from vejviser.evidence.models import ValidationRun
from vejviser.market.models import Product, ProductUse
from vejviser.projects.models import Project

from .core.levels import NATIONAL
from .models import Lesson, ShareLevel

PROJECT = "ai-contouring"
SOURCE = "Demo-eksempel (opdigtet) / demo example (invented)"
PRODUCT = {
    "vendor": "EKSEMPEL Nationalt stråleterapisamarbejde",
    "product": "Normalvævsmodel hoved-hals (demo)",
    "version": "0.9",
    "intended_use": "Forslag til indtegning af normalvæv (hoved-hals) i CT til planlægning af "
    "strålebehandling; lægen godkender og retter hver kontur.",
    "modality": "CT",
    "outputs": "RT-struct med 32 normalvævsstrukturer",
    "integration": ["DICOM"],
    "deployment": ["on-premises"],
}
LEVELS = {"validation": NATIONAL, "monitoring": NATIONAL, "lessons": NATIONAL}
LESSON = (
    "Hold et fast referencesæt af konturer fra før idriftsættelsen. Det gjorde det muligt "
    "at afvise en ny version, der tegnede for stramt, før den kom i brug. Lad den ansvarlige "
    "læge og fysikeren gennemgå afvigelser hver måned."
)


def load() -> int:
    """Returns the number of things created (0 on a second run)."""
    project = Project.objects.filter(demo_key=PROJECT).select_related("created_by").first()
    if project is None:
        return 0
    owner = project.memberships.filter(role="kliniker").select_related("user").first()
    user = owner.user if owner else None
    created = 0
    with transaction.atomic():
        product = Product.objects.filter(vendor=PRODUCT["vendor"], name=PRODUCT["product"]).first()
        if product is None:
            product = Product(
                vendor=str(PRODUCT["vendor"]),
                name=str(PRODUCT["product"]),
                is_example=True,
                created_by=user,
            )
            product.set_fields(dict(PRODUCT), user, SOURCE)
            product.save()
            created += 1
        for run in ValidationRun.objects.filter(project=project, product_name=product.name):
            _, new = ProductUse.objects.get_or_create(
                product=product, run=run, defaults={"project": project, "added_by": user}
            )
            created += new
        for item, level in LEVELS.items():
            _, new = ShareLevel.objects.get_or_create(
                project=project, item=item, defaults={"level": level, "set_by": user}
            )
            created += new
        if not Lesson.objects.filter(project=project).exists():
            Lesson.objects.create(project=project, role="kliniker", text=LESSON, created_by=user)
            created += 1
    return created
