"""Word alignment (Levenshtein over words) with substitutions, deletions and insertions.

The edit-distance table is filled one reference word (row) at a time with NumPy: the
diagonal and vertical moves are elementwise, and the horizontal chain
``D[i, j] = min(T[j], D[i, j-1] + 1)`` is a running minimum of ``T[j] - j`` plus ``j``.
One backtrace from the end then counts the operations; among equally short alignments
it prefers a deletion, then a match or substitution, then an insertion (the choice that
most often splits errors as jiwer/RapidFuzz do; the total is the same for any choice).

WER = (S + D + I) / N with N the number of reference words (Morris et al. 2004, "From WER
and RIL to MER and WIL", Interspeech).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Alignment:
    hits: int
    substitutions: int
    deletions: int
    insertions: int

    @property
    def errors(self) -> int:
        return self.substitutions + self.deletions + self.insertions


def _ids(reference: Sequence[str], hypothesis: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    vocabulary: dict[str, int] = {}
    ref = np.fromiter(
        (vocabulary.setdefault(w, len(vocabulary)) for w in reference), dtype=np.int64
    )
    hyp = np.fromiter(
        (vocabulary.setdefault(w, len(vocabulary)) for w in hypothesis), dtype=np.int64
    )
    return ref, hyp


def align(reference: Sequence[str], hypothesis: Sequence[str]) -> Alignment:
    """Count hits, substitutions, deletions and insertions turning ``reference`` into
    ``hypothesis`` with the fewest edits."""
    n, m = len(reference), len(hypothesis)
    if n == 0 or m == 0:
        return Alignment(0, 0, n, m)
    ref, hyp = _ids(reference, hypothesis)
    dtype = np.uint16 if n + m < 65_535 else np.int32
    table = np.empty((n + 1, m + 1), dtype=dtype)
    columns = np.arange(m + 1, dtype=np.int64)
    table[0] = columns
    previous = columns.copy()
    candidate = np.empty(m + 1, dtype=np.int64)
    for i in range(1, n + 1):
        candidate[0] = i
        np.add(previous[:-1], hyp != ref[i - 1], out=candidate[1:])
        np.minimum(candidate[1:], previous[1:] + 1, out=candidate[1:])
        candidate -= columns
        np.minimum.accumulate(candidate, out=candidate)
        candidate += columns
        table[i] = candidate
        previous, candidate = candidate, previous
    hits = subs = dels = ins = 0
    i, j = n, m
    while i > 0 or j > 0:
        here = int(table[i, j])
        if i > 0 and here == int(table[i - 1, j]) + 1:
            dels += 1
            i -= 1
            continue
        if i > 0 and j > 0:
            same = ref[i - 1] == hyp[j - 1]
            if here == int(table[i - 1, j - 1]) + (0 if same else 1):
                hits += int(same)
                subs += int(not same)
                i, j = i - 1, j - 1
                continue
        ins += 1
        j -= 1
    return Alignment(hits, subs, dels, ins)
