"""Plots as SVG text, drawn with matplotlib from results (aggregates) only.

The figures are made with :class:`matplotlib.figure.Figure` directly (no pyplot, no
global state), so this module is safe in a web worker and in threads. SVGs are
deterministic (fixed hash salt, no date) and keep text as text. Every label that comes
from the user (a subgroup value, a structure name) goes through
:func:`vejviser.kernel.inputs.literal_label`, so it is shown as typed, never read as
matplotlib math markup.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import Any

from matplotlib import rc_context
from matplotlib.figure import Figure

from vejviser.evidence.core.auc import RocPoint
from vejviser.evidence.core.binary import BinaryReport
from vejviser.evidence.core.calibration import Calibration
from vejviser.evidence.core.results import Estimate
from vejviser.evidence.core.segmentation import SegmentationReport
from vejviser.evidence.core.wording import metric_name
from vejviser.kernel.formatting import integer, number
from vejviser.kernel.i18n import translate
from vejviser.kernel.inputs import literal_label

_RC: dict[Any, Any] = {"svg.fonttype": "none", "svg.hashsalt": "vejviser", "font.size": 9}
_BLUE, _GREY, _RED = "#1f5f8b", "#8a8a8a", "#b03a2e"


def _ticks(ax: Any, lang: str, axes: str = "xy") -> None:
    """Tick labels in the language's number format (``0,2`` in Danish)."""
    from matplotlib.ticker import FuncFormatter

    formatter = FuncFormatter(lambda value, _pos: number(value, lang))
    if "x" in axes:
        ax.xaxis.set_major_formatter(formatter)
    if "y" in axes:
        ax.yaxis.set_major_formatter(formatter)


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    with rc_context(_RC):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def roc_svg(
    points: Sequence[RocPoint],
    auc: Estimate,
    threshold: float | None = None,
    lang: str = "da",
    confidence: float = 0.95,
) -> str:
    """ROC curve with a pointwise confidence band for the sensitivity."""
    level = round(confidence * 100)
    figure = Figure(figsize=(4.6, 4.4), layout="constrained")
    ax = figure.add_subplot()
    fpr = [p.fpr for p in points] + [1.0]
    tpr = [p.tpr for p in points] + [1.0]
    low = [p.tpr_low for p in points] + [1.0]
    high = [p.tpr_high for p in points] + [1.0]
    ax.fill_between(
        fpr,
        low,
        high,
        step="post",
        color=_BLUE,
        alpha=0.18,
        linewidth=0,
        label=translate("{level} % CI for sensitivity (pointwise)", lang, level=level),
    )
    ax.step(fpr, tpr, where="post", color=_BLUE, linewidth=1.6)
    ax.plot([0, 1], [0, 1], linestyle=":", color=_GREY, label=translate("Chance", lang))
    if threshold is not None and math.isfinite(threshold) and points:
        nearest = min(
            points,
            key=lambda p: abs(p.threshold - threshold) if math.isfinite(p.threshold) else math.inf,
        )
        ax.plot(
            [nearest.fpr],
            [nearest.tpr],
            "o",
            color=_RED,
            label=translate("Threshold {threshold}", lang, threshold=number(threshold, lang, 3)),
        )
    ax.set(
        xlim=(0, 1),
        ylim=(0, 1.01),
        xlabel=translate("1 − specificity", lang),
        ylabel=metric_name("sensitivity", lang),
    )
    ax.set_title(
        translate(
            "ROC curve, AUC {auc} ({level} % CI {low}–{high})",
            lang,
            auc=number(auc.estimate, lang, 3),
            level=level,
            low=number(auc.ci_low, lang, 3),
            high=number(auc.ci_high, lang, 3),
        )
    )
    ax.set_aspect("equal")
    ax.grid(alpha=0.3)
    _ticks(ax, lang)
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    return _svg(figure)


