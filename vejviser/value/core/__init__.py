"""The value core: a business case as a simulation (pure: numpy, no Django).

Load a case with :func:`load_case`, then :func:`deterministic`, :func:`monte_carlo`,
:func:`tornado` and :func:`scenarios`; :mod:`report` turns results into JSON-ready
dicts, :mod:`export` into KPIs and award criteria, :mod:`plots` into SVG.
"""

from __future__ import annotations

from vejviser.value.core.errors import CaseError, Problem
from vejviser.value.core.loader import load_case, load_text, parse_case
from vejviser.value.core.schema import Case, Input, InputOverride
from vejviser.value.core.simulate import (
    DEFAULT_ITERATIONS,
    Deterministic,
    Simulation,
    Summary,
    TornadoBar,
    deterministic,
    monte_carlo,
    scenarios,
    tornado,
)

__all__ = [
    "DEFAULT_ITERATIONS",
    "Case",
    "CaseError",
    "Deterministic",
    "Input",
    "InputOverride",
    "Problem",
    "Simulation",
    "Summary",
    "TornadoBar",
    "deterministic",
    "load_case",
    "load_text",
    "monte_carlo",
    "parse_case",
    "scenarios",
    "tornado",
]
