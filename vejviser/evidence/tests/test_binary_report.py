"""The assembled binary report: subgroups flagged, vendor claims stated, JSON-safe."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from scipy.stats import binomtest, norm
from sklearn.metrics import roc_auc_score  # type: ignore[import-untyped]

from vejviser.evidence.core.binary import Subgroup, binary_report
from vejviser.evidence.core.claims import Claim, compare_claim, parse_claim
from vejviser.evidence.core.errors import EvidenceInputError
from vejviser.evidence.core.results import Estimate, Proportion
from vejviser.evidence.core.wording import claim_statement


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(12)
    n = 6000
    site = rng.integers(0, 3, n)
    labels = rng.random(n) < 0.2
    noise = np.where(site == 2, 2.5, 0.6)  # the score transfers badly to site 2
    scores = 1 / (1 + np.exp(-(-1.5 + 2.0 * labels + rng.normal(size=n) * noise)))
    return scores, labels, site


def test_report_agrees_with_references(data):
    scores, labels, _ = data
    report = binary_report(scores, labels, threshold=0.3)
    assert report.n == labels.size and report.n_positive == labels.sum()
    assert report.prevalence == pytest.approx(labels.mean())
    assert report.auc.estimate == pytest.approx(roc_auc_score(labels, scores))
    assert report.threshold == 0.3 and report.threshold_method == "given"
    assert report.sensitivity.estimate == pytest.approx((scores[labels] >= 0.3).mean())
    assert report.calibration is not None
    assert report.roc and report.threshold_table


def test_threshold_choices(data):
    scores, labels, _ = data
    assert binary_report(scores, labels).threshold_method == "youden"
    report = binary_report(scores, labels, target_sensitivity=0.9)
    assert report.threshold_method == "target-sensitivity" and report.sensitivity.estimate >= 0.9


def test_a_worse_subgroup_is_flagged_and_the_others_are_not(data):
    scores, labels, site = data
    group = Subgroup(site, ["Aarhus", "Odense", "Randers"])
    report = binary_report(scores, labels, subgroups={"site": group}, threshold=0.4)
    table = report.subgroups[0]
    by_name = {g.value: g for g in table.groups}
    assert "auc" in by_name["Randers"].worse_than_overall
    assert by_name["Aarhus"].worse_than_overall == []
    assert by_name["Randers"].auc.estimate == pytest.approx(
        roc_auc_score(labels[site == 2], scores[site == 2])
    )
    assert sum(g.n for g in table.groups) == labels.size
    assert by_name["Odense"].calibration is not None


def test_missing_subgroup_values_are_counted(data):
    scores, labels, site = data
    codes = np.where(np.arange(site.size) % 10 == 0, -1, site)
    report = binary_report(scores, labels, subgroups={"site": Subgroup(codes, ["a", "b", "c"])})
    assert report.subgroups[0].missing == int((codes < 0).sum())


def test_subgroup_with_one_class_is_kept_and_marked_small():
    scores = np.array([0.1, 0.2, 0.8, 0.9, 0.3, 0.6])
    labels = np.array([False, False, True, True, False, False])
    report = binary_report(
        scores, labels, subgroups={"g": Subgroup(np.array([0, 0, 0, 0, 1, 1]), ["x", "y"])}
    )
    y = report.subgroups[0].groups[1]
    assert y.small and math.isnan(y.auc.estimate)


def test_claims_are_tested_and_stated_plainly(data):
    scores, labels, _ = data
    report = binary_report(
        scores,
        labels,
        threshold=0.4,
        claims=[
            parse_claim("sensitivity=0.95", 0.05),
            parse_claim("spec=80%"),
            parse_claim("auc=0,5"),
        ],
    )
    sens, spec, auc = report.claims
    x, n = report.sensitivity.numerator, report.sensitivity.denominator
    assert sens.verdict == "lower"
    assert sens.p_value_worse == pytest.approx(binomtest(x, n, 0.95, alternative="less").pvalue)
    assert sens.non_inferior is False
    assert "Leverandøren angiver 0,950" in claim_statement(sens.to_dict(), "da")
    assert "The vendor claims 0.950" in claim_statement(sens.to_dict(), "en")
    assert "ved tærsklen 0,400" in claim_statement(sens.to_dict(), "da")
    assert spec.metric == "specificity" and spec.claimed == 0.8
    assert auc.verdict == "higher"
    assert auc.p_value_worse == pytest.approx(norm.cdf((report.auc.estimate - 0.5) / report.auc.se))
    assert "tærsklen" not in claim_statement(auc.to_dict(), "da")


def test_claim_verdicts_and_margin():
    estimate = Proportion(0.90, 0.86, 0.93, "wilson", numerator=270, denominator=300)
    consistent = compare_claim(Claim("sensitivity", 0.92, 0.08), estimate)
    assert consistent.verdict == "consistent" and consistent.non_inferior is True
    assert "er non-inferiority vist" in claim_statement(consistent.to_dict(), "da")
    undefined = compare_claim(Claim("ppv", 0.5), Estimate(math.nan, math.nan, math.nan, "wilson"))
    assert undefined.verdict == "undefined" and "kan ikke beregnes" in claim_statement(
        undefined.to_dict(), "da"
    )


@pytest.mark.parametrize("raw", ["sensitivity", "foo=0.9", "sensitivity=1.5", "auc=abc"])
def test_bad_claims_are_refused(raw):
    with pytest.raises(EvidenceInputError) as info:
        parse_claim(raw)
    assert info.value.message_da and info.value.message_en


def test_paired_comparison_and_json(data):
    scores, labels, _ = data
    worse = scores + np.random.default_rng(0).normal(scale=0.3, size=scores.size)
    report = binary_report(scores, labels, compare=("v2", worse))
    assert report.comparison is not None
    assert report.comparison.test.difference.estimate > 0
    out = report.to_dict()
    json.dumps(out, allow_nan=False)
    for key in ("n", "prevalence", "auc", "threshold", "sensitivity", "specificity", "ppv", "npv"):
        assert key in out
    assert set(out["auc"]) >= {"estimate", "ci_low", "ci_high", "method"}
    assert out["roc"][0]["threshold"] is None  # +inf becomes null


def test_report_needs_both_classes():
    with pytest.raises(ValueError):
        binary_report([0.1, 0.2], [True, True])


def test_scores_outside_zero_one_skip_calibration():
    rng = np.random.default_rng(1)
    labels = rng.random(200) < 0.5
    report = binary_report(rng.normal(size=200) + labels, labels)
    assert report.calibration is None and not report.scores_are_probabilities
