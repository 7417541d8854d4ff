"""One sort of the scores, shared by the AUC, DeLong's variance, thresholds and the ROC.

Why a packed key: DeLong's method needs, for every positive case, how many negatives
score below it (and how many tie), and the same for every negative — the "placements".
Sorting the scores *with* their labels gives all of them in one pass over the sorted
order. NumPy sorts plain numbers much faster than it arg-sorts, so each score is packed
with its label into one unsigned 64-bit key: the IEEE-754 bits of a non-negative double
sort like the double itself and leave the top bit free, so ``bits << 1 | label`` keeps
every score exactly and sorts by score. Scores with negative values (e.g. logits) are
first shifted by their minimum (monotone under correct rounding; checked for collisions)
or, when ties make that check inconclusive, sorted as two halves (negated negatives,
reversed; then the non-negatives), which is exact. ``-0.0`` and ``+0.0`` pack to the
same key, as they should.

With the sorted labels, the k-th positive at sorted position i has ``i - k`` negatives
at or below its score (within a tie the negatives sort first); the negatives'
placements follow from the gaps between consecutive positives, so only the positives
are touched after the sort. Where a positive ties with negatives, the run of tied keys
is measured and the counts corrected (a tie counts one half). The two-halves path
counts per run of equal scores instead.
"""

from __future__ import annotations

import math
import sys
from functools import cached_property

import numpy as np
import numpy.typing as npt

from vejviser.evidence.core.vector import dot

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


_LITTLE_ENDIAN = sys.byteorder == "little"
_ONE = np.uint64(1)


# Keys below this are finite doubles when read as float64 (exponent field not all ones).
_FINITE_FLOAT_KEYS = np.uint64(0x7FF0_0000_0000_0000)


def _packed(scores: FloatArray, labels: BoolArray) -> npt.NDArray[np.uint64]:
    """Sorted keys ``bits(score) << 1 | label`` for non-negative ``scores``."""
    keys = np.ascontiguousarray(scores, dtype=np.float64).view(np.uint64) << _ONE
    np.add(keys, labels, out=keys, casting="unsafe")
    if keys.size and keys.max() < _FINITE_FLOAT_KEYS:
        # Scores below 1.5 (all probabilities): the keys are themselves finite
        # non-negative doubles in the same order, and NumPy sorts doubles fastest.
        keys.view(np.float64).sort()
    else:
        keys.sort()
    return keys


def _unpacked(keys: npt.NDArray[np.uint64]) -> FloatArray:
    return np.ascontiguousarray(keys >> _ONE).view(np.float64)


def _labels_of(keys: npt.NDArray[np.uint64]) -> BoolArray:
    if _LITTLE_ENDIAN and keys.flags.c_contiguous:
        return (keys.view(np.uint8)[::8] & 1).view(np.bool_)  # lowest byte of each key
    return (keys & _ONE).astype(np.bool_)


#: How many places to step along a run of tied scores before binary-searching instead.
_STEPS = 3


def _run_lengths(
    keys: npt.NDArray[np.uint64], first: IntArray, value: npt.NDArray[np.uint64], forward: bool
) -> IntArray:
    """How many consecutive ``keys`` from index ``first`` on (forward or backward) equal
    ``value``, which ``keys[first]`` does. Steps a few places for all runs at once (runs
    of finely rounded scores are short), then binary-searches the runs still open."""
    length = np.ones(first.size, dtype=np.int64)
    running = np.ones(first.size, dtype=np.bool_)
    direction = 1 if forward else -1
    for step in range(1, _STEPS + 1):
        # Past either end, "clip" reads the end element again; the cap below undoes that.
        running &= keys.take(first + direction * step, mode="clip") == value
        length += running
    open_ = np.flatnonzero(running)
    if open_.size:
        if forward:
            length[open_] = np.searchsorted(keys, value[open_], side="right") - first[open_]
        else:
            length[open_] = first[open_] + 1 - np.searchsorted(keys, value[open_], side="left")
    return np.minimum(length, keys.size - first if forward else first + 1)


