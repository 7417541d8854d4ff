"""Tender evaluation: points, totals, ranking and what would reverse the winner.

The evaluation model is published before bids arrive (udbudsloven §§ 160, 162) and
followed exactly:

- every criterion has a weight in percent; the weights sum to 100;
- a ``price`` criterion turns each bid's price into points on the scale:

  - ``proportional``: points = scale × lowest / price;
  - ``linear``: points = scale × max(0, 1 − (price / lowest − 1) / (zero_at − 1)),
    where ``zero_at`` (> 1) is the price ratio to the lowest bid that gives 0 points;

- a ``quality`` criterion is scored 0–scale by the evaluators;
- total = Σ weight / 100 × points (so a total lies in [0, scale]).

**Ranking and ties.** Rank 1 is the highest total. Totals that differ by at most
:data:`TIE` points are tied and share a rank (standard competition ranking: 1, 2, 2, 4);
tied bids keep their order in the input. The *winner* is the first bid ranked 1.

**Sensitivity.** :func:`reversals` finds, for each criterion, the smallest change of
its weight (up and down; the other weights keep their proportions and the sum stays
100) after which the winner is no longer strictly ahead; and for a price criterion the
switch to the other price model and — for ``linear`` — the ``zero_at`` values at which
the winner changes. Each reversal names the threshold and the bid that overtakes.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from vejviser.kernel.i18n import Message, gettext_noop, message

PRICE_MODELS: tuple[str, ...] = ("proportional", "linear")
KINDS: tuple[str, ...] = ("price", "quality")
#: Totals (points) this close are a tie.
TIE = 1e-9
#: Weights must sum to 100 within this tolerance.
WEIGHT_SUM_TOLERANCE = 1e-6
#: The ``zero_at`` tried when a proportional price model is switched to linear.
DEFAULT_ZERO_AT = 2.0

PriceModel = Literal["proportional", "linear"]
Kind = Literal["price", "quality"]


# --- the model ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Criterion:
    id: str
    kind: Kind
    weight: float
    model: PriceModel | None = None
    zero_at: float | None = None


@dataclass(frozen=True)
class Bid:
    id: str
    price: float | None
    scores: Mapping[str, float]


@dataclass(frozen=True)
class Tender:
    scale: float
    criteria: tuple[Criterion, ...]
    bids: tuple[Bid, ...]

    @property
    def price_criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.kind == "price")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a tender: the field (``criteria[0].weight``) and why."""

    field: str
    message: Message

    def text(self, lang: str) -> str:
        return f"{self.field}: {self.message.text(lang)}"


class TenderError(ValueError):
    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(p.text("en") for p in self.problems))

    def text(self, lang: str) -> str:
        return "\n".join(p.text(lang) for p in self.problems)


# --- parsing and validation -----------------------------------------------------------------


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _model(
    data: Any, problems: list[Problem]
) -> tuple[float, list[Criterion], Callable[..., None]]:
    """The scale and criteria of a model (a tender file or a model before bids), and
    the function that records a problem into ``problems``."""

    def bad(where: str, msgid: str, **params: Any) -> None:
        problems.append(Problem(where, message(msgid, **params)))

    if not isinstance(data, Mapping):
        raise TenderError([Problem("(file)", message(gettext_noop("Expected a mapping.")))])
    scale = _number(data.get("scale", 10))
    if scale is None or scale <= 0:
        bad("scale", gettext_noop("The scale must be a positive number."))
        scale = 10.0
    return scale, _parse_criteria(data.get("criteria"), bad), bad


def parse_tender(data: Any) -> Tender:
    """A :class:`Tender` from plain data (YAML / JSON); :class:`TenderError` lists every
    problem, each naming its field."""
    problems: list[Problem] = []
    scale, criteria, bad = _model(data, problems)
    bids = _parse_bids(data.get("bids"), criteria, scale, bad)
    if problems:
        raise TenderError(problems)
    return Tender(scale, tuple(criteria), tuple(bids))


def check_model(data: Any) -> tuple[float, tuple[Criterion, ...]]:
    """The scale and criteria of an evaluation model, before any bid exists;
    :class:`TenderError` names each field that cannot be used."""
    problems: list[Problem] = []
    scale, criteria, _bad = _model(data, problems)
    if problems:
        raise TenderError(problems)
    return scale, tuple(criteria)


