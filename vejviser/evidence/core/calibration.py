"""Calibration of probability scores: Brier score, logistic recalibration, ECE.

Computed only when every score lies in [0, 1].

- Brier (1950), Monthly Weather Review 78:1-3: mean squared difference between the
  predicted probability and the outcome; shown with the Brier score of always
  predicting the prevalence, for scale.
- Cox (1958), Biometrika 45:562-565, and Van Calster et al. (2019), "Calibration: the
  Achilles heel of predictive analytics", BMC Medicine 17:230: logistic recalibration
  ``logit P(y=1) = a + b · logit(p)``. The *calibration intercept* (calibration-in-
  the-large) is ``a`` with ``b`` fixed at 1 (ideal 0: negative means the product
  over-estimates risk); the *calibration slope* is ``b`` from the two-parameter fit
  (ideal 1: below 1 means predictions are too extreme). Both by Newton-Raphson
  maximum likelihood, with Wald intervals.
- Expected calibration error (Naeini et al. 2015, AAAI): the case-weighted mean of
  |observed rate − mean predicted| over ten equal-width bins of the score
  ([0, 0.1), [0.1, 0.2), …, [0.9, 1]).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from vejviser.evidence.core.proportions import wilson_interval, z_value
from vejviser.evidence.core.ranking import RankedScores
from vejviser.evidence.core.results import NAN, Estimate, Result
from vejviser.evidence.core.vector import dot

#: Probabilities are clipped to [EPS, 1 - EPS] before taking logits.
EPS = 1e-10
_MAX_ITERATIONS = 50


@dataclass(frozen=True)
class CalibrationBin(Result):
    low: float
    high: float
    n: int
    mean_predicted: float
    observed: float
    ci_low: float
    ci_high: float


@dataclass(frozen=True)
class Calibration(Result):
    n: int
    mean_predicted: float
    observed_rate: float
    brier: float
    brier_reference: float
    intercept: Estimate
    slope: Estimate
    ece: float
    bins: list[CalibrationBin]
    converged: bool


def are_probabilities(scores: npt.NDArray[np.float64]) -> bool:
    return scores.size > 0 and float(scores.min()) >= 0.0 and float(scores.max()) <= 1.0


def _logit(p: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    clipped = np.clip(p, EPS, 1.0 - EPS)
    out = 1.0 - clipped  # exact for p >= 0.5 (Sterbenz), so no loss near 1
    np.divide(clipped, out, out=out)
    np.log(out, out=out)
    return out


def _sigmoid(eta: npt.NDArray[np.float64], out: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """1 / (1 + exp(-eta)) into ``out`` (overflow to inf gives the right limit 0)."""
    with np.errstate(over="ignore"):
        np.negative(eta, out=out)
        np.exp(out, out=out)
        out += 1.0
        np.reciprocal(out, out=out)
    return out


#: Cases per block in the fitting loops: small enough that a block's temporaries stay
#: in the CPU cache, large enough that the Python loop costs nothing.
_BLOCK = 1 << 15


def _fit_intercept(y_sum: float, offset: npt.NDArray[np.float64]) -> tuple[float, float, bool]:
    """MLE of ``a`` in ``logit P = a + offset``; returns (a, se, converged).

    The log-likelihood is concave in ``a`` and its score is monotone, so Newton's
    method, with the step bounded, converges."""
    a = 0.0
    eta = np.empty(min(_BLOCK, offset.size))
    mu = np.empty_like(eta)
    for _ in range(_MAX_ITERATIONS):
        mu_sum = mu_sq = 0.0
        for lo in range(0, offset.size, _BLOCK):
            block = offset[lo : lo + _BLOCK]
            e, u = eta[: block.size], mu[: block.size]
            np.add(block, a, out=e)
            _sigmoid(e, u)
            mu_sum += float(u.sum())
            mu_sq += dot(u, u)
        information = mu_sum - mu_sq  # sum of mu (1 - mu)
        if information <= 0:
            return NAN, NAN, False
        step = max(-5.0, min(5.0, (y_sum - mu_sum) / information))
        a += step
        if abs(step) < 1e-10:
            return a, 1.0 / math.sqrt(information), True
    return a, NAN, False


class _LineFit:
    """Score and information of ``logit P = a + b x``, block by block: with
    mu = expit(a + b x) and w = mu (1 - mu), sum w = sum mu - sum mu², and so on."""

    def __init__(self, y: npt.NDArray[np.bool_], x: npt.NDArray[np.float64]) -> None:
        self.x = x
        self.y_sum, self.yx = float(np.count_nonzero(y)), float(x[y].sum())
        size = min(_BLOCK, x.size)
        self.eta, self.mu, self.mu2 = np.empty(size), np.empty(size), np.empty(size)

    def at(
        self, beta: npt.NDArray[np.float64]
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        sums = np.zeros(6)  # mu, mu², mu x, mu² x, mu x², mu² x²
        a, b = float(beta[0]), float(beta[1])
        for lo in range(0, self.x.size, _BLOCK):
            x = self.x[lo : lo + _BLOCK]
            eta, mu, mu2 = self.eta[: x.size], self.mu[: x.size], self.mu2[: x.size]
            np.multiply(x, b, out=eta)
            eta += a
            _sigmoid(eta, mu)
            np.multiply(mu, mu, out=mu2)
            mx, m2x = dot(mu, x), dot(mu2, x)
            np.multiply(x, x, out=eta)
            sums += (mu.sum(), mu2.sum(), mx, m2x, dot(mu, eta), dot(mu2, eta))
        s_mu, s_mu2, mx, m2x, mxx, m2xx = sums.tolist()
        gradient = np.array([self.y_sum - s_mu, self.yx - mx])
        information = np.array([[s_mu - s_mu2, mx - m2x], [mx - m2x, mxx - m2xx]])
        return gradient, information


def _fit_line(
    y: npt.NDArray[np.bool_], x: npt.NDArray[np.float64]
) -> tuple[np.ndarray, np.ndarray, bool]:
    """MLE of ``(a, b)`` in ``logit P = a + b x`` by Newton-Raphson, starting from perfect
    calibration (0, 1) and halving a step that makes the score larger.

    Returns (coefficients, standard errors, converged)."""
    fit = _LineFit(y, x)
    beta = np.array([0.0, 1.0])
    gradient, information = fit.at(beta)
    for _ in range(_MAX_ITERATIONS):
        try:
            step = np.linalg.solve(information, gradient)
        except np.linalg.LinAlgError:
            return beta, np.full(2, NAN), False
        norm = float(np.linalg.norm(gradient))
        for _ in range(30):
            candidate = beta + step
            new_gradient, new_information = fit.at(candidate)
            if float(np.linalg.norm(new_gradient)) <= norm or np.max(np.abs(step)) < 1e-12:
                break
            step = step / 2.0
        beta, gradient, information = candidate, new_gradient, new_information
        if float(np.max(np.abs(step))) < 1e-10 * max(1.0, float(np.max(np.abs(beta)))):
            try:
                covariance = np.linalg.inv(information)
            except np.linalg.LinAlgError:
                return beta, np.full(2, NAN), False
            return beta, np.sqrt(np.clip(np.diag(covariance), 0.0, None)), True
    return beta, np.full(2, NAN), False


def _separated(
    p: npt.NDArray[np.float64], y: npt.NDArray[np.bool_], ranked: RankedScores | None
) -> bool:
    """True when the scores separate the classes (quasi-)completely."""
    if ranked is not None:
        pos, neg = ranked.pos_sorted, ranked.neg_sorted
        return bool(pos[0] >= neg[-1] or pos[-1] <= neg[0])
    pos, neg = p[y], p[~y]
    return bool(pos.min() >= neg.max() or pos.max() <= neg.min())


def _estimate(value: float, se: float, z: float, method: str) -> Estimate:
    if not math.isfinite(se):
        return Estimate(value, NAN, NAN, method)
    return Estimate(value, value - z * se, value + z * se, method)


def _bins(
    p: npt.NDArray[np.float64],
    y: npt.NDArray[np.bool_],
    n_bins: int,
    ranked: RankedScores | None,
) -> tuple[
    npt.NDArray[np.float64], npt.NDArray[np.int64], npt.NDArray[np.float64], npt.NDArray[np.int64]
]:
    """Bin edges and, per bin [edge_k, edge_k+1) (the last one closed), the number of
    cases, the sum of the scores and the number of events."""
    edges: npt.NDArray[np.float64] = np.linspace(0.0, 1.0, n_bins + 1)
    inner = edges[1:-1]
    if ranked is not None:  # read off the sorted scores: no pass over the cases
        starts = np.concatenate(([0], np.searchsorted(ranked.values, inner), [ranked.n]))
        pos = np.concatenate(([0], np.searchsorted(ranked.pos_sorted, inner), [ranked.n_pos]))
        counts = np.diff(starts)
        sums = np.zeros(n_bins)
        filled = np.flatnonzero(counts)
        sums[filled] = np.add.reduceat(ranked.values, starts[filled])
        return edges, counts, sums, np.diff(pos)
    index = np.searchsorted(inner, p, side="right")
    totals = np.bincount(index, minlength=n_bins)
    weights = np.bincount(index, weights=p, minlength=n_bins).astype(np.float64)
    events = np.bincount(index[y], minlength=n_bins)
    return edges, totals, weights, events


def calibration(
    scores: npt.ArrayLike,
    labels: npt.ArrayLike,
    confidence: float = 0.95,
    n_bins: int = 10,
    ranked: RankedScores | None = None,
) -> Calibration:
    """Calibration of probabilities ``scores`` against boolean ``labels``.

    ``ranked`` (the same cases already sorted) is optional; it saves passes and memory.
    """
    p = np.asarray(scores, dtype=np.float64)
    y = np.asarray(labels, dtype=np.bool_)
    n = int(p.size)
    if n == 0:
        raise ValueError("calibration needs at least one case")
    if not are_probabilities(p):
        raise ValueError("calibration needs scores in [0, 1]")
    z = z_value(confidence)
    events = int(np.count_nonzero(y))
    pos_sum = float(ranked.pos_sorted.sum()) if ranked is not None else float(p[y].sum())
    brier = (dot(p, p) - 2.0 * pos_sum + events) / n  # mean of (p - y)^2
    rate = events / n
    lp = _logit(p)
    if 0 < events < n:
        a, a_se, ok_a = _fit_intercept(float(events), lp)
    else:  # one class only: the intercept runs off to infinity
        a, a_se, ok_a = NAN, NAN, False
    if ok_a and not _separated(p, y, ranked):
        beta, beta_se, ok_b = _fit_line(y, lp)
    else:  # a threshold splits the classes: the slope has no finite estimate
        beta, beta_se, ok_b = np.full(2, NAN), np.full(2, NAN), False
    del lp
    edges, counts, sums, hits = _bins(p, y, n_bins, ranked)
    bins = []
    for k in range(n_bins):
        count = int(counts[k])
        if count == 0:
            continue
        low, high = wilson_interval(int(hits[k]), count, confidence)
        bins.append(
            CalibrationBin(
                float(edges[k]),
                float(edges[k + 1]),
                count,
                float(sums[k]) / count,
                int(hits[k]) / count,
                low,
                high,
            )
        )
    return Calibration(
        n=n,
        mean_predicted=float(p.mean()),
        observed_rate=rate,
        brier=brier,
        brier_reference=rate * (1.0 - rate),
        intercept=_estimate(a if ok_a else NAN, a_se, z, "logistic recalibration, slope 1"),
        slope=_estimate(
            float(beta[1]) if ok_b else NAN, float(beta_se[1]), z, "logistic recalibration"
        ),
        ece=float(np.abs(hits - sums).sum()) / n,
        bins=bins,
        converged=ok_a and ok_b,
    )
