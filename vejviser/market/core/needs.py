"""Needs prioritisation: several raters, weighted criteria, a combined ranking, and how
stable that ranking is when the weights move.

Each rater scores each need on each criterion from 1 to 5, where 5 is always the most
favourable (high clinical value, large volume, high urgency, data ready, products on the
market, *low* cost, good fit with the regional strategy). A rater's score for a need is
Σ weight / 100 × score; the combined score is the mean over the raters who scored it,
and the spread is the highest minus the lowest rater's score. Needs are ranked by the
combined score (competition ranking; scores within :data:`TIE` tie).

**Stability.** The weights are drawn from a Dirichlet distribution centred on the
chosen weights (α = concentration × weight / 100; the default concentration
:data:`CONCENTRATION` gives each weight a standard deviation of roughly a third of
itself), seeded, and for each draw the needs are ranked again. The result is the
probability that each need is ranked within the top k.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from vejviser.kernel.i18n import gettext_noop, message

from .tender import Problem, TenderError, ranks

SCORE_MIN = 1
SCORE_MAX = 5
TIE = 1e-9
CONCENTRATION = 50.0
DEFAULT_DRAWS = 2000


class NeedsError(TenderError):
    """Bad needs input; each problem names its field."""


@dataclass(frozen=True)
class NeedResult:
    id: str
    score: float
    rank: int
    raters: int
    low: float
    high: float
    per_criterion: dict[str, float]

    @property
    def spread(self) -> float:
        return self.high - self.low


@dataclass(frozen=True)
class Stability:
    k: int
    draws: int
    seed: int
    concentration: float
    prob_top_k: dict[str, float]


#: ratings[rater][need][criterion] = score
Ratings = Mapping[str, Mapping[str, Mapping[str, float]]]


def check(weights: Mapping[str, float], needs: Sequence[str], ratings: Ratings) -> None:
    """Raise :class:`NeedsError` naming each field that cannot be used."""
    problems: list[Problem] = []
    if not weights:
        problems.append(
            Problem("weights", message(gettext_noop("At least one criterion is needed.")))
        )
    total = sum(weights.values())
    if any(w < 0 for w in weights.values()):
        problems.append(
            Problem("weights", message(gettext_noop("The weight must be a number from 0 to 100.")))
        )
    elif weights and abs(total - 100) > 1e-6:
        problems.append(
            Problem(
                "weights",
                message(gettext_noop("The weights sum to {total}, not 100."), total=total),
            )
        )
    known = set(needs)
    for rater, by_need in ratings.items():
        for need, scores in by_need.items():
            where = f"ratings.{rater}.{need}"
            if need not in known:
                problems.append(
                    Problem(where, message(gettext_noop("Unknown need {id}."), id=need))
                )
                continue
            for criterion in weights:
                score = scores.get(criterion)
                if score is None:
                    problems.append(
                        Problem(
                            f"{where}.{criterion}", message(gettext_noop("The score is missing."))
                        )
                    )
                elif not SCORE_MIN <= score <= SCORE_MAX:
                    problems.append(
                        Problem(
                            f"{where}.{criterion}",
                            message(
                                gettext_noop(
                                    "The score must be a whole number from {low} to {high}."
                                ),
                                low=SCORE_MIN,
                                high=SCORE_MAX,
                            ),
                        )
                    )
    if problems:
        raise NeedsError(problems)


def mean_scores(weights: Mapping[str, float], needs: Sequence[str], ratings: Ratings) -> np.ndarray:
    """needs × criteria: each criterion's mean score over the raters who scored the need
    (NaN for a need nobody scored)."""
    criteria = list(weights)
    out = np.full((len(needs), len(criteria)), np.nan)
    for i, need in enumerate(needs):
        rows = [
            [float(by_need[need][c]) for c in criteria]
            for by_need in ratings.values()
            if need in by_need
        ]
        if rows:
            out[i] = np.mean(rows, axis=0)
    return out


def prioritise(
    weights: Mapping[str, float], needs: Sequence[str], ratings: Ratings
) -> list[NeedResult]:
    """The combined ranking, in the order of ``needs``; needs nobody scored are left out."""
    check(weights, needs, ratings)
    criteria = list(weights)
    out: list[NeedResult] = []
    for need in needs:
        per_rater = [
            sum(weights[c] / 100 * float(by_need[need][c]) for c in criteria)
            for by_need in ratings.values()
            if need in by_need
        ]
        if not per_rater:
            continue
        per_criterion = {
            c: float(np.mean([float(r[need][c]) for r in ratings.values() if need in r]))
            for c in criteria
        }
        score = float(np.mean(per_rater))
        out.append(
            NeedResult(
                need, score, 0, len(per_rater), min(per_rater), max(per_rater), per_criterion
            )
        )
    rk = ranks([r.score for r in out])
    return [
        NeedResult(r.id, r.score, k, r.raters, r.low, r.high, r.per_criterion)
        for r, k in zip(out, rk, strict=True)
    ]


def draw_weights(
    weights: Mapping[str, float], draws: int, seed: int, concentration: float = CONCENTRATION
) -> np.ndarray:
    """``draws`` × criteria weight vectors (percent, summing to 100) from a Dirichlet
    centred on ``weights``; a criterion with weight 0 stays at 0."""
    w = np.array([float(v) for v in weights.values()])
    alive = w > 0
    rng = np.random.default_rng(seed)
    out = np.zeros((draws, w.size))
    out[:, alive] = rng.dirichlet(concentration * w[alive] / 100, size=draws) * 100
    return out


def stability(
    weights: Mapping[str, float],
    needs: Sequence[str],
    ratings: Ratings,
    *,
    k: int,
    draws: int = DEFAULT_DRAWS,
    seed: int = 1,
    concentration: float = CONCENTRATION,
) -> Stability:
    """P(need ranked within the top ``k``) when the weights vary around ``weights``.

    A need tied at rank k counts as in the top k (competition ranking)."""
    check(weights, needs, ratings)
    scored = [n for n in needs if any(n in r for r in ratings.values())]
    matrix = mean_scores(weights, scored, ratings)
    sampled = draw_weights(weights, draws, seed, concentration) / 100  # draws × criteria
    scores = sampled @ matrix.T  # draws × needs
    # competition rank: 1 + the number of needs strictly (beyond TIE) ahead
    ahead = (scores[:, None, :] - scores[:, :, None] > TIE).sum(axis=2)
    in_top = (ahead + 1) <= k
    prob = in_top.mean(axis=0) if draws else np.zeros(len(scored))
    return Stability(
        k, draws, seed, concentration, {n: float(p) for n, p in zip(scored, prob, strict=True)}
    )


#: A shortlisted need starts a project on the track for a finished product when the raters
#: find products on the market (mean score at least this), else on the track for a new idea.
MARKET_READY = 3.0


def suggest_track(per_criterion: Mapping[str, float]) -> str:
    """``faerdigt-produkt`` when products are on the market, otherwise ``ny-ide``."""
    score = per_criterion.get("products-on-market")
    return "faerdigt-produkt" if score is not None and score >= MARKET_READY else "ny-ide"
