"""Every interval evidence reports lies inside its metric's range and contains the
point estimate (issue 14: a t interval on four cases gave a mean Dice of 0,80 with
0,51–1,10 and HD95 intervals below 0 mm)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from vejviser.evidence.core import describe as d
from vejviser.evidence.core.proportions import (
    clopper_pearson_interval,
    proportion,
    wilson_interval,
)
from vejviser.evidence.core.segmentation import StructureScore, summarise
from vejviser.evidence.core.timing import paired_time_study
from vejviser.evidence.core.transcripts import transcripts_report
from vejviser.evidence.core.wording import METHOD_TEXTS, interval_methods

unit = st.floats(0.0, 1.0, allow_nan=False)
distance = st.floats(0.0, 500.0, allow_nan=False)


def inside(e, low, high):
    """The interval is defined, inside [low, high] and contains the estimate."""
    assert low <= e.ci_low <= e.estimate <= e.ci_high <= high, e


def test_the_issues_four_cases_stay_inside_zero_one():
    dice = [0.47, 0.87, 0.93, 0.95]  # mean 0,80: a t interval reaches 1,10
    t = stats.t.interval(0.95, 3, loc=np.mean(dice), scale=stats.sem(dice))
    assert t[1] > 1.0
    e = d.mean_interval(dice)
    inside(e, 0.0, 1.0)
    assert e.method == d.BCA


def test_bootstrap_matches_scipy_directly():
    values = np.array([0.62, 0.71, 0.8, 0.84, 0.9, 0.93])
    ours = d.mean_interval(values)
    theirs = stats.bootstrap(
        (values,),
        np.mean,
        n_resamples=d.RESAMPLES,
        method="BCa",
        rng=np.random.default_rng(d.SEED),
    ).confidence_interval
    assert (ours.ci_low, ours.ci_high) == pytest.approx((theirs.low, theirs.high))
    assert d.mean_interval(values) == ours  # seeded: deterministic


def test_two_values_by_hand():
    """Two values a < b: the bootstrap means are a, (a+b)/2 and b with chances 1/4, 1/2,
    1/4, so the 2.5 % and 97.5 % percentiles are a and b."""
    e = d.mean_interval([0.5, 0.9])
    assert (e.estimate, e.ci_low, e.ci_high) == pytest.approx((0.7, 0.5, 0.9))
    assert e.method == d.PERCENTILE_FEW


def test_degenerate_samples_say_so():
    assert d.mean_interval([0.8]).method == d.ONE_VALUE
    assert math.isnan(d.mean_interval([0.8]).ci_low)
    same = d.mean_interval([1.0, 1.0, 1.0, 1.0])
    assert (same.ci_low, same.ci_high, same.method) == (1.0, 1.0, d.ALL_EQUAL)
    assert set(interval_methods({"a": same.to_dict()})) <= set(METHOD_TEXTS)


@settings(max_examples=60, deadline=None)
@given(st.lists(unit, min_size=2, max_size=25))
def test_mean_of_bounded_values_stays_in_zero_one(values):
    inside(d.mean_interval(values), 0.0, 1.0)


@settings(max_examples=60, deadline=None)
@given(st.lists(distance, min_size=2, max_size=25))
def test_mean_distance_is_never_negative(values):
    inside(d.mean_interval(values), 0.0, math.inf)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(unit, distance, unit), min_size=1, max_size=8),
)
def test_segmentation_report_intervals_inside_their_range(rows):
    scores = [
        StructureScore(f"c{i}", "Parotid_L", dice, hd, sd, 1.0, 1.0, "ok")
        for i, (dice, hd, sd) in enumerate(rows)
    ]
    s = summarise(scores, 2.0).structures[0]
    for dist, high in ((s.dice, 1.0), (s.surface_dice, 1.0), (s.hd95_mm, math.inf)):
        if len(rows) > 1:
            inside(dist.mean_ci, 0.0, high)
        else:
            assert dist.mean_ci.method == d.ONE_VALUE


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 400).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_proportion_intervals_inside_zero_one(xn):
    x, n = xn
    for low, high in (wilson_interval(x, n), clopper_pearson_interval(x, n)):
        assert 0.0 <= low <= x / n <= high <= 1.0
    inside(proportion(x, n), 0.0, 1.0)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(1, 30), st.integers(0, 30)),
        min_size=2,
        max_size=8,
    )
)
def test_word_error_rate_interval_is_never_negative(docs):
    texts = []
    for i, (n_ref, n_wrong) in enumerate(docs):
        reference = " ".join(f"ord{k}" for k in range(n_ref))
        wrong = min(n_wrong, n_ref)
        hypothesis = " ".join(f"fejl{k}" if k < wrong else f"ord{k}" for k in range(n_ref))
        texts.append((f"dokument {i + 1}", reference, hypothesis))
    report = transcripts_report(texts)
    inside(report.wer, 0.0, math.inf)
    inside(report.per_document.mean_ci, 0.0, math.inf)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.floats(1.0, 60.0), st.floats(0.5, 60.0)), min_size=3, max_size=30))
def test_time_study_intervals(pairs):
    before, after = zip(*pairs, strict=True)
    study = paired_time_study(before, after)
    inside(study.percent_saved, -math.inf, 100.0)
    inside(study.time_saved, -math.inf, math.inf)
    inside(study.before.mean_ci, 0.0, math.inf)
    inside(study.with_product.mean_ci, 0.0, math.inf)


def _estimates(node, path=""):
    """Every (path, estimate dict) in a report's JSON form."""
    if isinstance(node, dict):
        if "ci_low" in node and "estimate" in node and "method" in node:
            yield path, node
        for key, value in node.items():
            yield from _estimates(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _estimates(value, f"{path}[{i}]")


@settings(max_examples=25, deadline=None)
@given(
    st.integers(0, 2**32 - 1),
    st.integers(20, 300),
    st.floats(0.05, 0.6),
    st.sampled_from([None, 0.3, 0.5]),
)
def test_every_interval_of_a_binary_report_is_inside_zero_one(seed, n, prevalence, threshold):
    from vejviser.evidence.core.binary import Subgroup, binary_report

    rng = np.random.default_rng(seed)
    labels = rng.random(n) < prevalence
    if labels.all() or not labels.any():
        labels[0] = not labels[0]
    scores = np.clip(rng.normal(0.35 + 0.3 * labels, 0.2), 0.0, 1.0).round(2)  # ties too
    groups = Subgroup(rng.integers(0, 3, n), ["A", "B", "C"])
    report = binary_report(scores, labels, threshold=threshold, subgroups={"g": groups})
    unbounded = ("calibration.intercept", "calibration.slope", "difference")
    checked = 0
    for path, e in _estimates(report.to_dict()):
        if e["estimate"] is None or e["ci_low"] is None or any(u in path for u in unbounded):
            continue
        assert 0.0 <= e["ci_low"] <= e["estimate"] <= e["ci_high"] <= 1.0, (path, e)
        checked += 1
    assert checked >= 10  # AUC, the metrics at the threshold, per subgroup, …
