"""Plots of a case as SVG strings: NPV histogram, tornado, cumulative cash flow.

Figures are built with matplotlib's object API (no ``pyplot``, so no global state and
safe in a multi-threaded web server) and written by the SVG backend with text kept as
text and a fixed hash salt, so the same result gives the same SVG.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

import numpy as np

from vejviser.kernel import formatting
from vejviser.kernel.i18n import Lang, translate
from vejviser.kernel.inputs import literal_label
from vejviser.value.core.schema import Case
from vejviser.value.core.simulate import Deterministic, Simulation, TornadoBar

if TYPE_CHECKING:  # matplotlib is imported where a chart is drawn: the CLI starts fast
    from matplotlib.axis import Axis
    from matplotlib.figure import Figure

_RC: dict[Any, Any] = {"svg.hashsalt": "vejviser-value", "svg.fonttype": "none", "font.size": 9}
_GAIN = "#2a7f62"
_LOSS = "#b5473a"
_LINE = "#1f4e79"


def _svg(fig: Figure) -> str:
    import matplotlib as mpl

    buf = io.StringIO()
    with mpl.rc_context(_RC):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def _money_axis(axis: Axis, lang: Lang, ticks: int = 6) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    axis.set_major_locator(MaxNLocator(ticks))
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: formatting.integer(v, lang)))


def npv_histogram(sim: Simulation, lang: Lang = "da", bins: int = 50) -> str:
    import matplotlib as mpl
    from matplotlib.figure import Figure

    with mpl.rc_context(_RC):
        fig = Figure(figsize=(6.4, 3.2), layout="constrained")
        ax = fig.add_subplot()
        counts, edges = np.histogram(sim.npv, bins=bins)
        shares = counts / sim.iterations
        gain = (edges[:-1] + edges[1:]) / 2 > 0
        # two filled step outlines (gain, loss): two artists instead of one per bin
        ax.stairs(np.where(gain, shares, 0), edges, fill=True, color=_GAIN)
        ax.stairs(np.where(gain, 0, shares), edges, fill=True, color=_LOSS)
        ax.axvline(0, color="black", linewidth=0.8)
        for q, style in ((5, ":"), (50, "--"), (95, ":")):
            ax.axvline(float(np.percentile(sim.npv, q)), color=_LINE, linestyle=style, lw=1)
        ax.set_title(
            translate(
                "Distribution of NPV — probability of NPV > 0: {probability}",
                lang,
                probability=formatting.percent(sim.prob_npv_positive, lang),
            )
        )
        ax.set_xlabel(translate("Net present value (DKK)", lang))
        ax.set_ylabel(translate("Share of iterations", lang))
        _money_axis(ax.xaxis, lang)
        return _svg(fig)


def tornado_chart(
    case: Case, bars: list[TornadoBar], base_npv: float, lang: Lang = "da", top: int = 12
) -> str:
    import matplotlib as mpl
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    shown = list(reversed(bars[:top]))
    with mpl.rc_context(_RC):
        fig = Figure(figsize=(8.0, 0.45 * len(shown) + 1.2), layout="constrained")
        ax = fig.add_subplot()
        ys = np.arange(len(shown))
        lows = np.array([bar.npv_low for bar in shown])
        highs = np.array([bar.npv_high for bar in shown])
        for npvs, colour in ((lows, _LOSS), (highs, _GAIN)):
            ax.barh(ys, npvs - base_npv, left=base_npv, color=colour, height=0.6)
        ax.axvline(base_npv, color="black", linewidth=0.8)
        ax.set_yticks(range(len(shown)))
        ax.set_yticklabels([literal_label(case.inputs[b.input].label.get(lang)) for b in shown])
        ax.set_title(translate("Sensitivity (tornado)", lang))
        ax.set_xlabel(translate("NPV at input low / high (DKK)", lang))
        ax.legend(
            handles=[
                Patch(color=_LOSS, label=translate("input low", lang)),
                Patch(color=_GAIN, label=translate("input high", lang)),
            ],
            loc="lower right",
            fontsize=8,
        )
        _money_axis(ax.xaxis, lang, ticks=5)
        return _svg(fig)


def cashflow_chart(det: Deterministic, sim: Simulation | None = None, lang: Lang = "da") -> str:
    import matplotlib as mpl
    from matplotlib.figure import Figure

    years = np.arange(det.case.horizon_years + 1)
    with mpl.rc_context(_RC):
        fig = Figure(figsize=(6.4, 3.2), layout="constrained")
        ax = fig.add_subplot()
        if sim is not None:
            lo, hi = np.percentile(sim.cumulative_year, (5.0, 95.0), axis=1)
            band = translate("P5–P95 (simulation)", lang)
            ax.fill_between(years, lo, hi, color=_LINE, alpha=0.18, label=band)
        expected = translate("Expected (deterministic)", lang)
        ax.plot(years, det.cumulative, color=_LINE, marker="o", label=expected)
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_xticks(years)
        ax.set_title(translate("Cumulative net cash flow", lang))
        ax.set_xlabel(translate("Year", lang))
        ax.set_ylabel(translate("Cumulative (DKK)", lang))
        ax.legend(loc="upper left", fontsize=8)
        _money_axis(ax.yaxis, lang)
        return _svg(fig)
