"""Calibration against scikit-learn's logistic regression, Brier score and a hand ECE."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.optimize import brentq
from scipy.special import expit, logit
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.metrics import brier_score_loss  # type: ignore[import-untyped]

from vejviser.evidence.core.calibration import are_probabilities, calibration


def miscalibrated(n, seed=0, intercept=-0.5, slope=0.7):
    rng = np.random.default_rng(seed)
    p = expit(rng.normal(-1.0, 1.5, n))
    truth = expit(intercept + slope * logit(p))
    return p, rng.random(n) < truth


def test_slope_and_intercept_match_maximum_likelihood_references():
    p, y = miscalibrated(4000)
    result = calibration(p, y)
    lp = logit(p)
    model = LogisticRegression(C=np.inf, tol=1e-10, max_iter=1000).fit(lp[:, None], y)
    assert result.slope.estimate == pytest.approx(model.coef_[0, 0], rel=1e-5)
    # calibration-in-the-large: the intercept with the logit as a fixed offset
    a = brentq(lambda a: (y - expit(a + lp)).sum(), -10, 10, xtol=1e-14)
    assert result.intercept.estimate == pytest.approx(a, abs=1e-7)
    w = expit(a + lp) * (1 - expit(a + lp))
    assert result.intercept.ci_high - result.intercept.estimate == pytest.approx(
        1.959964 / math.sqrt(w.sum()), rel=1e-5
    )
    assert result.converged


def test_slope_standard_error_is_the_inverse_fisher_information():
    p, y = miscalibrated(3000, seed=4)
    result = calibration(p, y)
    lp = logit(p)
    model = LogisticRegression(C=np.inf, tol=1e-10, max_iter=1000).fit(lp[:, None], y)
    mu = model.predict_proba(lp[:, None])[:, 1]
    design = np.column_stack([np.ones_like(lp), lp])
    information = design.T @ (design * (mu * (1 - mu))[:, None])
    se = math.sqrt(np.linalg.inv(information)[1, 1])
    assert (result.slope.ci_high - result.slope.ci_low) / 2 == pytest.approx(
        1.959964 * se, rel=1e-4
    )


def test_well_calibrated_scores_look_well_calibrated():
    rng = np.random.default_rng(1)
    p = rng.random(50_000)
    y = rng.random(p.size) < p
    result = calibration(p, y)
    assert result.intercept.ci_low < 0 < result.intercept.ci_high
    assert result.slope.ci_low < 1 < result.slope.ci_high
    assert result.ece < 0.02


def test_brier_and_ece_by_hand():
    p = np.array([0.05, 0.15, 0.15, 0.85, 0.95, 0.95])
    y = np.array([False, False, True, True, True, False])
    result = calibration(p, y)
    assert result.brier == pytest.approx(brier_score_loss(y, p))
    # bins [0.0, 0.1): 0.05 vs 0; [0.1, 0.2): 0.15 vs 0.5 (2 cases); [0.8, 0.9): 0.85 vs 1;
    # [0.9, 1.0]: 0.95 vs 0.5 (2 cases)
    ece = (1 * 0.05 + 2 * 0.35 + 1 * 0.15 + 2 * 0.45) / 6
    assert result.ece == pytest.approx(ece)
    assert [b.n for b in result.bins] == [1, 2, 1, 2]
    assert result.bins[-1].high == 1.0


def test_separation_is_reported_not_hidden():
    p = np.array([0.1, 0.2, 0.3, 0.7, 0.8, 0.9])
    y = p > 0.5
    result = calibration(p, y)
    assert not result.converged
    assert math.isnan(result.slope.estimate)


def test_probabilities_only():
    assert are_probabilities(np.array([0.0, 1.0]))
    assert not are_probabilities(np.array([-0.1, 0.5]))
    with pytest.raises(ValueError):
        calibration(np.array([0.5, 1.5]), np.array([True, False]))


def test_sorted_shortcut_gives_the_same_calibration():
    from vejviser.evidence.core.ranking import RankedScores

    p, y = miscalibrated(3000, seed=9)
    p = np.round(p, 2)  # ties and scores on the bin edges
    plain = calibration(p, y).to_dict()
    fast = calibration(p, y, ranked=RankedScores(p, y)).to_dict()
    assert len(plain["bins"]) == len(fast["bins"])
    for a, b in zip(plain["bins"], fast["bins"], strict=True):
        assert a == pytest.approx(b)
    assert plain["ece"] == pytest.approx(fast["ece"]) and plain["brier"] == pytest.approx(
        fast["brier"]
    )
