"""What a project already knows, for the requirement builder and the contract checklist:
the latest AI Act, MDR and GDPR results and the KPIs of the latest business case."""

from __future__ import annotations

from typing import Any

from vejviser.assessments.models import AssessmentRun
from vejviser.projects.models import Project
from vejviser.value.models import CaseVersion

from .core.requirements import Facts, facts_from_results

ASSESSMENTS = ("ai-act", "mdr", "gdpr")


def project_facts(project: Project) -> tuple[Facts, dict[str, Any]]:
    """The facts, and where each came from (assessment run / business case version)."""
    results: dict[str, dict[str, Any]] = {}
    origin: dict[str, Any] = {}
    runs = AssessmentRun.objects.filter(project=project, assessment__in=ASSESSMENTS).order_by(
        "-created_at", "-version"
    )
    for run in runs.select_related("step__action"):
        if run.assessment not in results:
            results[run.assessment] = run.result
            origin[run.assessment] = {
                "step": run.step.action.title,
                "version": run.version,
                "date": run.created_at.date().isoformat(),
            }
    latest = (
        CaseVersion.objects.filter(business_case__project=project)
        .select_related("business_case")
        .order_by("-created_at", "-number")
        .first()
    )
    kpis: list[dict[str, Any]] = []
    if latest is not None:
        kpis = list(latest.summary.get("kpis") or [])
        origin["business-case"] = {"name": latest.business_case.name, "version": latest.number}
    return facts_from_results(results, kpis), origin