def _parse_criteria(raw: Any, bad: Any) -> list[Criterion]:
    if not isinstance(raw, list) or not raw:
        bad("criteria", gettext_noop("At least one criterion is needed."))
        return []
    out: list[Criterion] = []
    seen: set[str] = set()
    total = 0.0
    weights_ok = True
    for i, item in enumerate(raw):
        where = f"criteria[{i}]"
        if not isinstance(item, Mapping):
            bad(where, gettext_noop("Expected a mapping."))
            weights_ok = False
            continue
        cid = str(item.get("id", "")).strip()
        if not cid:
            bad(f"{where}.id", gettext_noop("Every criterion needs an id."))
        elif cid in seen:
            bad(f"{where}.id", gettext_noop("The id {id} is used twice."), id=cid)
        seen.add(cid)
        kind = item.get("kind", "quality")
        if kind not in KINDS:
            bad(
                f"{where}.kind",
                gettext_noop("Unknown kind {value}: use price or quality."),
                value=str(kind),
            )
            kind = "quality"
        weight = _number(item.get("weight"))
        if weight is None or weight < 0:
            bad(f"{where}.weight", gettext_noop("The weight must be a number from 0 to 100."))
            weights_ok = False
            weight = 0.0
        total += weight
        model = zero_at = None
        if kind == "price":
            model = item.get("model", "proportional")
            if model not in PRICE_MODELS:
                bad(
                    f"{where}.model",
                    gettext_noop("Unknown price model {value}: use proportional or linear."),
                    value=str(model),
                )
                model = "proportional"
            if model == "linear":
                zero_at = _number(item.get("zero_at"))
                if zero_at is None or zero_at <= 1:
                    bad(
                        f"{where}.zero_at",
                        gettext_noop(
                            "zero_at must be a price ratio above 1 (e.g. 2.0: twice the "
                            "lowest price gives 0 points)."
                        ),
                    )
                    zero_at = DEFAULT_ZERO_AT
        out.append(Criterion(cid, kind, weight, model, zero_at))
    if sum(1 for c in out if c.kind == "price") > 1:
        bad("criteria", gettext_noop("Only one price criterion is allowed."))
    if weights_ok and abs(total - 100) > WEIGHT_SUM_TOLERANCE:
        bad("criteria.weight", gettext_noop("The weights sum to {total}, not 100."), total=total)
    return out


def _parse_bids(raw: Any, criteria: list[Criterion], scale: float, bad: Any) -> list[Bid]:
    if not isinstance(raw, list) or not raw:
        bad("bids", gettext_noop("At least one bid is needed."))
        return []
    has_price = any(c.kind == "price" for c in criteria)
    quality = [c.id for c in criteria if c.kind == "quality"]
    out: list[Bid] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        where = f"bids[{i}]"
        if not isinstance(item, Mapping):
            bad(where, gettext_noop("Expected a mapping."))
            continue
        bid_id = str(item.get("id", "")).strip()
        if not bid_id:
            bad(f"{where}.id", gettext_noop("Every bid needs an id."))
        elif bid_id in seen:
            bad(f"{where}.id", gettext_noop("The id {id} is used twice."), id=bid_id)
        seen.add(bid_id)
        price: float | None = None
        if has_price:
            price = _number(item.get("price"))
            if price is None or price <= 0:
                bad(f"{where}.price", gettext_noop("The price must be a number above 0."))
                price = None
        raw_scores = item.get("scores") or {}
        if not isinstance(raw_scores, Mapping):
            bad(f"{where}.scores", gettext_noop("Expected a mapping."))
            raw_scores = {}
        scores: dict[str, float] = {}
        for cid in quality:
            if cid not in raw_scores:
                bad(f"{where}.scores.{cid}", gettext_noop("The score is missing."))
                continue
            score = _number(raw_scores[cid])
            if score is None or not 0 <= score <= scale:
                bad(
                    f"{where}.scores.{cid}",
                    gettext_noop("The score must be a number from 0 to {scale}."),
                    scale=scale,
                )
                continue
            scores[cid] = score
        for cid in raw_scores:
            if cid not in quality:
                bad(
                    f"{where}.scores.{cid}",
                    gettext_noop("{id} is not a quality criterion of the model."),
                    id=str(cid),
                )
        out.append(Bid(bid_id, price, scores))
    return out