def _cross_runs(
    keys: npt.NDArray[np.uint64], pos_idx: IntArray
) -> tuple[IntArray, npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Runs of sorted keys where positives tie with negatives.

    Returns, per run, the index k of its first positive among the positives, and the
    numbers e of tied negatives and f of tied positives (as floats, for the sums).
    """
    pos_keys = keys[pos_idx]
    # keys[-1] for a positive at position 0 is harmless: it cannot be one below keys[0].
    gap = keys[pos_idx - 1]
    np.subtract(pos_keys, gap, out=gap)
    k = np.flatnonzero(gap == _ONE)
    if k.size == 0:
        empty = np.zeros(0)
        return k, empty, empty
    # f: positives tied in the run (equal keys among the positives from k on);
    # e: negatives tied (equal keys just before the run's first positive).
    f = _run_lengths(pos_keys, k, pos_keys[k], forward=True)
    e = _run_lengths(keys, pos_idx[k] - 1, pos_keys[k] - _ONE, forward=False)
    return k, e.astype(np.float64), f.astype(np.float64)


def _any_tie(keys: npt.NDArray[np.uint64]) -> bool:
    """True when two sorted keys hold the same score (they differ at most in the label)."""
    return bool(np.any((keys[1:] ^ keys[:-1]) <= _ONE))


class RankedScores:
    """The scores of a binary problem sorted once, with DeLong's placement sums.

    For each positive case let ``r = 2 × (negatives scoring lower) + (negatives tied)``
    and for each negative ``q = 2 × (positives scoring higher) + (positives tied)``;
    DeLong's components are ``V10 = r / (2 n_neg)`` and ``V01 = q / (2 n_pos)``. Kept:

    - ``rank2_sum``: the sum of ``r`` (equal to the sum of ``q``), so
      ``AUC = rank2_sum / (2 n_pos n_neg)``;
    - ``pos_ssd`` and ``neg_ssd``: the sums of squared deviations of ``r`` and ``q``
      around their means, all the variance needs.
    """

    def __init__(self, scores: npt.ArrayLike, labels: npt.ArrayLike) -> None:
        x = np.asarray(scores, dtype=np.float64)
        y = np.asarray(labels, dtype=np.bool_)
        if x.ndim != 1 or x.shape != y.shape:
            raise ValueError("scores and labels must be 1-D arrays of the same length")
        self.n = int(x.size)
        self.n_pos = int(np.count_nonzero(y))
        self.n_neg = self.n - self.n_pos
        self._keys: npt.NDArray[np.uint64] | None = None
        self._vals: FloatArray | None = None
        self._unsorted: FloatArray | None = None
        if self.n == 0:
            self._lab = np.zeros(0, dtype=np.bool_)
        else:
            low = float(x.min())
            if low != low:
                raise ValueError("scores contain NaN")
            if low >= 0.0:
                self._keys = _packed(x, y)
            else:
                # Subtracting a constant is monotone under correct rounding, so the
                # shifted scores sort like the scores unless two distinct scores round
                # to the same value; that would show as a tie, and ties take the exact
                # path below. Scaling by a power of two (exact) brings them below 1.5,
                # where the keys sort as doubles.
                shifted = x - low
                span = float(shifted.max())
                if 1.0 <= span < math.inf:
                    shifted *= 2.0 ** -(math.frexp(span)[1])
                keys = _packed(shifted, y)
                del shifted
                if not _any_tie(keys):
                    self._keys, self._unsorted = keys, x
                else:
                    below = x < 0.0
                    low_keys = _packed(-x[below], y[below])[::-1]
                    high_keys = _packed(x[~below], y[~below])
                    self._vals = np.concatenate((-_unpacked(low_keys), _unpacked(high_keys)))
                    self._lab = np.concatenate((low_keys, high_keys)) & _ONE == 1
            if self._keys is not None:
                self._lab = _labels_of(self._keys)
        if self._keys is not None:
            self.rank2_sum, self.pos_ssd, self.neg_ssd = self._sorted_key_sums(self._keys)
            if self._unsorted is not None:
                self._keys = None  # shifted keys: the values come from sorting the scores
        else:
            self.rank2_sum, self.pos_ssd, self.neg_ssd = self._run_sums()

    # -- construction helpers ----------------------------------------------------------

    def _sorted_key_sums(self, keys: npt.NDArray[np.uint64]) -> tuple[int, float, float]:
        """Placement sums from packed keys sorted ascending (so within a run of equal
        scores the negatives come first); only the positives are visited, plus the runs
        where a positive ties with a negative."""
        m, n = self.n_pos, self.n_neg
        if m == 0 or n == 0:
            return 0, 0.0, 0.0
        pos_idx = np.flatnonzero(self._lab)
        # The k-th positive at position i has L = i - k negatives at or below its score.
        below = pos_idx - np.arange(m, dtype=np.int64)
        # Cross-class ties: runs whose first positive directly follows a negative of the
        # same score. Per run: k (its first positive), e negatives and f positives tied.
        k, e, f = _cross_runs(keys, pos_idx)
        tied = e * f  # tied pairs per run
        l_run = below[k].astype(np.float64)
        # r = 2 L - E for positives; q = 2 (m - K) - F for negatives, where K counts the
        # positives strictly below (the gap a negative falls into) and E, F the ties.
        total = 2 * int(below.sum()) - int(tied.sum())
        half_mu, half_nu = total / (2.0 * m), total / (2.0 * n)
        dev = below.astype(np.float64)
        dev -= half_mu
        pos_ssd = 4.0 * dot(dev, dev) - 4.0 * dot(tied, l_run - half_mu) + dot(tied, e)
        # Negatives in gap K (between the K-th and (K+1)-th positive) have m - K positives
        # above; summing (m - K - nu/2)^2 over them by parts gives
        # n (nu/2)^2 + sum_k L_k (2 (m - k - nu/2) - 1).
        dev += half_mu
        weight = np.arange(m, dtype=np.float64)
        weight *= -2.0
        weight += 2.0 * m - 2.0 * half_nu - 1.0
        gaps = n * half_nu * half_nu + dot(dev, weight)
        neg_ssd = 4.0 * gaps - 4.0 * dot(tied, (m - k) - half_nu) + dot(tied, f)
        return total, max(pos_ssd, 0.0), max(neg_ssd, 0.0)

    def _run_sums(self) -> tuple[int, float, float]:
        """Placement sums per run of equal scores, in any order within a run."""
        m, n = self.n_pos, self.n_neg
        if m == 0 or n == 0:
            return 0, 0.0, 0.0
        vals = self.values
        start = np.empty(self.n, dtype=np.bool_)
        start[0] = True
        np.not_equal(vals[1:], vals[:-1], out=start[1:])
        first = np.flatnonzero(start)
        pos_in = np.add.reduceat(self._lab, first, dtype=np.int64).astype(np.float64)
        neg_in = np.diff(first, append=self.n) - pos_in
        pos_rank2 = 2.0 * (np.cumsum(neg_in) - neg_in) + neg_in  # the same for a whole run
        neg_rank2 = 2.0 * (m - np.cumsum(pos_in)) + pos_in
        total = round(dot(pos_in, pos_rank2))
        dev_pos = pos_rank2 - total / m
        dev_neg = neg_rank2 - total / n
        return total, dot(pos_in, dev_pos * dev_pos), dot(neg_in, dev_neg * dev_neg)

    # -- views -------------------------------------------------------------------------

    @cached_property
    def values(self) -> FloatArray:
        """All scores in ascending order."""
        if self._vals is None:
            if self._unsorted is not None:
                self._vals = np.sort(self._unsorted)
            else:  # decode the keys in place: they are not needed after construction
                assert self._keys is not None
                keys, self._keys = self._keys, None
                keys >>= _ONE
                self._vals = keys.view(np.float64)
        return self._vals

    @cached_property
    def pos_sorted(self) -> FloatArray:
        """Scores of the positive cases, ascending."""
        return self.values[self._lab]

    @cached_property
    def neg_sorted(self) -> FloatArray:
        """Scores of the negative cases, ascending."""
        return self.values[~self._lab]

    def count_at_or_above(self, threshold: float) -> tuple[int, int]:
        """(positives, negatives) with score >= ``threshold``."""
        tp = self.n_pos - int(np.searchsorted(self.pos_sorted, threshold, side="left"))
        fp = self.n_neg - int(np.searchsorted(self.neg_sorted, threshold, side="left"))
        return tp, fp

    def quantiles(self, probabilities: npt.ArrayLike) -> FloatArray:
        """Score quantiles (the lower order statistic) read off the sorted scores."""
        q = np.asarray(probabilities, dtype=np.float64)
        index = np.clip(np.floor(q * (self.n - 1)).astype(np.int64), 0, max(self.n - 1, 0))
        return self.values[index]
