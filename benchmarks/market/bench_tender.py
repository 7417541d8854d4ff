"""Tender evaluation with its sensitivity analysis: 20 bids × 15 criteria (target < 100 ms).

Run: ``PYTHONPATH=. .venv/bin/python benchmarks/market/bench_tender.py``. Prints the
median and the slowest of repeated runs for both price models; the figures go in
``docs/market.md``.
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from vejviser.market.core.needs import stability
from vejviser.market.core.tender import evaluate, parse_tender

BIDS, CRITERIA, REPEATS = 20, 15, 50


def tender_data(model: str, seed: int = 1) -> dict[str, object]:
    rng = np.random.default_rng(seed)
    raw = rng.random(CRITERIA) + 0.05
    weights = [round(float(w), 6) for w in raw / raw.sum() * 100]
    weights[-1] = 100 - sum(weights[:-1])
    criteria = [
        {"id": "price", "kind": "price", "weight": weights[0], "model": model, "zero_at": 2.0}
    ]
    criteria += [{"id": f"q{i}", "kind": "quality", "weight": w} for i, w in enumerate(weights[1:])]
    bids = [
        {
            "id": f"bid-{j}",
            "price": float(rng.uniform(5e5, 2e6)),
            "scores": {f"q{i}": int(rng.integers(0, 11)) for i in range(CRITERIA - 1)},
        }
        for j in range(BIDS)
    ]
    return {"scale": 10, "criteria": criteria, "bids": bids}


def timed(fn: object, repeats: int = REPEATS) -> tuple[float, float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    for model in ("linear", "proportional"):
        data = tender_data(model)
        median, worst = timed(lambda data=data: evaluate(parse_tender(data)))
        reversals = len(evaluate(parse_tender(data)).reversals)
        print(
            f"tender {BIDS} bids x {CRITERIA} criteria, {model:12s}: parse + evaluate + "
            f"sensitivity median {median:.2f} ms, max {worst:.2f} ms ({reversals} reversals)"
        )
    rng = np.random.default_rng(2)
    weights = {f"c{i}": 100 / 7 for i in range(7)}
    needs = [f"need-{i}" for i in range(55)]
    ratings = {
        f"rater-{r}": {n: {c: int(rng.integers(1, 6)) for c in weights} for n in needs}
        for r in range(5)
    }
    median, worst = timed(lambda: stability(weights, needs, ratings, k=6, draws=2000), 10)
    print(
        f"needs 55 x 7 criteria x 5 raters, P(top 6) over 2000 weight draws: "
        f"median {median:.1f} ms, max {worst:.1f} ms"
    )


if __name__ == "__main__":
    main()
