"""Control charts as SVG text (matplotlib ``Figure``, no pyplot: safe in web workers).

Every user-given text on a plot (metric names, periods) goes through
:func:`vejviser.kernel.inputs.literal_label`. SVGs are deterministic (fixed hash salt,
no date) and keep text as text.
"""

from __future__ import annotations

import io
import math
from typing import TYPE_CHECKING, Any

from vejviser.kernel.i18n import translate
from vejviser.kernel.inputs import literal_label

from .plan import Evaluation

if TYPE_CHECKING:  # matplotlib (≈ 1 s to import) is imported when a chart is drawn, not
    # with the URL configuration: the first request after start does not pay for it
    from matplotlib.figure import Figure

_RC: dict[Any, Any] = {"svg.fonttype": "none", "svg.hashsalt": "vejviser", "font.size": 9}
_BLUE, _GREY, _RED, _GREEN = "#1f5f8b", "#8a8a8a", "#b03a2e", "#2e7d32"


def _svg(figure: Figure) -> str:
    from matplotlib import rc_context

    buffer = io.StringIO()
    with rc_context(_RC):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def _finite(values: list[float]) -> list[float]:
    return [v if math.isfinite(v) else math.nan for v in values]


def chart_svg(
    name: str,
    evaluation: Evaluation,
    lang: str = "da",
    baseline: tuple[float, float] | None = None,
) -> str:
    """The metric's months with their limits; signals in red; the baseline's interval
    (from the validation run) as a band; a KPI's business-case range as a green band."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6.4, 3.4), layout="constrained")
    ax = figure.add_subplot()
    chart = evaluation.chart
    ax.set_title(literal_label(name), loc="left")
    if chart is None or not chart.points:
        ax.text(
            0.5,
            0.5,
            translate("No data yet.", lang),
            ha="center",
            va="center",
            transform=ax.transAxes,
            color=_GREY,
        )
        ax.set_axis_off()
        return _svg(figure)
    x = list(range(len(chart.points)))
    labels = [literal_label(p.period, 12) for p in chart.points]
    values = [p.value for p in chart.points]
    if baseline is not None and all(math.isfinite(b) for b in baseline):
        ax.axhspan(
            baseline[0],
            baseline[1],
            color=_BLUE,
            alpha=0.10,
            linewidth=0,
            label=translate("Baseline interval (validation)", lang),
        )
    if evaluation.benefits:
        lows = [b.low for b in evaluation.benefits]
        highs = [b.high for b in evaluation.benefits]
        if all(math.isfinite(v) for v in lows + highs):
            ax.fill_between(
                x,
                lows,
                highs,
                color=_GREEN,
                alpha=0.12,
                linewidth=0,
                label=translate("Business case P5–P95", lang),
            )
    ax.step(
        x,
        _finite([p.lower for p in chart.points]),
        where="mid",
        color=_GREY,
        linestyle="--",
        linewidth=1,
        label=translate("Alert limits", lang),
    )
    ax.step(
        x,
        _finite([p.upper for p in chart.points]),
        where="mid",
        color=_GREY,
        linestyle="--",
        linewidth=1,
    )
    centre = [p.centre for p in chart.points]
    if any(math.isfinite(c) for c in centre):
        ax.plot(x, _finite(centre), color=_GREY, linewidth=0.8, linestyle=":")
    if evaluation.raw and len(evaluation.raw) == len(x):
        ax.plot(
            x,
            evaluation.raw,
            linestyle="none",
            marker="x",
            color=_GREY,
            markersize=5,
            label=translate("Month's value", lang),
        )
    label = "EWMA" if chart.chart == "ewma" else translate("Value", lang)
    ax.plot(x, values, color=_BLUE, marker="o", markersize=4, linewidth=1.4, label=label)
    flagged = set(evaluation.adverse)
    if flagged:
        ax.plot(
            [x[i] for i in sorted(flagged)],
            [values[i] for i in sorted(flagged)],
            linestyle="none",
            marker="o",
            markersize=8,
            markerfacecolor="none",
            markeredgecolor=_RED,
            markeredgewidth=2,
            label=translate("Alert", lang),
        )
    ax.set_xticks(x, labels, rotation=0 if len(x) <= 8 else 45)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=3, fontsize=7, frameon=False)
    return _svg(figure)
