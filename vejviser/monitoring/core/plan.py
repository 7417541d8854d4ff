"""From a metric's alert rule and its months of data to a chart, its words and the
months that should raise an alert (pure: the web, the API and the demo all call this).

A metric is one of

- a **share** of cases (sensitivity, specificity, PPV, override rate, uptake): a p-chart
  on the monthly counts, or a Bernoulli CUSUM when the cases arrive one by one (the
  statistic at each month's end is stored, the cases are not);
- a **measure per case** (Dice, word error rate, minutes per case): an EWMA of the
  monthly means, with the standard deviation of a month's mean ``σ_case / √n``;
- a **key figure** of the business case (hours freed): an XmR chart, and each month
  flagged when outside the business case's P5–P95 range.

Only a change in the bad direction raises an alert (a rise in Dice is good news).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from vejviser.kernel.i18n import Message, message

from . import benefits, charts, cusum, sample_size
from .result import ChartPoint, ChartResult

#: λ of the EWMA on monthly means.
LAMBDA = 0.2


@dataclass(frozen=True)
class MetricSpec:
    name: str
    kind: str  # "proportion" | "continuous" | "kpi"
    chart: str  # "cusum" | "p" | "ewma" | "xmr"
    higher_is_better: bool = True
    baseline: float | None = None
    shift: float | None = None
    case_sd: float | None = None
    cases_per_month: int = 30
    arl0_months: float = 24.0
    range_low: float | None = None
    range_high: float | None = None
    range_per_month: float = 1.0


@dataclass(frozen=True)
class Month:
    period: str  # "2026-05"
    n: int | None = None
    successes: int | None = None
    value: float | None = None
    cusum: float | None = None
    cusum_signal: bool = False


@dataclass(frozen=True)
class Evaluation:
    chart: ChartResult | None
    adverse: list[int] = field(default_factory=list)  # positions of months to alert on
    words: list[Message] = field(default_factory=list)
    benefits: list[benefits.BenefitPoint] = field(default_factory=list)
    #: The months' own values when the chart plots a smoothed statistic (EWMA).
    raw: list[float] = field(default_factory=list)

    def alert_text(self, spec: MetricSpec, index: int) -> Message:
        assert self.chart is not None
        point = self.chart.points[index]
        if self.benefits and self.benefits[index].flagged:
            return self.benefits[index].words(spec.name)
        return message(
            "{name} in {period}: {value} is outside the alert limits ({lower} to {upper}).",
            name=spec.name,
            period=point.period,
            value=round(point.value, 3),
            lower=round(point.lower, 3),
            upper=round(point.upper, 3),
        )


def default_shift(spec: MetricSpec) -> float:
    """The change to detect when the plan gives none: 10 % of the baseline share's room
    for a share, one case standard deviation for a measure."""
    if spec.shift:
        return abs(spec.shift)
    if spec.kind == "proportion" and spec.baseline is not None:
        good = spec.baseline if spec.higher_is_better else 1.0 - spec.baseline
        return max(0.01, round(min(0.1, good / 2), 3))
    return spec.case_sd or 1.0


def evaluate(spec: MetricSpec, months: Sequence[Month]) -> Evaluation:
    if not months:
        return Evaluation(None, words=design_words(spec))
    if spec.kind == "proportion":
        return _proportion(spec, months)
    if spec.kind == "continuous":
        return _continuous(spec, months)
    return _kpi(spec, months)


def design_words(spec: MetricSpec) -> list[Message]:
    """The alert rule's design before any data (for the plan page)."""
    if spec.baseline is None:
        return [message("Set a baseline to design the chart.")]
    if spec.kind == "proportion":
        good = spec.baseline if spec.higher_is_better else 1.0 - spec.baseline
        if not 0 < good < 1:
            return [message("The baseline must be a share strictly between 0 and 1.")]
        shift = min(default_shift(spec), good - 0.005)
        design = cusum.design_cusum(good, shift, max(2.0, spec.arl0_months * spec.cases_per_month))
        return cusum.describe(design, spec.cases_per_month)
    if spec.kind == "continuous" and spec.case_sd:
        sd = spec.case_sd / math.sqrt(max(spec.cases_per_month, 1))
        months = [Month("0", value=spec.baseline)]
        return _ewma(spec, months, sd).design
    return [
        message(
            "XmR chart on the monthly values; each month is also checked against the "
            "business case's range."
        )
    ]


