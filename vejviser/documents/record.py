"""The project record, gathered from what the project holds (the thin Django layer).

Reads the project and its members, the latest saved result of each assessment, the
validation runs, the latest business case version, the project's short texts and the
record sections other capabilities register (``register_record_section``), and puts
them into words in one language as the core's :class:`Record`. Only what the reader may
see is gathered: a vendor's record holds the steps shared with vendors and no business
case (as on the pages).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import translation

from vejviser.assessments.display import result_view
from vejviser.assessments.models import AssessmentRun
from vejviser.evidence import display as evidence
from vejviser.evidence.models import Kind, ValidationRun
from vejviser.kernel import formatting as f
from vejviser.kernel.i18n import Lang, translate
from vejviser.lib.capabilities import record_sections
from vejviser.projects.models import Project, Step
from vejviser.value.core.summary import PlotKind
from vejviser.value.core.summary import plot as value_plot
from vejviser.value.display import result_context
from vejviser.value.models import CaseVersion

from .core.inputs import text_fingerprint
from .core.model import (
    Block,
    Bullets,
    Facts,
    Figure,
    Member,
    Paragraph,
    Part,
    ProjectInfo,
    Record,
    Table,
    part_from_data,
)
from .models import ProjectNarrative


@dataclass
class _Acc:
    parts: dict[str, Part]
    inputs: dict[str, str]
    dates: list[dt.date]


#: How long a business case version's drawn plots are kept (the version never changes).
PLOT_CACHE_SECONDS = 24 * 3600

ASSESSMENTS = ("ai-act", "mdr", "gdpr", "approvals", "procurement")
_MARKUP = re.compile(r"\*\*|__|`")


def gather(
    project: Project,
    lang: str,
    steps: QuerySet[Step],
    *,
    vendor: bool = False,
    figures: bool = True,
    sources: Collection[str] | None = None,
) -> Record:
    """The record of ``project`` in ``lang`` from ``steps`` (those the reader may see).

    ``figures=False`` leaves out the plots drawn on demand (the business case's): enough
    to tell which sections are filled, and fast. ``sources`` (a template's source keys)
    limits the record to what the document uses; ``None`` gathers everything.
    """

    def wants(prefix: str) -> bool:
        return sources is None or any(s.startswith(prefix) for s in sources)

    with translation.override(lang):
        step_list = list(steps)
        acc = _Acc({}, {}, [project.created_at.date()])
        parts, inputs = acc.parts, acc.inputs
        parts.update(_project_parts(project, step_list, lang))
        # fingerprints of the raw inputs (never of translated text: the same inputs in
        # another language are the same inputs)
        inputs["project"] = f"v{project.version}"
        inputs["team"] = text_fingerprint(
            repr(sorted(project.memberships.values_list("user_id", "role", "is_owner")))
        )
        inputs["steps"] = text_fingerprint(
            repr(
                [
                    (s.pk, s.status, s.owner_id, str(s.due_date), s.notes, s.decisions)
                    for s in step_list
                ]
            )
        )
        if wants("assessment."):
            _assessments(project, step_list, lang, acc)
        if wants("validation."):
            _validations(project, step_list, lang, acc)
        if not vendor and wants("business-case."):
            _business_case(project, lang, acc, figures and wants("business-case.uncertainty"))
        for name, function in record_sections().items():
            if not wants(f"section:{name}"):
                continue
            data = function(project, lang, steps)
            if data:
                parts[f"section:{name}"] = part_from_data(data)
                inputs[f"section:{name}"] = text_fingerprint(repr(data))
        narratives = {
            n.key: n.text for n in ProjectNarrative.objects.filter(project=project) if n.text
        }
        for key, text in sorted(narratives.items()):
            inputs[f"narrative:{key}"] = text_fingerprint(text)
        dates = acc.dates + [
            n.updated_at.date() for n in ProjectNarrative.objects.filter(project=project)
        ]
        return Record(
            lang=lang,
            as_of=max(dates),
            project=_info(project, step_list),
            parts=parts,
            narratives=narratives,
            inputs=dict(sorted(inputs.items())),
        )


# --- the project ----------------------------------------------------------------------


def _info(project: Project, steps: list[Step]) -> ProjectInfo:
    journey = project.journey(steps)
    members = tuple(
        Member(str(m.get_role_display()), m.user.get_full_name() or m.user.username)
        for m in project.memberships.select_related("user").order_by("-is_owner", "role", "id")
    )
    return ProjectInfo(
        title=project.title,
        department=project.department,
        region=str(project.get_region_display()),
        clinical_area=project.clinical_area,
        track=project.track.title,
        phase=journey.current.title if journey.current else "",
        members=members,
    )


def _project_parts(project: Project, steps: list[Step], lang: str) -> dict[str, Part]:
    info = _info(project, steps)
    parts = {
        "project.summary": Part(
            (
                Facts(
                    (
                        (translate("Project", lang), info.title),
                        (translate("Clinical area", lang), info.clinical_area),
                        (translate("Department", lang), info.department),
                        (translate("Region", lang), info.region),
                        (translate("Track", lang), info.track),
                        (translate("Current phase", lang), info.phase or "–"),
                        (translate("Started", lang), f.date(project.created_at, lang)),
                    )
                ),
            )
        ),
        "project.team": Part(
            (
                Table(
                    (translate("Role", lang), translate("Name", lang)),
                    tuple((m.role, m.name) for m in info.members),
                ),
            )
        ),
    }
    text = _MARKUP.sub("", project.description or "").strip()
    if text:
        parts["project.description"] = Part(
            tuple(Paragraph(" ".join(p.split())) for p in text.split("\n\n") if p.strip())
        )
    started = [s for s in steps if s.status != "not_started" or s.due_date or s.notes]
    if started:
        rows = tuple(
            (
                s.action.phase.title,
                s.action.title,
                str(s.get_status_display()),
                (s.owner.get_full_name() or s.owner.username) if s.owner else "–",
                f.date(s.due_date, lang, "short") if s.due_date else "–",
                " ".join((s.decisions or s.notes or "").split()),
            )
            for s in started
        )
        parts["project.plan"] = Part(
            (
                Table(
                    (
                        translate("Phase", lang),
                        translate("Step", lang),
                        translate("Status", lang),
                        translate("Responsible", lang),
                        translate("Due", lang),
                        translate("Notes and decisions", lang),
                    ),
                    rows,
                ),
            )
        )
    return parts


# --- assessments --------------------------------------------------------------------------


def _assessments(project: Project, steps: list[Step], lang: str, acc: _Acc) -> None:
    runs = (
        AssessmentRun.objects.filter(project=project, step__in=[s.pk for s in steps])
        .select_related("step__action")
        .order_by("assessment", "-created_at", "-id")
    )
    latest: dict[str, AssessmentRun] = {}
    for found in runs:
        latest.setdefault(found.assessment, found)
    for name in ASSESSMENTS:
        run = latest.get(name)
        if run is None:
            continue
        view = result_view(run.result, lang)
        blocks: list[Block] = [Paragraph(view.headline)]
        facts = tuple((o.label, o.value) for o in view.outcomes if not o.is_list and o.value)
        if facts:
            blocks.append(Facts(facts))
        for outcome in view.outcomes:
            if outcome.is_list and outcome.items:
                blocks.append(Paragraph(outcome.label))
                blocks.append(
                    Bullets(
                        tuple(
                            f"{i.text} ({i.reference})" if i.reference else i.text
                            for i in outcome.items
                        )
                    )
                )
        if view.warnings:
            blocks.append(Bullets(tuple(view.warnings)))
        if view.references:
            blocks.append(
                Paragraph(translate("Legal basis: {refs}", lang, refs="; ".join(view.references)))
            )
        origin = translate(
            "From: {title}, version {version}, saved on the step “{step}” on {date} "
            "(rule set {ruleset}).",
            lang,
            title=view.title,
            version=run.version,
            step=run.step.action.title,
            date=f.date(run.on_date, lang),
            ruleset=run.ruleset_version,
        )
        acc.parts[f"assessment.{name}"] = Part(tuple(blocks), origin)
        acc.dates.append(run.created_at.date())
        acc.inputs[f"assessment.{name}"] = f"run {run.pk} v{run.version}"


# --- validation ------------------------------------------------------------------------------


def _validations(project: Project, steps: list[Step], lang: str, acc: _Acc) -> None:
    runs = list(
        ValidationRun.objects.filter(project=project, step__in=[s.pk for s in steps])
        .select_related("step__action")
        .order_by("created_at", "id")
    )
    analyses = [r for r in runs if r.kind != Kind.SAMPLE_SIZE]
    plans = [r for r in runs if r.kind == Kind.SAMPLE_SIZE]
    acc.dates.extend(r.created_at.date() for r in runs)
    if analyses:
        acc.inputs["validation"] = ",".join(str(r.pk) for r in runs)
        acc.parts["validation.data"] = Part(tuple(_run_data(r, lang) for r in analyses))
        acc.parts["validation.metrics"] = Part(tuple(_metrics(analyses, lang)))
        subgroups = [b for r in analyses for b in _subgroups(r, lang)]
        if subgroups:
            acc.parts["validation.subgroups"] = Part(tuple(subgroups))
        figures = [
            Figure(svg, f"{r}: {_plot_caption(name, lang)}")
            for r in analyses
            for name, svg in sorted((r.plots.get(lang) or r.plots.get("da") or {}).items())
            if svg
        ]
        if figures:
            acc.parts["validation.figures"] = Part(tuple(figures))
    if plans:
        acc.inputs["validation.sample-size"] = ",".join(str(r.pk) for r in plans)
        blocks: list[Block] = []
        for run in plans:
            blocks.append(Bullets(tuple(evidence.summary_sentences(run, lang))))
        acc.parts["validation.sample-size"] = Part(tuple(blocks))


def _run_data(run: ValidationRun, lang: str) -> Facts:
    period = (
        f"{f.date(run.period_from, lang)} – {f.date(run.period_to, lang)}"
        if run.period_from and run.period_to
        else "–"
    )
    rows = [
        (translate("Analysis", lang), str(run.get_kind_display())),
        (translate("Product", lang), f"{run.product_name} {run.product_version}".strip() or "–"),
        (translate("Design", lang), str(run.get_purpose_display())),
        (translate("Data period", lang), period),
        (translate("Site", lang), run.site or "–"),
        (translate("Cases analysed (n)", lang), f.integer(run.n, lang)),
        (translate("Analysed on", lang), f.date(run.created_at, lang)),
    ]
    source = (run.settings or {}).get("source")
    if source:
        rows.append((translate("Data source", lang), str(source)))
    confidence = run.report.get("confidence")
    if confidence:
        rows.append((translate("Confidence level", lang), f.percent(confidence, lang, 0)))
    return Facts(tuple(rows))


def _metrics(runs: Iterable[ValidationRun], lang: str) -> list[Block]:
    blocks: list[Block] = []
    for run in runs:
        blocks.append(Paragraph(str(run)))
        blocks.append(Bullets(tuple(evidence.summary_sentences(run, lang))))
        r = run.report
        if run.kind == Kind.BINARY:
            rows = evidence.binary_rows(r, lang)
            blocks.append(
                Table(
                    (
                        translate("Metric", lang),
                        translate("Estimate (confidence interval)", lang),
                        translate("Counts", lang),
                    ),
                    tuple((row["label"], row["value"], row.get("counts", "")) for row in rows),
                )
            )
        elif run.kind == Kind.SEGMENTATION:
            rows2 = evidence.structure_rows(r, lang)
            blocks.append(
                Table(
                    (
                        translate("Structure", lang),
                        translate("Cases", lang),
                        translate("Dice, mean (CI)", lang),
                        translate("Dice, median (IQR)", lang),
                        translate("HD95 median (mm)", lang),
                        translate("Surface Dice (CI)", lang),
                    ),
                    tuple(
                        (
                            row["structure"],
                            row["cases"],
                            row["dice"],
                            row["dice_median"],
                            row["hd95"],
                            row["surface_dice"],
                        )
                        for row in rows2
                    ),
                )
            )
    return blocks


def _subgroups(run: ValidationRun, lang: str) -> list[Block]:
    if run.kind != Kind.BINARY:
        return []
    rows = evidence.subgroup_rows(run.report, lang)
    if not rows:
        return []
    return [
        Table(
            (
                translate("Subgroup", lang),
                "n",
                translate("Prevalence", lang),
                "AUC",
                translate("Sensitivity", lang),
                translate("Specificity", lang),
                translate("Worse than overall", lang),
            ),
            tuple(
                (
                    f"{row['column']} = {row['value']}",
                    row["n"],
                    row["prevalence"],
                    row["auc"],
                    row["sensitivity"],
                    row["specificity"],
                    row["worse"] or "–",
                )
                for row in rows
            ),
            caption=str(run),
        )
    ]


def _plot_caption(name: str, lang: str) -> str:
    captions = {
        "roc": translate("ROC curve", lang),
        "calibration": translate("Calibration", lang),
        "dice": translate("Dice per structure", lang),
        "threshold": translate("Threshold analysis", lang),
    }
    return captions.get(name, name)


# --- business case ---------------------------------------------------------------------------


def _business_case(project: Project, lang: str, acc: _Acc, figures: bool) -> None:
    version = (
        CaseVersion.objects.filter(business_case__project=project)
        .select_related("business_case", "step__action")
        .order_by("-created_at", "-id")
        .first()
    )
    if version is None:
        return
    ctx: dict[str, Any] = result_context(version.data, version.summary, lang)  # type: ignore[arg-type]
    det, sim = ctx["det"], ctx["sim"]
    acc.dates.append(version.created_at.date())
    acc.inputs["business-case"] = f"version {version.pk} v{version.number}"
    origin = translate(
        "From: business case “{name}”, version {version} ({stage}), saved on {date}.",
        lang,
        name=version.business_case.name,
        version=version.number,
        stage=ctx["stage_label"],
        date=f.date(version.created_at, lang),
    )
    payback = det.get("payback_year")
    facts = (
        (
            translate("Hours freed a year in full use", lang),
            f.number(ctx["hours_full_use"], lang, 0),
        ),
        (translate("Full-time equivalents freed", lang), f.number(ctx["fte_full_use"], lang, 1)),
        (translate("Net present value", lang), f.money(det["npv"], lang)),
        (
            translate("Net present value, P5–P95", lang),
            f"{f.money(sim['npv']['p5'], lang)} – {f.money(sim['npv']['p95'], lang)}",
        ),
        (
            translate("Probability of a positive net present value", lang),
            f.percent(sim["prob_npv_positive"], lang, 0),
        ),
        (translate("Payback year", lang), f.integer(payback, lang) if payback is not None else "–"),
        (translate("Horizon (years)", lang), f.integer(det["horizon_years"], lang)),
        (translate("Discount rate", lang), f.percent(det["discount_rate_percent"] / 100, lang, 1)),
    )
    years = tuple(
        (
            f.integer(row["year"], lang),
            f.number(row["hours"], lang, 0),
            f.money(row["value_of_time"], lang),
            f.money(row["costs"], lang),
            f.money(row["net"], lang),
            f.money(row["cumulative"], lang),
        )
        for row in ctx["year_rows"]
    )
    acc.parts["business-case.summary"] = Part(
        (
            Paragraph(ctx["title"]),
            Paragraph(_MARKUP.sub("", ctx["summary_text"])),
            Facts(facts),
            Table(
                (
                    translate("Year", lang),
                    translate("Hours freed", lang),
                    translate("Value of time", lang),
                    translate("Costs", lang),
                    translate("Net", lang),
                    translate("Cumulative", lang),
                ),
                years,
            ),
        ),
        origin,
    )
    acc.parts["business-case.assumptions"] = Part(
        (
            Table(
                (
                    translate("Assumption", lang),
                    translate("Value (range)", lang),
                    translate("Unit", lang),
                    translate("Origin", lang),
                    translate("Source", lang),
                ),
                tuple(
                    (
                        a["label"],
                        a["spec"],
                        a["unit"],
                        a["origin"],
                        "; ".join(f"{s['doc']}: {s['section']}" for s in a["sources"]) or "–",
                    )
                    for a in ctx["assumptions"]
                ),
            ),
        ),
        origin,
    )
    case = version.case()
    seed = int(version.summary["simulation"]["seed"])
    lang_: Lang = "en" if lang == "en" else "da"
    tornado = tuple(
        (
            row.label,
            f.money(row.npv_low, lang),
            f.money(row.npv_high, lang),
            f.money(row.swing, lang),
        )
        for row in ctx["tornado"]
    )
    plots: tuple[Block, ...] = ()
    if figures:

        def drawn(kind: PlotKind) -> str:
            """A version never changes: its plots are drawn once per process and language."""
            key = f"documents:plot:{version.pk}:{kind}:{lang_}"
            svg = cache.get(key)
            if svg is None:
                svg = value_plot(case, kind, seed, version.iterations, lang_)
                cache.set(key, svg, PLOT_CACHE_SECONDS)
            return str(svg)

        plots = (
            Figure(
                drawn("tornado"),
                translate(
                    "Tornado: net present value with each input at its low and high end", lang
                ),
            ),
            Figure(
                drawn("histogram"),
                translate("Distribution of the net present value (Monte Carlo)", lang),
            ),
        )
    acc.parts["business-case.uncertainty"] = Part(
        (
            Paragraph(
                translate(
                    "Monte Carlo simulation with {n} draws: the net present value lies between "
                    "{low} and {high} in nine draws out of ten.",
                    lang,
                    n=version.iterations,
                    low=f.money(sim["npv"]["p5"], lang),
                    high=f.money(sim["npv"]["p95"], lang),
                )
            ),
            Table(
                (
                    translate("Input", lang),
                    translate("NPV at low end", lang),
                    translate("NPV at high end", lang),
                    translate("Swing", lang),
                ),
                tornado,
                caption=translate("What moves the net present value most (tornado)", lang),
            ),
            *plots,
        ),
        origin,
    )
    kpis = version.summary.get("kpis") or []
    if kpis:
        acc.parts["business-case.kpis"] = Part(
            (
                Table(
                    (translate("KPI", lang), translate("Expected", lang), translate("Unit", lang)),
                    tuple(
                        (
                            k["name"][lang],
                            f.number(k["expected"], lang),
                            _unit(k["unit"], lang_),
                        )
                        for k in kpis
                    ),
                ),
            ),
            origin,
        )
    criteria = (version.summary.get("criteria") or {}).get("criteria") or []
    if criteria:
        acc.parts["business-case.criteria"] = Part(
            (
                Table(
                    (
                        translate("Award criterion", lang),
                        translate("Measure", lang),
                        translate("Weight", lang),
                    ),
                    tuple(
                        (
                            c["name"][lang],
                            c["measure"][lang],
                            f.percent(c["weight_percent"] / 100, lang, 0),
                        )
                        for c in criteria
                    ),
                ),
            ),
            origin,
        )


def _unit(unit: str, lang: Lang) -> str:
    """A business-case unit in ``lang`` (``DKK/year`` -> ``kr. pr. år``)."""
    from django.utils import translation

    from vejviser.value.display import unit_text

    with translation.override(lang):
        return unit_text(unit)