# --- points, totals, ranking ----------------------------------------------------------------


def price_points(
    price: float, lowest: float, model: str, scale: float, zero_at: float | None = None
) -> float:
    """The points a price earns against the lowest price."""
    if model == "proportional":
        return scale * lowest / price
    if model == "linear":
        if zero_at is None or zero_at <= 1:
            raise ValueError("zero_at must be above 1")
        return scale * max(0.0, 1 - (price / lowest - 1) / (zero_at - 1))
    raise ValueError(f"unknown price model {model!r}")


def points_table(
    tender: Tender, price_model: tuple[str, float | None] | None = None
) -> list[dict[str, float]]:
    """Each bid's points per criterion (``price_model`` overrides the price criterion's)."""
    prices = [b.price for b in tender.bids if b.price is not None]
    lowest = min(prices) if prices else 0.0
    table: list[dict[str, float]] = []
    for bid in tender.bids:
        row: dict[str, float] = {}
        for c in tender.criteria:
            if c.kind == "price":
                model, zero_at = price_model or (c.model or "proportional", c.zero_at)
                row[c.id] = price_points(
                    float(bid.price or 0), lowest, model, tender.scale, zero_at
                )
            else:
                row[c.id] = float(bid.scores[c.id])
        table.append(row)
    return table


def totals(points: Sequence[Mapping[str, float]], weights: Mapping[str, float]) -> list[float]:
    return [sum(weights[c] / 100 * p for c, p in row.items()) for row in points]


def ranks(values: Sequence[float]) -> list[int]:
    """Competition ranks, highest first; values within :data:`TIE` share a rank."""
    order = sorted(range(len(values)), key=lambda i: (-values[i], i))
    out = [0] * len(values)
    for position, i in enumerate(order):
        if position and values[order[position - 1]] - values[i] <= TIE:
            out[i] = out[order[position - 1]]
        else:
            out[i] = position + 1
    return out


@dataclass(frozen=True)
class BidResult:
    id: str
    points: dict[str, float]
    total: float
    rank: int


@dataclass(frozen=True)
class Reversal:
    """A change after which ``new_winner`` draws level with or overtakes the winner.

    ``kind`` is ``weight`` (``criterion``'s weight from ``current`` to beyond
    ``threshold``), ``zero_at`` (the linear price model's ``zero_at``) or
    ``price_model`` (``to_model``; ``threshold`` is the ``zero_at`` used for linear).
    ``direction`` is ``up`` or ``down`` for thresholds, ``switch`` for a model switch.
    """

    kind: Literal["weight", "zero_at", "price_model"]
    criterion: str
    direction: Literal["up", "down", "switch"]
    current: float | str
    threshold: float | None
    new_winner: str
    to_model: str | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "criterion": self.criterion,
            "direction": self.direction,
            "current": self.current,
            "threshold": self.threshold,
            "new_winner": self.new_winner,
        }
        if self.to_model is not None:
            out["to_model"] = self.to_model
        return out

    def describe(self) -> Message:
        """One sentence for the result page and the CLI."""
        params = {
            "criterion": self.criterion,
            "current": self.current,
            "threshold": self.threshold,
            "bid": self.new_winner,
        }
        if self.kind == "price_model":
            return message(
                gettext_noop("With the price model {model} for {criterion}, {bid} wins."),
                model=self.to_model or "",
                **params,
            )
        return message(_DESCRIBE[(self.kind, self.direction)], **params)


_DESCRIBE = {
    ("weight", "up"): gettext_noop(
        "If the weight of {criterion} rises from {current} % to {threshold} %, {bid} draws "
        "level with the winner; above it {bid} wins."
    ),
    ("weight", "down"): gettext_noop(
        "If the weight of {criterion} falls from {current} % to {threshold} %, {bid} draws "
        "level with the winner; below it {bid} wins."
    ),
    ("zero_at", "up"): gettext_noop(
        "If zero_at for {criterion} rises from {current} to {threshold}, {bid} draws level "
        "with the winner; above it {bid} wins."
    ),
    ("zero_at", "down"): gettext_noop(
        "If zero_at for {criterion} falls from {current} to {threshold}, {bid} draws level "
        "with the winner; below it {bid} wins."
    ),
}


