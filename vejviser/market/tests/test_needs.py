"""Needs prioritisation: combined scores by hand, the Monte Carlo against a direct loop,
and invariants of the rank-stability probabilities."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vejviser.market.core.needs import NeedsError, draw_weights, prioritise, stability

WEIGHTS = {"value": 50.0, "volume": 30.0, "cost": 20.0}
NEEDS = ["scribe", "triage", "mammo"]
RATINGS = {
    "anna": {
        "scribe": {"value": 5, "volume": 5, "cost": 3},
        "triage": {"value": 4, "volume": 3, "cost": 2},
        "mammo": {"value": 3, "volume": 2, "cost": 5},
    },
    "peter": {
        "scribe": {"value": 3, "volume": 5, "cost": 3},
        "triage": {"value": 4, "volume": 4, "cost": 4},
    },
}


def test_combined_scores_spread_and_ranks_by_hand():
    result = {r.id: r for r in prioritise(WEIGHTS, NEEDS, RATINGS)}
    # anna: 0.5·5 + 0.3·5 + 0.2·3 = 4.6; peter: 1.5 + 1.5 + 0.6 = 3.6 → 4.1, spread 1.0
    assert result["scribe"].score == pytest.approx(4.1)
    assert result["scribe"].spread == pytest.approx(1.0)
    assert result["scribe"].raters == 2
    # triage: anna 2 + 0.9 + 0.4 = 3.3; peter 2 + 1.2 + 0.8 = 4.0 → 3.65
    assert result["triage"].score == pytest.approx(3.65)
    # mammo: only anna: 1.5 + 0.6 + 1.0 = 3.1
    assert (result["mammo"].score, result["mammo"].raters) == (pytest.approx(3.1), 1)
    assert [result[n].rank for n in NEEDS] == [1, 2, 3]
    assert result["scribe"].per_criterion["value"] == pytest.approx(4.0)


def test_bad_ratings_name_the_field():
    bad = {"anna": {"scribe": {"value": 6, "volume": 5}}}
    with pytest.raises(NeedsError) as err:
        prioritise({"value": 50.0, "volume": 30.0, "cost": 10.0}, NEEDS, bad)
    fields = [p.field for p in err.value.problems]
    assert "weights" in fields
    assert "ratings.anna.scribe.value" in fields
    assert "ratings.anna.scribe.cost" in fields


def direct_stability(weights, needs, ratings, k, draws, seed):
    """The same Dirichlet draws, then every draw ranked with a plain Python loop."""
    sampled = draw_weights(weights, draws, seed)
    scored = [n for n in needs if any(n in r for r in ratings.values())]
    hits = dict.fromkeys(scored, 0)
    for row in sampled:
        w = dict(zip(weights, row, strict=True))
        scores = {}
        for need in scored:
            per_rater = [
                sum(w[c] / 100 * r[need][c] for c in weights) for r in ratings.values() if need in r
            ]
            scores[need] = sum(per_rater) / len(per_rater)
        for need in scored:
            ahead = sum(1 for other in scored if scores[other] - scores[need] > 1e-9)
            hits[need] += ahead + 1 <= k
    return {n: h / draws for n, h in hits.items()}


def test_stability_matches_a_direct_loop_over_the_same_draws():
    result = stability(WEIGHTS, NEEDS, RATINGS, k=1, draws=400, seed=3)
    assert result.prob_top_k == pytest.approx(direct_stability(WEIGHTS, NEEDS, RATINGS, 1, 400, 3))


def test_stability_is_seeded_and_concentrated_weights_are_near_the_chosen_ones():
    a = stability(WEIGHTS, NEEDS, RATINGS, k=2, draws=300, seed=9)
    b = stability(WEIGHTS, NEEDS, RATINGS, k=2, draws=300, seed=9)
    assert a.prob_top_k == b.prob_top_k
    draws = draw_weights(WEIGHTS, 5000, seed=1, concentration=1e5)
    assert draws.sum(axis=1) == pytest.approx(np.full(5000, 100.0))
    assert draws.mean(axis=0) == pytest.approx([50, 30, 20], abs=0.1)
    sharp = stability(WEIGHTS, NEEDS, RATINGS, k=1, draws=300, seed=1, concentration=1e6)
    assert sharp.prob_top_k["scribe"] == 1.0


def test_a_zero_weight_stays_zero():
    draws = draw_weights({"a": 60.0, "b": 40.0, "c": 0.0}, 100, seed=2)
    assert (draws[:, 2] == 0).all()


ratings_st = st.dictionaries(
    st.sampled_from(["r1", "r2", "r3"]),
    st.fixed_dictionaries(
        {n: st.fixed_dictionaries({c: st.integers(1, 5) for c in WEIGHTS}) for n in NEEDS}
    ),
    min_size=1,
)


@settings(max_examples=60, deadline=None)
@given(ratings_st, st.integers(min_value=1, max_value=3), st.integers(0, 2**31))
def test_top_k_probabilities_are_probabilities_summing_to_at_least_k(ratings, k, seed):
    result = stability(WEIGHTS, NEEDS, ratings, k=k, draws=200, seed=seed)
    probs = result.prob_top_k
    assert all(0 <= p <= 1 for p in probs.values())
    # every draw puts at least k needs in the top k (more only with ties)
    assert sum(probs.values()) >= k - 1e-9
    if k == len(NEEDS):
        assert all(p == 1 for p in probs.values())


@settings(max_examples=60, deadline=None)
@given(ratings_st)
def test_combined_scores_lie_on_the_scale_and_spread_is_non_negative(ratings):
    for r in prioritise(WEIGHTS, NEEDS, ratings):
        assert 1 - 1e-9 <= r.score <= 5 + 1e-9
        assert r.low - 1e-9 <= r.score <= r.high + 1e-9
        assert r.spread >= 0


def test_a_need_with_products_on_the_market_suggests_the_finished_product_track():
    from vejviser.market.core.needs import suggest_track

    assert suggest_track({"products-on-market": 3.0}) == "faerdigt-produkt"
    assert suggest_track({"products-on-market": 2.67}) == "ny-ide"
    assert suggest_track({}) == "ny-ide"