def volume_words(spec: MetricSpec) -> list[Message]:
    """What the plan's cases a month buy for a share: the CUSUM's detection delay in
    months and one month's binomial power (:mod:`.sample_size`)."""
    if spec.kind != "proportion" or spec.baseline is None:
        return []
    good = spec.baseline if spec.higher_is_better else 1.0 - spec.baseline
    if not 0 < good < 1:
        return []
    shift = min(default_shift(spec), good - 0.005)
    plan = sample_size.monthly_plan(good, shift, spec.cases_per_month, spec.arl0_months)
    return plan.words()


def _proportion(spec: MetricSpec, months: Sequence[Month]) -> Evaluation:
    rows = [m for m in months if m.n]
    if spec.baseline is None or not rows:
        return Evaluation(None, words=design_words(spec))
    good_target = spec.baseline if spec.higher_is_better else 1.0 - spec.baseline
    shift = min(default_shift(spec), good_target - 0.005)
    good = [
        (m.successes or 0) if spec.higher_is_better else (m.n or 0) - (m.successes or 0)
        for m in rows
    ]
    result = charts.p_chart(
        [m.period for m in rows], [m.n or 0 for m in rows], good, good_target, shift
    )
    points = list(result.points)
    if not spec.higher_is_better:  # back to the rate as entered
        points = [
            ChartPoint(p.period, 1 - p.value, 1 - p.upper, 1 - p.lower, p.signal, spec.baseline)
            for p in points
        ]
    if spec.chart == "cusum":
        points = [
            replace(p, signal=p.signal or m.cusum_signal) for p, m in zip(points, rows, strict=True)
        ]
        words = design_words(spec)
    else:
        words = result.design
    adverse = [
        i
        for i, (p, m) in enumerate(zip(points, rows, strict=True))
        if m.cusum_signal
        or (p.signal and (p.value < p.lower if spec.higher_is_better else p.value > p.upper))
    ]
    chart = ChartResult(spec.chart, points, result.arl0, result.expected_delay, words)
    return Evaluation(chart, adverse, words)


def _ewma(spec: MetricSpec, months: Sequence[Month], sd: float) -> ChartResult:
    assert spec.baseline is not None
    return charts.ewma_chart(
        [m.period for m in months],
        [m.value if m.value is not None else spec.baseline for m in months],
        spec.baseline,
        sd,
        lam=LAMBDA,
        arl0=max(spec.arl0_months, 2.0),
        shift=default_shift(spec),
    )


def _continuous(spec: MetricSpec, months: Sequence[Month]) -> Evaluation:
    rows = [m for m in months if m.value is not None]
    if spec.baseline is None or not spec.case_sd or not rows:
        return Evaluation(None, words=design_words(spec))
    n = [m.n or spec.cases_per_month for m in rows]
    typical = sorted(n)[len(n) // 2]
    result = _ewma(spec, rows, spec.case_sd / math.sqrt(max(typical, 1)))
    adverse = [
        i
        for i, p in enumerate(result.points)
        if p.signal and (p.value < p.lower if spec.higher_is_better else p.value > p.upper)
    ]
    raw = [m.value for m in rows if m.value is not None]
    return Evaluation(result, adverse, result.design, raw=raw)


def _kpi(spec: MetricSpec, months: Sequence[Month]) -> Evaluation:
    rows = [m for m in months if m.value is not None]
    if not rows:
        return Evaluation(None, words=design_words(spec))
    values = [m.value for m in rows if m.value is not None]
    periods = [m.period for m in rows]
    if len(rows) >= 2:
        centre = spec.baseline * spec.range_per_month if spec.baseline is not None else None
        result = charts.xmr_chart(periods, values, centre=centre)
    else:
        v = values[0]
        result = ChartResult(
            "xmr",
            [ChartPoint(periods[0], v, -math.inf, math.inf, False, v)],
            math.inf,
            math.inf,
            [],
        )
    tracked = benefits.track(
        periods,
        values,
        spec.baseline or 0.0,
        spec.range_low,
        spec.range_high,
        spec.range_per_month,
    )
    adverse = [
        i
        for i, (p, b) in enumerate(zip(result.points, tracked, strict=True))
        if (b.below if spec.higher_is_better else b.above)
        or (p.signal and (p.value < p.lower if spec.higher_is_better else p.value > p.upper))
    ]
    words = list(result.design)
    if spec.range_low is not None and spec.range_high is not None:
        words.append(
            message(
                "The business case expects {low} to {high} a month (its simulation's P5–P95); "
                "a month outside is flagged.",
                low=round(spec.range_low * spec.range_per_month, 1),
                high=round(spec.range_high * spec.range_per_month, 1),
            )
        )
    return Evaluation(result, adverse, words, tracked)
