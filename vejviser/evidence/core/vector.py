"""Small vector helpers shared by the numeric cores."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def dot(a: npt.NDArray[np.floating], b: npt.NDArray[np.floating]) -> float:
    """The inner product of two 1-D float arrays, without BLAS.

    ``numpy.dot`` hands vectors to the BLAS library, which may start threads for long
    vectors; on a machine whose cores are shared (a laptop, a busy server) those threads
    can stall for milliseconds per call. ``einsum`` runs a single-threaded SIMD loop
    whose time is predictable.
    """
    return float(np.einsum("i,i->", a, b))
