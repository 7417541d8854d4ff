"""Tender evaluation: price formulas by hand, totals against numpy, reversals against a
brute-force scan, validation naming the field, and hypothesis invariants."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from vejviser.market.core.tender import (
    TenderError,
    evaluate,
    parse_tender,
    points_table,
    price_points,
    ranks,
    reweighted,
    totals,
)

ISSUE_EXAMPLE = {
    "scale": 10,
    "criteria": [
        {"id": "price", "kind": "price", "weight": 30, "model": "linear", "zero_at": 2.0},
        {"id": "quality", "kind": "quality", "weight": 50},
        {"id": "implementation", "kind": "quality", "weight": 20},
    ],
    "bids": [
        {"id": "A", "price": 1200000, "scores": {"quality": 8, "implementation": 6}},
        {"id": "B", "price": 1000000, "scores": {"quality": 6, "implementation": 7}},
        {"id": "C", "price": 1600000, "scores": {"quality": 9, "implementation": 8}},
    ],
}


# --- hand calculations ----------------------------------------------------------------------


def test_proportional_price_points_by_hand():
    # 10 × 800 / 1000 = 8; the lowest bid gets the full 10
    assert price_points(1000, 800, "proportional", 10) == pytest.approx(8.0)
    assert price_points(800, 800, "proportional", 10) == pytest.approx(10.0)
    assert price_points(1600, 800, "proportional", 5) == pytest.approx(2.5)


def test_linear_price_points_by_hand():
    # ratio 1.2, zero_at 2: 10 × (1 − 0.2 / 1) = 8
    assert price_points(1200, 1000, "linear", 10, 2.0) == pytest.approx(8.0)
    # ratio 1.25, zero_at 1.5: 10 × (1 − 0.25 / 0.5) = 5
    assert price_points(1250, 1000, "linear", 10, 1.5) == pytest.approx(5.0)
    # at and beyond zero_at: 0 points, never negative
    assert price_points(2000, 1000, "linear", 10, 2.0) == 0.0
    assert price_points(3000, 1000, "linear", 10, 2.0) == 0.0


def test_the_issue_example_by_hand():
    result = evaluate(parse_tender(ISSUE_EXAMPLE))
    by_id = {b.id: b for b in result.bids}
    # A: price 10 × (1 − 0.2) = 8; total 0.3·8 + 0.5·8 + 0.2·6 = 7.6
    assert by_id["A"].points == pytest.approx({"price": 8.0, "quality": 8.0, "implementation": 6.0})
    assert by_id["A"].total == pytest.approx(7.6)
    # B: lowest price, 10 points; total 3 + 3 + 1.4 = 7.4
    assert by_id["B"].total == pytest.approx(7.4)
    # C: ratio 1.6 → 10 × 0.4 = 4; total 1.2 + 4.5 + 1.6 = 7.3
    assert by_id["C"].points["price"] == pytest.approx(4.0)
    assert by_id["C"].total == pytest.approx(7.3)
    assert [by_id[x].rank for x in "ABC"] == [1, 2, 3]
    assert result.winner == "A"


def test_weight_reversal_threshold_by_hand():
    """A vs B as the price weight t moves (others keep 50:20):
    A(t) = 8t/100 + (100 − t)/70 · (0.5·8 + 0.2·6)/100·100 … solved: t* = 100·0.2/(2+0.2·…).

    Written out: A(t) = 0.08t + (100 − t)·5.2/70, B(t) = 0.1t + (100 − t)·4.4/70;
    A = B ⇔ 0.02t = (100 − t)·0.8/70 ⇔ 1.4t = 80 − 0.8t ⇔ t = 80/2.2 = 36.3636…"""
    result = evaluate(parse_tender(ISSUE_EXAMPLE))
    up = next(
        r
        for r in result.reversals
        if r.kind == "weight" and r.criterion == "price" and r.direction == "up"
    )
    assert up.threshold == pytest.approx(80 / 2.2)
    assert up.new_winner == "B"


def test_zero_at_reversal_by_hand():
    """Lower zero_at punishes A's 20 % higher price: with u = 1/(z − 1),
    A − B = (0.5·8 + 0.2·6) − (0.5·6 + 0.2·7) + 3·((1 − 0.2u) − 1) = 0.8 − 0.6u = 0 at
    u = 4/3, i.e. zero_at = 1.75."""
    result = evaluate(parse_tender(ISSUE_EXAMPLE))
    down = next(r for r in result.reversals if r.kind == "zero_at" and r.direction == "down")
    assert down.threshold == pytest.approx(1.75)
    assert down.new_winner == "B"


def test_switching_to_proportional_is_reported_when_it_reverses():
    data = {
        **ISSUE_EXAMPLE,
        "criteria": [
            dict(ISSUE_EXAMPLE["criteria"][0], zero_at=1.3),
            *ISSUE_EXAMPLE["criteria"][1:],
        ],
    }
    result = evaluate(parse_tender(data))
    # zero_at 1.3 is harsh: B (cheapest) wins. Proportional is gentler: A 0.3·8.33 + 5.2
    # = 7.7, B 7.4, C 0.3·6.25 + 6.1 = 7.975, so C wins
    assert result.winner == "B"
    switch = next(r for r in result.reversals if r.kind == "price_model")
    assert (switch.to_model, switch.new_winner) == ("proportional", "C")


def test_ties_share_a_rank_and_the_next_rank_is_skipped():
    assert ranks([7.6, 7.4, 7.6, 7.0]) == [1, 3, 1, 4]
    assert ranks([5.0, 5.0 + 1e-12, 4.0]) == [1, 1, 3]


# --- validation names the field -------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d["criteria"][1].update(weight=40), "criteria.weight"),
        (lambda d: d["criteria"][0].update(model="cubic"), "criteria[0].model"),
        (lambda d: d["criteria"][0].update(zero_at=1.0), "criteria[0].zero_at"),
        (lambda d: d["bids"][0]["scores"].pop("quality"), "bids[0].scores.quality"),
        (lambda d: d["bids"][1].update(price=-5), "bids[1].price"),
        (lambda d: d["bids"][1].update(price=0), "bids[1].price"),
        (lambda d: d["bids"][2]["scores"].update(quality=11), "bids[2].scores.quality"),
        (lambda d: d["bids"][2]["scores"].update(quality=-1), "bids[2].scores.quality"),
        (lambda d: d["bids"][2]["scores"].update(design=3), "bids[2].scores.design"),
        (lambda d: d["bids"][2].update(id="A"), "bids[2].id"),
    ],
)
def test_bad_input_names_the_field(change, field):
    import copy

    data = copy.deepcopy(ISSUE_EXAMPLE)
    change(data)
    with pytest.raises(TenderError) as err:
        parse_tender(data)
    assert field in [p.field for p in err.value.problems]
    assert field in err.value.text("da")


# --- independent references -----------------------------------------------------------------


def random_tender(rng, n_bids, n_criteria, model):
    raw = rng.random(n_criteria) + 0.05
    weights = np.round(raw / raw.sum() * 100, 6)
    weights[-1] = 100 - weights[:-1].sum()
    criteria = [
        {
            "id": "price",
            "kind": "price",
            "weight": float(weights[0]),
            "model": model,
            "zero_at": float(rng.uniform(1.3, 3.0)),
        }
    ]
    criteria += [
        {"id": f"q{i}", "kind": "quality", "weight": float(w)} for i, w in enumerate(weights[1:])
    ]
    bids = [
        {
            "id": f"B{j}",
            "price": float(rng.uniform(5e5, 2e6)),
            "scores": {f"q{i}": int(rng.integers(0, 11)) for i in range(n_criteria - 1)},
        }
        for j in range(n_bids)
    ]
    return parse_tender({"scale": 10, "criteria": criteria, "bids": bids})


def numpy_totals(tender):
    prices = np.array([b.price for b in tender.bids])
    lowest = prices.min()
    c0 = tender.criteria[0]
    if c0.model == "proportional":
        price = 10 * lowest / prices
    else:
        price = 10 * np.clip(1 - (prices / lowest - 1) / (c0.zero_at - 1), 0, None)
    quality = np.array([[b.scores[c.id] for c in tender.criteria[1:]] for b in tender.bids])
    matrix = np.column_stack([price, quality])
    return matrix @ np.array([c.weight for c in tender.criteria]) / 100


@pytest.mark.parametrize("model", ["proportional", "linear"])
def test_totals_match_a_numpy_matrix_product(model):
    rng = np.random.default_rng(11)
    for _ in range(30):
        tender = random_tender(rng, int(rng.integers(2, 12)), int(rng.integers(2, 8)), model)
        result = evaluate(tender, sensitivity=False)
        assert [b.total for b in result.bids] == pytest.approx(
            list(numpy_totals(tender)), abs=1e-12
        )


def brute_force_weight_threshold(tender, criterion, direction, step=0.01):
    """Scan the weight of ``criterion`` in ``step``s; the first weight at which the
    original winner is no longer strictly ahead (totals recomputed from scratch)."""
    points = points_table(tender)
    weights = {c.id: c.weight for c in tender.criteria}
    base = totals(points, weights)
    a = int(np.argmax(base))
    start = weights[criterion]
    if direction == "up":
        grid = [*np.arange(start, 100, step), 100.0]
    else:
        grid = [*np.arange(start, 0, -step), 0.0]
    for t in grid:
        now = totals(points, reweighted(weights, criterion, t))
        if max(v for i, v in enumerate(now) if i != a) >= now[a] - 1e-12:
            return t
    return None


@pytest.mark.parametrize("model", ["proportional", "linear"])
def test_weight_thresholds_match_a_brute_force_scan(model):
    rng = np.random.default_rng(5)
    checked = 0
    for _ in range(25):
        tender = random_tender(rng, int(rng.integers(2, 6)), int(rng.integers(2, 5)), model)
        tots = totals(points_table(tender), {c.id: c.weight for c in tender.criteria})
        if sorted(tots)[-1] - sorted(tots)[-2] < 1e-6:
            continue  # an exact tie: the scan and the formula agree trivially
        result = evaluate(tender)
        for c in tender.criteria:
            for direction in ("up", "down"):
                found = next(
                    (
                        r
                        for r in result.reversals
                        if r.kind == "weight" and r.criterion == c.id and r.direction == direction
                    ),
                    None,
                )
                scanned = brute_force_weight_threshold(tender, c.id, direction)
                if found is None:
                    assert (
                        scanned is None
                        or scanned in (0.0, 100.0)
                        or abs(scanned - (0 if direction == "down" else 100)) < 0.02
                    )
                else:
                    assert scanned is not None
                    assert abs(scanned - found.threshold) <= 0.011
                    checked += 1
    assert checked > 10


def test_zero_at_thresholds_match_a_brute_force_scan():
    rng = np.random.default_rng(8)
    checked = 0
    for _ in range(40):
        tender = random_tender(rng, int(rng.integers(2, 6)), 3, "linear")
        result = evaluate(tender)
        c = tender.criteria[0]
        weights = {x.id: x.weight for x in tender.criteria}
        a = next(i for i, b in enumerate(result.bids) if b.id == result.winner)
        for r in (r for r in result.reversals if r.kind == "zero_at"):
            step = 1e-4 if r.direction == "up" else -1e-4
            just_before = totals(points_table(tender, ("linear", r.threshold - step)), weights)
            just_after = totals(points_table(tender, ("linear", r.threshold + step)), weights)
            new = next(i for i, b in enumerate(result.bids) if b.id == r.new_winner)
            assert just_after[new] > just_after[a]
            if abs(r.threshold - c.zero_at) > 2e-4:
                assert just_before[a] >= max(just_before) - 1e-9
            checked += 1
    assert checked > 5


# --- properties -----------------------------------------------------------------------------

scores = st.integers(min_value=0, max_value=10)


@st.composite
def tenders(draw):
    n_q = draw(st.integers(min_value=1, max_value=4))
    raw = draw(st.lists(st.integers(min_value=1, max_value=50), min_size=n_q + 1, max_size=n_q + 1))
    weights = [100 * r / sum(raw) for r in raw]
    weights[-1] = 100 - sum(weights[:-1])
    model = draw(st.sampled_from(["proportional", "linear"]))
    zero_at = draw(st.floats(min_value=1.1, max_value=4.0))
    criteria = [
        {"id": "price", "kind": "price", "weight": weights[0], "model": model, "zero_at": zero_at}
    ]
    criteria += [{"id": f"q{i}", "kind": "quality", "weight": weights[i + 1]} for i in range(n_q)]
    n_bids = draw(st.integers(min_value=2, max_value=6))
    bids = [
        {
            "id": f"B{j}",
            "price": draw(st.floats(min_value=1e4, max_value=1e7)),
            "scores": {f"q{i}": draw(scores) for i in range(n_q)},
        }
        for j in range(n_bids)
    ]
    return parse_tender({"scale": 10, "criteria": criteria, "bids": bids})


@settings(max_examples=150, deadline=None)
@given(tenders())
def test_totals_lie_on_the_scale_and_the_lowest_bid_gets_full_price_points(tender):
    result = evaluate(tender)
    lowest = min(b.price for b in tender.bids)
    for bid, res in zip(tender.bids, result.bids, strict=True):
        assert -1e-9 <= res.total <= 10 + 1e-9
        assert 0 <= res.points["price"] <= 10 + 1e-9
        if bid.price == lowest:
            assert res.points["price"] == pytest.approx(10)
    assert min(b.rank for b in result.bids) == 1


@settings(max_examples=150, deadline=None)
@given(tenders())
def test_each_weight_reversal_actually_reverses(tender):
    result = evaluate(tender)
    weights = {c.id: c.weight for c in tender.criteria}
    points = points_table(tender)
    a = next(i for i, b in enumerate(result.bids) if b.id == result.winner)
    for r in (r for r in result.reversals if r.kind == "weight"):
        room = (100 - r.threshold) if r.direction == "up" else r.threshold
        assume(room > 1e-6)
        step = min(1e-3, room / 2) * (1 if r.direction == "up" else -1)
        after = totals(points, reweighted(weights, r.criterion, r.threshold + step))
        new = next(i for i, b in enumerate(result.bids) if b.id == r.new_winner)
        assert after[new] >= after[a] - 1e-9
        assert max(v for i, v in enumerate(after) if i != a) >= after[a] - 1e-9


@settings(max_examples=100, deadline=None)
@given(tenders())
def test_a_bid_better_on_every_criterion_ranks_above(tender):
    result = evaluate(tender, sensitivity=False)
    for i, x in enumerate(result.bids):
        for j, y in enumerate(result.bids):
            if i != j and all(x.points[c] > y.points[c] for c in x.points):
                assert x.rank < y.rank


def test_twenty_bids_by_fifteen_criteria_evaluate_with_sensitivity():
    rng = np.random.default_rng(1)
    tender = random_tender(rng, 20, 15, "linear")
    result = evaluate(tender)
    assert len(result.bids) == 20
    assert sorted(b.rank for b in result.bids)[0] == 1
    assert all(r.new_winner != result.winner for r in result.reversals)