@dataclass(frozen=True)
class Evaluation:
    bids: list[BidResult]
    winner: str | None
    reversals: list[Reversal] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "bids": [
                {"id": b.id, "points": b.points, "total": b.total, "rank": b.rank}
                for b in self.bids
            ],
            "winner": self.winner,
            "reversals": [r.as_dict() for r in self.reversals],
        }


def evaluate(tender: Tender, *, sensitivity: bool = True) -> Evaluation:
    """Points, totals and ranks in input order, and (optionally) the reversals."""
    points = points_table(tender)
    weights = {c.id: c.weight for c in tender.criteria}
    tots = totals(points, weights)
    rk = ranks(tots)
    results = [
        BidResult(b.id, dict(p), t, r)
        for b, p, t, r in zip(tender.bids, points, tots, rk, strict=True)
    ]
    winner = next((b.id for b in results if b.rank == 1), None)
    found = reversals(tender, points, tots) if sensitivity and len(results) > 1 else []
    return Evaluation(results, winner, found)


# --- sensitivity ----------------------------------------------------------------------------


def _winner_index(tots: Sequence[float]) -> int:
    best = max(tots)
    return next(i for i, t in enumerate(tots) if best - t <= TIE)


def reweighted(weights: Mapping[str, float], criterion: str, new: float) -> dict[str, float]:
    """``criterion`` at weight ``new``; the others keep their proportions, summing to 100.

    When the others are all 0 (``criterion`` had 100), they share the rest equally.
    """
    rest = 100 - weights[criterion]
    others = [c for c in weights if c != criterion]
    out = {criterion: new}
    for c in others:
        share = weights[c] / rest if rest > 0 else 1 / len(others)
        out[c] = (100 - new) * share
    return out


def reversals(
    tender: Tender,
    points: Sequence[Mapping[str, float]] | None = None,
    tots: Sequence[float] | None = None,
) -> list[Reversal]:
    points = points if points is not None else points_table(tender)
    weights = {c.id: c.weight for c in tender.criteria}
    tots = tots if tots is not None else totals(points, weights)
    if len(tots) < 2:
        return []
    a = _winner_index(tots)
    out: list[Reversal] = []
    if len(weights) > 1:
        for c in tender.criteria:
            out.extend(_weight_reversals(tender, points, tots, a, c, weights))
    for c in tender.price_criteria:
        out.extend(_price_reversals(tender, points, a, c, weights))
    return out


def _weight_reversals(
    tender: Tender,
    points: Sequence[Mapping[str, float]],
    tots: Sequence[float],
    a: int,
    c: Criterion,
    weights: Mapping[str, float],
) -> list[Reversal]:
    """T_b(t) = t·p_bc/100 + (100 − t)·R_b, linear in the new weight t of ``c``."""
    w = c.weight
    others = [k for k in weights if k != c.id]
    rest = 100 - w

    def rest_rate(i: int) -> float:  # R_b: points of the other criteria per weight unit
        if rest > 0:
            return sum(weights[k] * points[i][k] for k in others) / rest / 100
        return sum(points[i][k] for k in others) / len(others) / 100

    ra = rest_rate(a)
    up: tuple[float, int] | None = None
    down: tuple[float, int] | None = None
    for b in range(len(tots)):
        if b == a:
            continue
        d0 = max(0.0, tots[a] - tots[b])
        if d0 <= TIE:
            d0 = 0.0
        slope = (points[a][c.id] - points[b][c.id]) / 100 - (ra - rest_rate(b))
        if slope < 0:  # the gap closes as the weight goes up
            t = w - d0 / slope
            if t < 100 and (up is None or t < up[0]):
                up = (t, b)
        elif slope > 0:
            t = w - d0 / slope
            if t > 0 and (down is None or t > down[0]):
                down = (t, b)
    out = []
    if up is not None:
        out.append(Reversal("weight", c.id, "up", w, _clean(up[0]), tender.bids[up[1]].id))
    if down is not None:
        out.append(Reversal("weight", c.id, "down", w, _clean(down[0]), tender.bids[down[1]].id))
    return out


