"""Samplers and summary values of the uncertainty ranges (vectorised numpy).

Each input draws from its own random stream, derived from the run's seed and the
input's id. So a run is reproducible by seed, independent of the chunk size, and two
scenarios of one case share their random numbers for every input they do not change
(common random numbers: the difference between vendor A and B is not sampling noise).
"""

from __future__ import annotations

import math
import zlib

import numpy as np
from numpy.typing import NDArray

from vejviser.value.core.schema import Input, Normal, Pert, Triangular, Uniform, unit_bounds

FloatArray = NDArray[np.float64]

#: z for the 5th/95th percentile; a normal input's tornado ends are its P5 and P95.
Z95 = 1.6448536269514722


def stream(seed: int, input_id: str) -> np.random.Generator:
    """The random stream of one input in a run with ``seed``."""
    key = zlib.crc32(input_id.encode("utf-8"))
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(key,))))


def base_value(inp: Input) -> float:
    """The deterministic figure: ``value``, else the range's centre."""
    if inp.value is not None:
        return inp.value
    rng = inp.range
    if isinstance(rng, Triangular | Pert):
        return rng.mode
    if isinstance(rng, Uniform):
        return (rng.low + rng.high) / 2
    if isinstance(rng, Normal):
        return rng.mean
    raise AssertionError("an input has a value or a range")  # schema guarantees it


def ends(inp: Input) -> tuple[float, float] | None:
    """The low and high values of the tornado (P5/P95 for a normal), or None if fixed."""
    rng = inp.range
    if rng is None:
        return None
    if isinstance(rng, Normal):
        lo, hi = unit_bounds(inp.unit)
        return (
            min(max(rng.mean - Z95 * rng.sd, lo), hi),
            min(max(rng.mean + Z95 * rng.sd, lo), hi),
        )
    return (rng.low, rng.high)


def mean(inp: Input) -> float:
    """The analytic mean of the sampled distribution (unclipped for a normal)."""
    rng = inp.range
    if rng is None:
        return base_value(inp)
    if isinstance(rng, Triangular):
        return (rng.low + rng.mode + rng.high) / 3
    if isinstance(rng, Pert):
        return (rng.low + 4 * rng.mode + rng.high) / 6
    if isinstance(rng, Uniform):
        return (rng.low + rng.high) / 2
    return rng.mean


def pert_shape(low: float, mode: float, high: float) -> tuple[float, float]:
    """The beta shape parameters (alpha, beta) of a PERT with weight 4."""
    width = high - low
    return 1 + 4 * (mode - low) / width, 1 + 4 * (high - mode) / width


def sample(inp: Input, gen: np.random.Generator, n: int) -> FloatArray | float:
    """``n`` draws of an input; a fixed input stays a scalar (cheaper broadcasting)."""
    rng = inp.range
    if rng is None:
        return base_value(inp)
    if isinstance(rng, Normal):
        lo, hi = unit_bounds(inp.unit)
        draws = gen.normal(rng.mean, rng.sd, n)
        if math.isfinite(lo) or math.isfinite(hi):
            np.clip(draws, lo, hi, out=draws)
        return draws
    if rng.high == rng.low:
        return float(rng.low)
    if isinstance(rng, Uniform):
        return gen.uniform(rng.low, rng.high, n)
    if isinstance(rng, Triangular):
        return gen.triangular(rng.low, rng.mode, rng.high, n)
    a, b = pert_shape(rng.low, rng.mode, rng.high)
    return rng.low + (rng.high - rng.low) * gen.beta(a, b, n)