def calibration_svg(calib: Calibration, lang: str = "da", confidence: float = 0.95) -> str:
    """Observed rate against mean predicted risk per bin, with Wilson intervals."""
    figure = Figure(figsize=(4.6, 4.4), layout="constrained")
    ax = figure.add_subplot()
    x = [b.mean_predicted for b in calib.bins]
    y = [b.observed for b in calib.bins]
    errors = [  # never negative, even if a bound were off by a rounding residue
        [max(0.0, b.observed - b.ci_low) for b in calib.bins],
        [max(0.0, b.ci_high - b.observed) for b in calib.bins],
    ]
    ax.plot(
        [0, 1], [0, 1], linestyle=":", color=_GREY, label=translate("Perfect calibration", lang)
    )
    ax.errorbar(x, y, yerr=errors, fmt="o-", color=_BLUE, capsize=3, markersize=4)
    top = max([*x, *[b.ci_high for b in calib.bins], 0.05]) * 1.05
    ax.set(
        xlim=(0, min(1.0, top)),
        ylim=(0, min(1.0, top)),
        xlabel=translate("Predicted risk", lang),
        ylabel=translate("Observed rate", lang),
    )
    ax.set_title(translate("Calibration", lang))
    ax.set_aspect("equal")
    ax.grid(alpha=0.3)
    _ticks(ax, lang)
    ax.legend(loc="upper left", frameon=False)
    return _svg(figure)


def subgroups_svg(
    report: BinaryReport,
    metrics: Sequence[str] = ("auc", "sensitivity", "specificity"),
    lang: str = "da",
) -> str:
    """A forest plot: each subgroup's estimate and interval per metric, the overall value
    as a dashed line; a subgroup worse than the whole for a metric is drawn in red."""
    rows = [
        (literal_label(f"{table.column}: {group.value} (n={integer(group.n, lang)})"), group)
        for table in report.subgroups
        for group in table.groups
    ]
    figure = Figure(
        figsize=(2.6 * len(metrics) + 1.8, 0.32 * len(rows) + 1.4), layout="constrained"
    )
    axes = figure.subplots(1, len(metrics), sharey=True, squeeze=False)[0]
    positions = list(range(len(rows)))[::-1]
    for ax, metric in zip(axes, metrics, strict=True):
        ax.axvline(
            getattr(report, metric).estimate,
            color=_GREY,
            linestyle="--",
            linewidth=1,
            label=translate("Overall", lang),
        )
        for y, (_, group) in zip(positions, rows, strict=True):
            e: Estimate = getattr(group, metric)
            if not e.defined:
                continue
            lo = e.ci_low if math.isfinite(e.ci_low) else e.estimate
            hi = e.ci_high if math.isfinite(e.ci_high) else e.estimate
            colour = _RED if metric in group.worse_than_overall else _BLUE
            ax.plot([lo, hi], [y, y], color=colour, linewidth=1.5)
            ax.plot([e.estimate], [y], "o", color=colour, markersize=4)
        ax.set_title(metric_name(metric, lang))
        ax.set_xlim(0, 1)
        ax.grid(axis="x", alpha=0.3)
        _ticks(ax, lang, "x")
    axes[0].set_yticks(positions, [label for label, _ in rows])
    axes[-1].legend(loc="lower left", frameon=False, fontsize=8)
    figure.suptitle(
        translate("Subgroups ({level} % CI)", lang, level=round(report.confidence * 100))
    )
    return _svg(figure)


def dice_boxplot_svg(report: SegmentationReport, lang: str = "da") -> str:
    """Box plot of Dice per structure over cases."""
    names = [s.structure for s in report.structures]
    data = [[r.dice for r in report.scores if r.structure == name] for name in names]
    labels = [literal_label(name) for name in names]  # user text: never read as markup
    figure = Figure(figsize=(max(3.5, 1.0 * len(names) + 1.5), 3.6), layout="constrained")
    ax = figure.add_subplot()
    ax.boxplot(data, tick_labels=labels, showmeans=True, widths=0.5)
    for i, values in enumerate(data, start=1):
        ax.plot([i] * len(values), values, ".", color=_BLUE, alpha=0.6)
    ax.set(ylim=(0, 1.02), ylabel=translate("Dice", lang))
    ax.set_title(translate("Dice per structure", lang))
    ax.grid(axis="y", alpha=0.3)
    _ticks(ax, lang, "y")
    ax.tick_params(axis="x", labelrotation=30)
    return _svg(figure)