def _price_reversals(
    tender: Tender,
    points: Sequence[Mapping[str, float]],
    a: int,
    c: Criterion,
    weights: Mapping[str, float],
) -> list[Reversal]:
    out: list[Reversal] = []
    other = "linear" if c.model == "proportional" else "proportional"
    zero_at = (c.zero_at or DEFAULT_ZERO_AT) if other == "linear" else None
    switched = totals(points_table(tender, (other, zero_at)), weights)
    best = max(range(len(switched)), key=lambda i: (switched[i], -i))
    if best != a and switched[best] - switched[a] > -TIE:
        out.append(
            Reversal(
                "price_model", c.id, "switch", str(c.model), zero_at, tender.bids[best].id, other
            )
        )
    if c.model == "linear" and c.zero_at is not None:
        out.extend(_zero_at_reversals(tender, points, a, c, weights))
    return out


def _zero_at_reversals(
    tender: Tender,
    points: Sequence[Mapping[str, float]],
    a: int,
    c: Criterion,
    weights: Mapping[str, float],
) -> list[Reversal]:
    """With u = 1/(zero_at − 1) the linear price points are piecewise linear in u, so the
    gap between two bids is piecewise linear in u with kinks where a bid hits 0 points."""
    assert c.zero_at is not None
    prices = [float(b.price or 0) for b in tender.bids]
    lowest = min(prices)
    ratio = [p / lowest for p in prices]
    k = weights[c.id] / 100 * tender.scale
    fixed = [sum(weights[j] / 100 * row[j] for j in row if j != c.id) for row in points]
    u0 = 1 / (c.zero_at - 1)

    def gap(b: int, u: float) -> float:
        fa = max(0.0, 1 - (ratio[a] - 1) * u)
        fb = max(0.0, 1 - (ratio[b] - 1) * u)
        return fixed[a] - fixed[b] + k * (fa - fb)

    more: tuple[float, int] | None = None  # u above u0: zero_at down
    less: tuple[float, int] | None = None  # u below u0: zero_at up
    for b in range(len(prices)):
        if b == a:
            continue
        kinks = sorted({1 / (r - 1) for r in (ratio[a], ratio[b]) if r > 1})
        gap_b = functools.partial(gap, b)
        hit = _first_crossing(gap_b, u0, [x for x in kinks if x > u0], upward=True)
        if hit is not None and (more is None or hit < more[0]):
            more = (hit, b)
        hit = _first_crossing(
            gap_b,
            u0,
            [x for x in reversed(kinks) if x < u0] + [0.0],
            upward=False,
        )
        if hit is not None and hit > 0 and (less is None or hit > less[0]):
            less = (hit, b)
    out = []
    if more is not None:
        out.append(
            Reversal(
                "zero_at", c.id, "down", c.zero_at, _clean(1 + 1 / more[0]), tender.bids[more[1]].id
            )
        )
    if less is not None:
        out.append(
            Reversal(
                "zero_at", c.id, "up", c.zero_at, _clean(1 + 1 / less[0]), tender.bids[less[1]].id
            )
        )
    return out


def _first_crossing(
    gap: Callable[[float], float], start: float, points: list[float], *, upward: bool
) -> float | None:
    """The first x from ``start`` (through the kinks ``points``, in order) at which the
    piecewise-linear ``gap`` reaches 0 and turns negative just beyond it."""
    x0, g0 = start, gap(start)
    if g0 <= TIE:
        g0 = 0.0
    ends = list(points)
    if upward:
        ends.append(math.inf)
    for x1 in ends:
        if math.isinf(x1):  # beyond the last kink the gap is linear: follow its slope
            slope = gap(x0 + 1) - gap(x0)
            if slope < -TIE * 1e-3:
                return x0 + max(0.0, g0) / -slope
            return None
        g1 = gap(x1)
        if g0 == 0.0 and _turns_negative(gap, x0, x1):
            return x0
        if g1 < -TIE:
            return x0 + (x1 - x0) * g0 / (g0 - g1)
        x0, g0 = x1, (0.0 if abs(g1) <= TIE else g1)
    return None


def _turns_negative(gap: Callable[[float], float], x0: float, x1: float) -> bool:
    return bool(gap(x0 + (x1 - x0) * 1e-6) < 0)


def _clean(value: float) -> float:
    """Thresholds rounded to 10 significant digits (no float noise in the output)."""
    return float(f"{value:.10g}")
